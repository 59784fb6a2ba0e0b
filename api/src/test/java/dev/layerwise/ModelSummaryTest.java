package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSummaryTest {

  private static String mlpSummary() {
    return Sequential.of(Input.shape(28, 28), Flatten.create(), Dense.units(128).withActivation(ActivationFn.RELU),
        Dense.units(10)).withName("fashion_mlp").summary();
  }

  private static String rowOf(String summary, String layer) {
    return Arrays.stream(summary.split("\n")).filter(l -> l.contains(layer)).findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + layer + " in\n" + summary));
  }

  @Test
  void listsEachUserLayerWithTypeOutputShapeAndParameterCount() {
    String s = mlpSummary();
    String flatten = rowOf(s, "flatten (Flatten)");
    assertTrue(flatten.contains("(None, 784)") && flatten.matches(".*\\|\\s+0 \\|$"), flatten);
    String hidden = rowOf(s, "dense (Dense)");
    // 784·128 + 128
    assertTrue(hidden.contains("(None, 128)") && hidden.contains("100,480"), hidden);
    String out = rowOf(s, "dense_1 (Dense)");
    // 128·10 + 10
    assertTrue(out.contains("(None, 10)") && out.contains("1,290"), out);
  }

  @Test
  void rowsAreInModelOrderAndTheInputAndDesugaredNodesAreNotListed() {
    String s = mlpSummary();
    assertTrue(s.indexOf("flatten (Flatten)") < s.indexOf("dense (Dense)"));
    assertTrue(s.indexOf("dense (Dense)") < s.indexOf("dense_1 (Dense)"));
    assertFalse(s.contains("input_layer"), s);
    assertFalse(s.contains("dense_relu"), s);
  }

  @Test
  void totalsCountEveryParameterWithItsFloat32Size() {
    String s = mlpSummary();
    // 101,770 params · 4 bytes = 407,080 B = 397.54 KB
    assertTrue(s.contains("Total params: 101,770 (397.54 KB)"), s);
    assertTrue(s.contains("Trainable params: 101,770 (397.54 KB)"), s);
    assertTrue(s.contains("Non-trainable params: 0 (0.00 B)"), s);
  }

  @Test
  void startsWithTheModelNameAndHasAnAlignedTable() {
    String s = mlpSummary();
    List<String> lines = List.of(s.split("\n"));
    assertEquals("Model: \"fashion_mlp\"", lines.get(0));
    assertTrue(lines.get(2).startsWith("| Layer (type)") && lines.get(2).contains("Output Shape")
        && lines.get(2).contains("Param #"), lines.get(2));
    long widths = lines.stream().filter(l -> l.startsWith("|") || l.startsWith("+")).mapToInt(String::length)
        .distinct().count();
    assertEquals(1, widths, "every table line has the same width:\n" + s);
  }

  @Test
  void smallModelsPrintBytes() {
    String s = Sequential.of(Input.shape(3), Dense.units(2)).summary();
    // 3·2 + 2 = 8 params, 32 bytes
    assertTrue(s.contains("Total params: 8 (32.00 B)"), s);
  }
}
