package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.FashionMnist;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job end to end on real data (Debian's dataset-fashion-mnist, which bin/test installs): 5 epochs of
 * the MLP on each backend, test accuracy, SavedModel export and reload.
 */
class FashionMnistMlpTest {
  @TempDir Path dir;

  private static FashionMnistMlp.Outcome run(String backend, Path export) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    FashionMnistMlp.Settings s = new FashionMnistMlp.Settings(backend, 5, 32, export,
        FashionMnist.defaultDirectory(), 42);
    FashionMnistMlp.Outcome o = FashionMnistMlp.run(s, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    System.out.print(buffer.toString(StandardCharsets.UTF_8));
    return o;
  }

  @Test
  void tensorflowReachesTheTargetAccuracyAndItsSavedModelPredictsTheSame() {
    FashionMnistMlp.Outcome o = run("tensorflow", dir.resolve("tf"));
    assertTrue(o.testAccuracy() >= 0.87, "test accuracy " + o.testAccuracy());
    assertTrue(o.maxReloadDifference() <= 1e-6, "reloaded SavedModel differs by " + o.maxReloadDifference());
    assertTrue(o.reloadMatches());
    try (dev.layerwise.CompiledModel m = dev.layerwise.CompiledModel.load(dir.resolve("tf.layerwise"),
        dev.layerwise.Backend.named("reference"))) {
      assertTrue(m.trainingState().epochs() == 5, "the archive holds the 5 epochs trained");
    }
  }

  @Test
  void referenceBackendReachesItsTargetAndExportsThroughTensorflow() {
    FashionMnistMlp.Outcome o = run("reference", dir.resolve("ref"));
    assertTrue(o.testAccuracy() >= 0.85, "test accuracy " + o.testAccuracy());
    // The reference computes in double; the SavedModel holds its weights in float32.
    assertTrue(o.maxReloadDifference() <= 1e-4, "reloaded SavedModel differs by " + o.maxReloadDifference());
    assertTrue(o.reloadMatches());
  }
}
