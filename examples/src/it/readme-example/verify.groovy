// What a user sees when running the README example: Keras-style progress on standard output (one line per epoch,
// as output here goes to a file, not a terminal), the test accuracy, the SavedModel on disk, and no complaint from
// SLF4J about a missing provider (the README's dependency block brings one).
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines()

(1..5).each { e -> assert lines.contains("Epoch ${e}/5".toString()) : "no 'Epoch ${e}/5' header in build.log" }
def epochLine = ~/^1875\/1875 - \d+s - \d+(us|ms|s)\/step - accuracy: 0\.\d{4} - learning_rate: 0\.0010 - loss: \d\.\d{4} - val_accuracy: 0\.\d{4} - val_loss: \d\.\d{4}$/
def epochLines = lines.findAll { it ==~ epochLine }
assert epochLines.size() == 5 : "expected 5 Keras-style epoch lines, found ${epochLines.size()}:\n${log}"
assert !log.contains('\u001b') : 'escape codes in the output of a program writing to a file'

def accuracy = lines.find { it.startsWith('test accuracy ') }
assert accuracy != null : 'no test accuracy line'
// The accuracy itself is FashionMnistMlpTest's business (seeded); this only shows the example learned.
assert Double.parseDouble(accuracy.substring('test accuracy '.length())) > 0.80 : accuracy

assert new File(basedir, 'target/fashion-mnist/1/saved_model.pb').isFile() : 'no SavedModel exported'
assert !log.contains('No SLF4J providers') : 'SLF4J found no provider with the README dependencies'
println "README example: ${epochLines.size()} epoch lines, ${accuracy}"
return true
