package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.ConfusionMatrix;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.testing.FakeBackend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code evaluate}'s confusion matrix: there for single-label classifiers, refused by name for other models. */
class EvaluationTest {
  @Test
  void aClassifiersEvaluationCarriesItsConfusionMatrix() {
    try (CompiledModel m = Sequential.of(Input.shape(2), Dense.units(3)).withSeed(1).compile(new FakeBackend(),
        Optimizer.sgd(0.1), Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY)) {
      Evaluation e = m.evaluate(Dataset.withClassLabels(new float[8], Shape.of(2), new int[] {0, 1, 2, 2}));
      assertTrue(e.hasConfusionMatrix());
      assertEquals(4, e.confusionMatrix().total());
      assertEquals(e.metric(Metric.ACCURACY), e.confusionMatrix().accuracy(), 1e-15);
      assertEquals(List.of("0", "1", "2"), e.classificationReport().classNames());
    }
  }

  @Test
  void aRegressionsEvaluationSaysItHasNone() {
    try (CompiledModel m = Sequential.of(Input.shape(2), Dense.units(1)).withSeed(1).compile(new FakeBackend(),
        Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      Evaluation e = m.evaluate(Dataset.of(new float[4], Shape.of(2), new float[2], Shape.of(1)));
      assertFalse(e.hasConfusionMatrix());
      IllegalStateException x = assertThrows(IllegalStateException.class, e::classificationReport);
      assertTrue(x.getMessage().startsWith("this evaluation has no confusion matrix"), x.getMessage());
    }
  }

  @Test
  void anEvaluationBuiltFromValuesAloneHasNone() {
    Evaluation e = new Evaluation(Map.of("loss", 0.5));
    assertFalse(e.hasConfusionMatrix());
    ConfusionMatrix m = ConfusionMatrix.of(new long[][] {{1, 0}, {0, 1}});
    assertArrayEquals(new long[][] {{1, 0}, {0, 1}}, new Evaluation(Map.of(), m).confusionMatrix().counts());
  }
}
