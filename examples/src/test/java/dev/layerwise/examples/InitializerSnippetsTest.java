package dev.layerwise.examples;

import static dev.layerwise.examples.SnippetAssertions.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.WeightSpec;
import dev.layerwise.NdValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The samples of {@code docs/initializers.md} ({@link InitializerSnippets}) build and run as the page says. */
class InitializerSnippetsTest {
  @Test
  void theInitializerSampleSetsWhatItSays() {
    Sequential model = InitializerSnippets.initializers();
    Map<String, WeightSpec> w = model.spec().weightSpecs();
    assertEquals(Initializer.glorotUniform(), w.get("dense/kernel").initializer());
    assertEquals(Initializer.zeros(), w.get("dense/bias").initializer());
    assertEquals(Initializer.heNormal(), w.get("dense_1/kernel").initializer());
    assertEquals(Initializer.randomNormal(0.01), w.get("dense_2/kernel").initializer());
    assertEquals(Initializer.constant(0.1), w.get("dense_2/bias").initializer());
    assertEquals(42, model.seed().getAsLong());
    // the same seed gives the same weights; the full name, not the position, picks the stream
    assertEquals(model.spec().initialWeights(42), InitializerSnippets.initializers().spec().initialWeights(42));
  }

  @Test
  void theSeluSampleUsesLecunNormal() {
    Sequential selu = InitializerSnippets.selu();
    assertEquals(List.of("input_layer", "dense", "dense_1", "dense_2"), selu.layerNames());
    assertEquals(Initializer.lecunNormal(), selu.spec().weightSpecs().get("dense/kernel").initializer());
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void equalInitialWeightsStayEqual(String name) {
    NdValue kernel = InitializerSnippets.symmetryTrap(Backend.named(name), random(64, Shape.of(4), 3, 7));
    assertEquals(Shape.of(4, 8), kernel.shape());
    boolean learned = false;
    for (int r = 0; r < 4; r++) {
      for (int c = 1; c < 8; c++) {
        assertEquals(kernel.getFlat(r * 8), kernel.getFlat(r * 8 + c), 1e-5, "row " + r + ", column " + c);
      }
      learned |= Math.abs(kernel.getFlat(r * 8) - 0.1) > 1e-3;
    }
    assertTrue(learned, "the kernel should have moved from 0.1: " + kernel);
  }
}
