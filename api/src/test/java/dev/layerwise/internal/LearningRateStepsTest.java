package dev.layerwise.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.schedules.LearningRateSchedule;
import dev.layerwise.testing.FakeBackend;
import dev.layerwise.testing.FakeBackend.Call;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The step-indexing contract, through {@code CompiledModel.fit} on a backend that records the learning rate of each
 * {@code trainStep}: update t (1-based) is sent {@code schedule.at(t − 1)} together with t, the count goes on
 * across {@code fit} calls, evaluation does not advance it, and {@code History} reports every update's rate
 * ({@code learningRates()}) and each epoch's last one ({@code learning_rate}).
 *
 * <p>10 samples in batches of 4 make 3 updates per epoch.
 */
class LearningRateStepsTest {
  private final FakeBackend fake = new FakeBackend();

  private static Dataset tenSamples() {
    float[] x = new float[20];
    int[] labels = new int[10];
    for (int i = 0; i < 10; i++) {
      x[2 * i] = i;
      labels[i] = i % 3;
    }
    return Dataset.withClassLabels(x, Shape.of(2), labels);
  }

  private CompiledModel compile(Optimizer optimizer) {
    return Sequential.of(Input.shape(2), Dense.units(3)).withSeed(3).compile(fake, optimizer,
        Loss.sparseCategoricalCrossentropy().withFromLogits(true));
  }

  private static FitOptions epochs(int n) {
    return FitOptions.builder().epochs(n).batchSize(4).quiet().build();
  }

  private List<Call> steps() {
    return fake.onlyModel().calls("trainStep");
  }

  private double[] sentRates() {
    return steps().stream().mapToDouble(Call::learningRate).toArray();
  }

