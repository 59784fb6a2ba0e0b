package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.testing.ChildJvm;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The safety net on real TF objects, in a child JVM (a clean heap to collect, and its stderr to read): a forgotten
 * model's graph, session and feeds are freed once the collector finds it, a forgotten SavedModel too, each with
 * one warning naming the line that created it; a closed model is freed at close and never warned about.
 */
class TfLeakNetTest {
  private static final Pattern WARNING = Pattern.compile("WARN dev\\.layerwise\\.LeakNet - (.+?) created at"
      + " (\\S+) was never closed");

  @Test
  void forgottenModelsAreFreedWithOneWarningEachAndClosedOnesSilently() {
    ChildJvm.Outcome child = ChildJvm.run(ForgottenTfModels.class, List.of(), List.of(), 300);
    assertEquals(0, child.exitCode(), child.describe());
    assertTrue(child.stdout().contains("closed model freed at close: true"), child.describe());
    assertTrue(child.stdout().contains("forgotten model freed by the net: true"), child.describe());
    assertTrue(child.stdout().contains("forgotten SavedModel collected: true"), child.describe());
    Matcher m = WARNING.matcher(child.stderr());
    StringBuilder warned = new StringBuilder();
    while (m.find()) {
      warned.append(m.group(1)).append(" @ ").append(m.group(2).replaceAll(":\\d+\\)", ")")).append('\n');
    }
    String dir = "SavedModel .*forgotten-savedmodel.*/1";
    String[] lines = warned.toString().split("\n");
    assertEquals(2, lines.length, "one warning per forgotten object, none for the closed one:\n" + warned);
    List<String> sorted = List.of(lines).stream().sorted().toList(); // "SavedModel …" sorts before "TF model …"
    assertTrue(sorted.get(0).matches(dir + " @ dev\\.layerwise\\.tf\\.ForgottenTfModels\\.forgetSavedModel"
        + "\\(ForgottenTfModels\\.java\\)"), sorted.get(0));
    assertEquals("TF model 'forgotten' @ dev.layerwise.tf.ForgottenTfModels.compile(ForgottenTfModels.java)",
        sorted.get(1));
  }
}
