package dev.layerwise.examples;

import static dev.layerwise.examples.SnippetAssertions.random;
import static dev.layerwise.examples.SnippetAssertions.weight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.regularizers.Regularizer;
import dev.layerwise.NdValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The samples of {@code docs/regularization.md} ({@link RegularizationSnippets}) build and run as the page says. */
class RegularizationSnippetsTest {
  @Test
  void theRegularizerSampleAttachesThePenalties() {
    List<Layer> layers = RegularizationSnippets.regularizers();
    Shape vector = Shape.of(100);
    assertEquals(Regularizer.l2(1e-4), weight(layers.get(0), vector, "kernel").regularizer());
    assertEquals(Regularizer.l1(1e-5), weight(layers.get(1), vector, "kernel").regularizer());
    assertEquals(Regularizer.l1l2(1e-5, 1e-4), weight(layers.get(2), Shape.of(28, 28, 3), "kernel").regularizer());
    assertEquals(Regularizer.l2(1e-4), weight(layers.get(3), vector, "bias").regularizer());
    assertEquals(null, weight(layers.get(3), vector, "kernel").regularizer());
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void historyReportsThePenaltyAsRegularizationLoss(String name) {
    Sequential model = Sequential.of(Input.shape(4),
        Dense.units(3).withActivation(ActivationFn.RELU).withKernelRegularizer(Regularizer.l2(0.01)),
        Dense.units(2).withKernelRegularizer(Regularizer.l1(0.001)));
    try (CompiledModel m = model.compile(Backend.named(name), Optimizer.sgd(1e-9),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      Map<String, NdValue> w = m.weights();
      double expected = 0;
      for (double v : w.get("dense/kernel").toDoubleArray()) {
        expected += 0.01 * v * v;
      }
      for (double v : w.get("dense_1/kernel").toDoubleArray()) {
        expected += 0.001 * Math.abs(v);
      }
      History history = RegularizationSnippets.regularizationHistory(m, random(64, Shape.of(4), 2, 3));
      double[] penalty = history.get("regularization_loss");
      double[] loss = history.get("loss");
      assertEquals(2, penalty.length);
      for (int e = 0; e < 2; e++) {
        assertEquals(expected, penalty[e], 1e-5 * expected, "epoch " + (e + 1));
        assertTrue(loss[e] > penalty[e], "loss includes the penalty");
      }
    }
  }
}
