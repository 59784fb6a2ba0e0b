// Turns this folder into "the README example copied into an empty Maven project with only the README's dependency
// lines": the first ```java block of the README becomes src/main/java/ReadmeExample.java and the first ```xml block
// replaces the <!-- README --> line of pom.xml, both verbatim. `readme` is set by the invoker configuration.
def text = new File(readme).getText('UTF-8')

def block = { String lang ->
  def start = text.indexOf('```' + lang + '\n')
  assert start >= 0 : "README.md has no ```${lang} block"
  def from = start + lang.length() + 4
  text.substring(from, text.indexOf('```', from))
}

def java = block('java')
assert java.contains('public class ReadmeExample') : 'the README example is no longer class ReadmeExample'
def source = new File(basedir, 'src/main/java/ReadmeExample.java')
source.parentFile.mkdirs()
source.setText(java, 'UTF-8')

def pom = new File(basedir, 'pom.xml')
def template = pom.getText('UTF-8')
assert template.contains('<!-- README -->')
pom.setText(template.replace('<!-- README -->', block('xml')), 'UTF-8')
return true
