package dev.layerwise.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The noise reading: its measure on drawn curves, and a tiny batch against a healthy one on Fashion-MNIST. */
class StepNoiseTest {
  @Test
  void theMeasureIsTheStepNoiseRelativeToTheMeanAndIgnoresTheTrend() {
    Random r = new Random(4);
    double[] steps = new double[4000];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = 2.0 - i * 2e-4 + 0.3 * r.nextGaussian(); // mean 1.6, noise 0.3, a falling trend
    }
    assertEquals(0.3 / 1.6, CurveReading.relativeNoise(List.of(steps)), 0.01);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CurveReading.relativeNoise(List.of(new double[5])));
    assertTrue(e.getMessage().contains("at least 8 recorded steps"), e.getMessage());
  }

  /** Noise of a fit of the Fashion-MNIST MLP (784 → 64 → 10, Adam 1e-3) on 1,000 images at the given batch. */
  private static Check noiseAt(int batch) {
    Dataset train = FashionMnist.load().train().take(1_000);
    try (CompiledModel m = Sequential.of(Input.shape(28, 28), Flatten.create(),
        Dense.units(64).withActivation(ActivationFn.RELU), Dense.units(10)).withSeed(1)
        .compile(Backend.named("reference"), Optimizer.adam(1e-3),
            Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      StepLosses steps = new StepLosses();
      History h = m.fit(train, FitOptions.builder().epochs(2).batchSize(batch).quiet().callbacks(steps).build());
      assertEquals(2, steps.perEpoch().size());
      assertEquals((1_000 + batch - 1) / batch, steps.perEpoch().get(0).length);
      List<Check> checks = CurveReading.of(h, steps);
      return checks.get(checks.size() - 1);
    }
  }

  @Test
  void batchesOfTwoAreNoisyAndBatchesOf64AreNot() {
    Check tiny = noiseAt(2);
    assertEquals(Verdict.WARN, tiny.verdict(), tiny.toText());
    assertTrue(tiny.nextSteps().get(0).startsWith("Raise the batch size"), tiny.toText());
    Check healthy = noiseAt(64);
    assertEquals(Verdict.PASS, healthy.verdict(), healthy.toText());
  }
}
