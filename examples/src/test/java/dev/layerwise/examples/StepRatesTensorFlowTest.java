package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.doctor.StepRates;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.schedules.ExponentialDecay;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The doctor's {@link StepRates} on the TensorFlow backend, in a fit that runs 4 steps per backend call: the rate
 * the context reports before each step is the one the step uses, also for the first step of a call (it reported the
 * call's last step's rate there before the training loop set each step's own; the reference backend has no
 * multi-step mode to test this on).
 */
class StepRatesTensorFlowTest {
  @Test
  void everyStepsOwnRateIsRecordedInMultiStepCalls() {
    Random r = new Random(3);
    float[] x = new float[64 * 4];
    int[] y = new int[64];
    for (int i = 0; i < y.length; i++) {
      y[i] = i % 2;
      for (int j = 0; j < 4; j++) {
        x[4 * i + j] = (float) r.nextGaussian();
      }
    }
    StepRates steps = new StepRates();
    History h;
    try (CompiledModel m = Sequential.of(Input.shape(4), Dense.units(2)).withSeed(1).compile(
        Backend.named("tensorflow"), Optimizer.sgd(new ExponentialDecay(0.1, 4, 0.5, false)),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      h = m.fit(Dataset.withClassLabels(x, Shape.of(4), y), FitOptions.builder().epochs(1).batchSize(8)
          .stepsPerExecution(4).quiet().callbacks(steps).build());
    }
    assertEquals(4, h.stepsPerExecution(), "StepRates only records: the fit keeps its multi-step calls");
    double[] expected = new double[8];
    for (int t = 0; t < expected.length; t++) {
      expected[t] = 0.1 * Math.pow(0.5, t / 4.0);                  // update t + 1 uses the schedule at t
    }
    assertArrayEquals(expected, steps.rates(), 1e-12);
    assertArrayEquals(h.learningRates(), steps.rates(), 0.0);
    assertEquals(8, steps.losses().length);
  }
}
