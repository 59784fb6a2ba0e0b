package dev.layerwise.doctor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
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
import dev.layerwise.schedules.ExponentialDecay;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** StepRates records the rate and loss of every step of a fit with a decaying schedule. */
class StepRatesTest {
  @Test
  void everyStepsRateIsTheSchedulesAndItsLossIsRecorded() {
    Random r = new Random(3);
    float[] x = new float[64 * 4];
    int[] y = new int[64];
    for (int i = 0; i < y.length; i++) {
      y[i] = i % 2;
      for (int j = 0; j < 4; j++) {
        x[4 * i + j] = (float) (r.nextGaussian() + (y[i] == 1 ? 1 : -1));
      }
    }
    Dataset data = Dataset.withClassLabels(x, Shape.of(4), y);
    ExponentialDecay schedule = new ExponentialDecay(0.1, 4, 0.5, false);
    StepRates steps = new StepRates();
    History h;
    try (CompiledModel m = Sequential.of(Input.shape(4), Dense.units(2)).withSeed(1).compile(Backend.named(
        "reference"), Optimizer.sgd(schedule), Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      h = m.fit(data, FitOptions.builder().epochs(3).batchSize(16).quiet().callbacks(steps).build());
    }
    double[] rates = steps.rates();
    assertEquals(12, rates.length, "3 epochs of 4 steps");
    for (int t = 0; t < rates.length; t++) {
      // update t + 1 uses the schedule at t: 0.1 · 0.5^(t/4)
      assertEquals(0.1 * Math.pow(0.5, t / 4.0), rates[t], 1e-12, "step " + (t + 1));
    }
    assertArrayEquals(h.learningRates(), rates, 0.0);
    double[] losses = steps.losses();
    assertEquals(12, losses.length);
    for (double l : losses) {
      assertTrue(l > 0 && Double.isFinite(l), "a cross-entropy step loss: " + l);
    }
    assertFalse(steps.needsEveryStep(), "it only records");
  }
}