  @Test
  void updateTIsSentTheRateAfterTMinusOneUpdates() {
    // η_s = 0.1 · 0.5^s: update t gets 0.1 · 0.5^(t−1)
    double[] expected = {0.1, 0.05, 0.025, 0.0125, 0.00625, 0.003125};
    try (CompiledModel m = compile(Optimizer.sgd(LearningRateSchedule.exponentialDecay(0.1, 1, 0.5)))) {
      History h = m.fit(tenSamples(), epochs(2));
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), steps().stream().map(Call::step).toList());
      assertArrayEquals(expected, sentRates(), 1e-15);
      assertArrayEquals(expected, h.learningRates(), 0.0, "History.learningRates(): what was sent, in order");
      // each epoch reports the rate of its last update: updates 3 and 6
      assertArrayEquals(new double[] {0.025, 0.003125}, h.get("learning_rate"), 1e-15);
    }
  }

  @Test
  void anUpdateAtExactlyABoundaryStillGetsTheEarlierValue() {
    // 0.3 for s ≤ 2, 0.2 for 2 < s ≤ 4, 0.1 after: update 3 is at(2), a boundary
    LearningRateSchedule steps = LearningRateSchedule.piecewiseConstant(new long[] {2, 4},
        new double[] {0.3, 0.2, 0.1});
    try (CompiledModel m = compile(Optimizer.adam(steps))) {
      History h = m.fit(tenSamples(), epochs(2));
      assertArrayEquals(new double[] {0.3, 0.3, 0.3, 0.2, 0.2, 0.1}, sentRates(), 0.0);
      assertArrayEquals(new double[] {0.3, 0.1}, h.get("learning_rate"), 0.0);
    }
  }

  @Test
  void aSecondFitContinuesTheSchedule() {
    // triangular, 0.01 ↔ 0.11, half a cycle every 2 updates: at(0..8) = 0.01 0.06 0.11 0.06 0.01 0.06 0.11 0.06 0.01
    try (CompiledModel m = compile(Optimizer.rmsprop(0.1).withLearningRate(
        LearningRateSchedule.cyclical(0.01, 0.11, 2)))) {
      History first = m.fit(tenSamples(), epochs(1));
      History second = m.fit(tenSamples(), epochs(2));
      assertArrayEquals(new double[] {0.01, 0.06, 0.11}, first.learningRates(), 1e-15);
      assertArrayEquals(new double[] {0.06, 0.01, 0.06, 0.11, 0.06, 0.01}, second.learningRates(), 1e-15,
          "the second fit's own updates 4..9, at(3..8)");
      assertArrayEquals(new double[] {0.01, 0.06, 0.11, 0.06, 0.01, 0.06, 0.11, 0.06, 0.01}, sentRates(), 1e-15);
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), steps().stream().map(Call::step).toList());
      assertArrayEquals(new double[] {0.11}, first.get("learning_rate"), 1e-15);
      assertArrayEquals(new double[] {0.06, 0.01}, second.get("learning_rate"), 1e-15);   // updates 6 and 9
      assertEquals(9, m.iterations());
    }
  }

  @Test
  void evaluationAndValidationDoNotAdvanceTheSchedule() {
    try (CompiledModel m = compile(Optimizer.sgd(LearningRateSchedule.inverseTimeDecay(0.1, 1.0)))) {
      m.evaluate(tenSamples());
      m.predict(tenSamples());
      History h = m.fit(tenSamples(), FitOptions.builder().epochs(2).batchSize(4).validationData(tenSamples())
          .quiet().build());
      // η_s = 0.1 / (1 + s)
      assertArrayEquals(new double[] {0.1, 0.05, 0.1 / 3, 0.025, 0.02, 0.1 / 6}, h.learningRates(), 1e-15);
      for (Call c : fake.onlyModel().calls("evaluate")) {
        assertTrue(Double.isNaN(c.learningRate()), "evaluate is sent no rate");
      }
    }
  }

  @Test
  void aWarmupSpanningEpochsIsFollowedStepByStep() {
    // 2 warm-up steps from 0.01 to 0.1, then 0.1 · ½(1 + cos(π·(s − 2)/4))
    try (CompiledModel m = compile(Optimizer.adamW(1e-3, 0.01).withLearningRate(
        LearningRateSchedule.cosineDecay(0.01, 4).withWarmup(2, 0.1)))) {
      History h = m.fit(tenSamples(), epochs(3));
      double r = Math.sqrt(0.5);
      assertArrayEquals(new double[] {0.01, 0.055, 0.1, 0.05 * (1 + r), 0.05, 0.05 * (1 - r), 0, 0, 0},
          h.learningRates(), 1e-15);
    }
  }

  @Test
  void aConstantRateIsReportedEveryEpoch() {
    try (CompiledModel m = compile(Optimizer.nadam(0.002))) {
      History h = m.fit(tenSamples(), epochs(3));
      assertArrayEquals(new double[] {0.002, 0.002, 0.002}, h.get("learning_rate"), 0.0);
      assertEquals(9, h.learningRates().length);
      assertArrayEquals(new double[] {0.002, 0.002, 0.002, 0.002, 0.002, 0.002, 0.002, 0.002, 0.002},
          sentRates(), 0.0);
    }
  }

  @Test
  void aScheduleThatOverflowsStopsTrainingBeforeReachingTheBackend() {
    FakeBackend fake = new FakeBackend();
    try (CompiledModel m = Sequential.of(Input.shape(2),
        Dense.units(3)).withSeed(1).compile(fake,
        Optimizer.sgd(LearningRateSchedule.exponentialDecay(0.1, 1, 1e300)),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      float[] x = new float[2 * 8];
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> m.fit(Dataset.withClassLabels(x, Shape.of(2), new int[8]),
              FitOptions.builder().epochs(1).batchSize(2).quiet().build()));
      assertTrue(e.getMessage().contains("Infinity")
          && e.getMessage().contains("update 3"), e.getMessage());
      assertEquals(2, fake.onlyModel().calls("trainStep").size());
    }
  }
}
