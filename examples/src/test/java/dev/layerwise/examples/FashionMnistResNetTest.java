package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Model;
import dev.layerwise.Shape;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.layers.Add;
import dev.layerwise.layers.Conv2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The residual example: its graph is the one its javadoc and the guide describe, and a small run (640 training
 * images, 2 epochs) learns on both backends. The full run's accuracy and times are measured by hand and recorded in
 * docs/functional.md (a test of the full run would take minutes).
 */
class FashionMnistResNetTest {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  /** The names of the layers whose outputs a layer takes. */
  private static List<String> inbound(Model m, String layer) {
    return m.output(layer).inbound().stream().map(t -> t.layer().name()).toList();
  }

  @Test
  void theGraphIsTwoResidualBlocksTheFirstWithAProjectedSkip() {
    Model m = FashionMnistResNet.model(42);
    assertEquals(List.of("image"), m.inputNames());
    assertEquals(List.of("logits"), m.outputNames());
    assertEquals(Shape.of(28, 28, 1), m.inputs().get(0).shape());
    // block 1 widens 16 → 32 channels at 14×14, so its skip is a 1×1 convolution with batch normalisation
    assertEquals(List.of("block_1_b_bn", "block_1_skip_bn"), inbound(m, "block_1_add"));
    assertEquals(List.of("pool_1"), inbound(m, "block_1_skip_conv"));
    assertEquals(Shape.of(14, 14, 32), m.output("block_1_add").shape());
    // block 2 keeps 32 channels at 7×7: the skip is pool_2's output itself
    assertEquals(List.of("block_2_b_bn", "pool_2"), inbound(m, "block_2_add"));
    assertEquals(List.of("pool_2"), inbound(m, "block_2_a_conv"));
    assertEquals(Shape.of(7, 7, 32), m.output("block_2_add").shape());
    assertEquals(2, m.layers().stream().filter(l -> l instanceof Add).count());
    assertEquals(6, m.layers().stream().filter(l -> l instanceof Conv2D).count());
    // convolutions 3·3·1·16 + 3·3·16·32 + 3·3·32·32 + 1·1·16·32 + 2·(3·3·32·32) = 32,912; batch norms 4·(16 + 5·32)
    // = 704; dense 1,568·128 + 128 = 200,832; logits 128·10 + 10 = 1,290
    assertEquals(32_912 + 704 + 200_832 + 1_290, m.parameterCount());
  }

  @Test
  void theSummaryShowsBothSkipConnections() {
    List<String> lines = Arrays.asList(FashionMnistResNet.model(42).summary().split("\n"));
    int add1 = indexOf(lines, "| block_1_add (Add)");
    assertEquals("block_1_b_bn[0][0],", connectedTo(lines.get(add1)));
    assertEquals("block_1_skip_bn[0][0]", connectedTo(lines.get(add1 + 1)));
    int add2 = indexOf(lines, "| block_2_add (Add)");
    assertEquals("block_2_b_bn[0][0],", connectedTo(lines.get(add2)));
    assertEquals("pool_2[0][0]", connectedTo(lines.get(add2 + 1)));
  }

  private static String connectedTo(String line) {
    String[] cells = line.split("\\|");
    return cells[cells.length - 1].strip();
  }

  private static int indexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no line starts with " + prefix + " in\n" + String.join("\n", lines));
  }

  @Test
  void theGuidesPictureIsOfThisModel() throws IOException {
    Path images = GuidePages.DOCS.resolve("images");
    assertEquals(Files.readString(images.resolve("fashion-mnist-resnet.dot")), FashionMnistResNet.model(42).toDot(),
        "docs/images/fashion-mnist-resnet.* are stale: redraw them with FashionMnistResNet --draw");
    byte[] png = Files.readAllBytes(images.resolve("fashion-mnist-resnet.png"));
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, PNG_MAGIC.length));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tensorflow", "reference"})
  void aSmallRunLearnsWellAboveChance(String backend) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    FashionMnistResNet.Settings s = new FashionMnistResNet.Settings(backend, 2, 32, FashionMnist.defaultDirectory(),
        42, 640, 500);
    FashionMnistResNet.Outcome o = FashionMnistResNet.run(s, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    System.out.print(buffer.toString(StandardCharsets.UTF_8));
    // ten classes: chance is 0.1
    assertTrue(o.testAccuracy() >= 0.5, "test accuracy " + o.testAccuracy() + " on " + backend);
    assertTrue(o.trainLoss().get(1) < o.trainLoss().get(0), "training loss per epoch " + o.trainLoss());
    assertEquals(2, o.secondsPerEpoch().size());
  }
}
