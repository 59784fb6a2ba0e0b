package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerwise.Backend;
import dev.layerwise.History;
import dev.layerwise.Model;
import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.Add;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.SymbolicTensor;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The samples of {@code docs/functional.md} ({@link FunctionalSnippets}) build and run as the page says. */
class FunctionalSnippetsTest {
  @TempDir Path dir;

  @Test
  void theResidualModelAddsItsInputToTheChange() {
    Model m = FunctionalSnippets.residual();
    assertEquals(List.of("x", "change"), m.spec().layers().stream().filter(n -> n.name().equals("add")).findFirst()
        .orElseThrow().inbound());
    // hidden and change 8·8 + 8 = 72 each, logits 8·3 + 3 = 27
    assertEquals(72 + 72 + 27, m.spec().parameterCount());
  }

  @Test
  void mergesHaveTheDocumentedShapesAndDoNotBroadcast() {
    assertEquals(List.of(Shape.of(4, 8), Shape.of(8, 3), Shape.of(4, 3)), FunctionalSnippets.mergeShapes());
    String message = mergeShapeError();
    for (String part : List.of("Add needs inputs of equal shapes (it does not broadcast)", "Input 'a'", "[4, 3]",
        "Input 'b'", "[4, 5]")) {
      assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
    }
  }

  /** What the page shows for {@code Add} applied to [4, 3] and [4, 5]. */
  static String mergeShapeError() {
    SymbolicTensor a = Input.shape(4, 3).withName("a").tensor();
    SymbolicTensor b = Input.shape(4, 5).withName("b").tensor();
    return assertThrows(IllegalArgumentException.class, () -> Add.create().apply(a, b)).getMessage();
  }

  @Test
  void aSharedLayerHasOneSetOfWeightsAndEqualRecordsHaveTwo() {
    Model siamese = FunctionalSnippets.siamese();
    assertEquals(List.of("encoder/kernel", "encoder/bias", "same/kernel", "same/bias"),
        List.copyOf(siamese.spec().weightSpecs().keySet()));
    assertEquals(24, FunctionalSnippets.twoLayers().spec().parameterCount());
    assertEquals(2, FunctionalSnippets.twoLayers().layers().stream().filter(l -> l.name().startsWith("dense"))
        .count());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, FunctionalSnippets::nameClash);
    assertTrue(e.getMessage().contains("to share a layer, apply the same object"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"tensorflow", "reference"})
  void twoInputsAndTwoOutputsTrainWithWeightedPerOutputLosses(String backend) {
    int n = 64;
    SeededRandom r = new SeededRandom(3);
    float[] image = new float[n * 16];
    float[] meta = new float[n * 3];
    int[] kinds = new int[n];
    float[] sizes = new float[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 16; j++) {
        image[i * 16 + j] = (float) r.nextGaussian();
      }
      for (int j = 0; j < 3; j++) {
        meta[i * 3 + j] = (float) r.nextGaussian();
      }
      kinds[i] = (image[i * 16] > 0 ? 2 : 0) + (image[i * 16 + 1] > 0 ? 1 : 0);  // learnable from the image
      sizes[i] = meta[i * 3] + meta[i * 3 + 1] - meta[i * 3 + 2];              // and from meta
    }
    History h = FunctionalSnippets.fitTwoTowers(FunctionalSnippets.twoTowers(), Backend.named(backend), image, meta,
        kinds, sizes);
    assertEquals(List.of("kind_accuracy", "kind_loss", "learning_rate", "loss", "size_loss"),
        h.keys().stream().sorted().toList());
    double total = h.last("loss");
    double expected = h.last("kind_loss") + 0.5 * h.last("size_loss");
    assertEquals(expected, total, 1e-4 * expected, "loss = kind_loss + 0.5 · size_loss");
    assertTrue(h.get("loss")[19] < 0.5 * h.get("loss")[0], "the loss falls: " + Arrays.toString(h.get("loss")));
  }

  @Test
  void theModelIsDrawnAsDotTextAndAPicture() throws IOException {
    assumeTrue(dotInstalled(), "Graphviz's dot is not on the PATH; install the graphviz package (bin/test does)");
    Path png = dir.resolve("residual.png");
    String dot = FunctionalSnippets.draw(FunctionalSnippets.residual(), png);
    assertTrue(dot.contains("  \"x\" -> \"add\";") && dot.contains("  \"change\" -> \"add\";"), dot);
    assertTrue(Files.size(png) > 1000, "a picture of " + Files.size(png) + " bytes");
  }

  static boolean dotInstalled() {
    String path = System.getenv("PATH");
    return path != null && Arrays.stream(path.split(File.pathSeparator))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "dot")));
  }
}
