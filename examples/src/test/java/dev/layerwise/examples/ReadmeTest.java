package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's usage example is {@link ReadmeExample}'s region, imports included, line for line. That it compiles
 * and runs in a project of a user's with only the README's dependency block is the readme-example integration test
 * (src/it/readme-example, run by {@code mvn verify}).
 */
class ReadmeTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCE = Path.of("src/main/java/dev/layerwise/examples/ReadmeExample.java");

  private static List<String> stripped(List<String> lines) {
    return lines.stream().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toList());
  }

  @Test
  void readmeShowsTheCompiledExample() throws IOException {
    List<String> source = Files.readAllLines(SOURCE);
    int from = source.indexOf("// region readme");
    int to = source.indexOf("// endregion readme");
    assertTrue(from >= 0 && to > from, "region markers missing in " + SOURCE);
    List<String> region = stripped(source.subList(from + 1, to));

    String readme = Files.readString(README);
    int start = readme.indexOf("```java\n");
    assertTrue(start >= 0, "README has no java block");
    int end = readme.indexOf("```", start + 8);
    List<String> block = stripped(List.of(readme.substring(start + 8, end).split("\n")));
    assertEquals(region, block, "README's example and ReadmeExample.java differ");
    assertTrue(block.size() <= 30, "the README example should stay short: " + block.size() + " lines");
  }

  @Test
  void readmeStartsWithTheTwoCommands() throws IOException {
    String readme = Files.readString(README);
    int start = readme.indexOf("```bash\n");
    int end = readme.indexOf("```", start + 8);
    List<String> commands = readme.substring(start + 8, end).lines().map(l -> l.replaceAll("\\s*#.*$", "").strip())
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    assertEquals(List.of("bin/fashion-mnist", "bin/test"), commands);
    assertTrue(start < readme.indexOf("```java"), "the commands come first");
  }
}
