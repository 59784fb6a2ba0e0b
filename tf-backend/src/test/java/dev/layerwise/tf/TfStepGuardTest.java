package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingDivergedException;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.TensorValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The TF side of the step guard where float32 is what overflows (the float64 reference backend takes these steps
 * without trouble, so they are not part of the shared contract): finite data whose loss overflows, finite
 * gradients whose square overflows in Adam's second moment, and an Adam rate that takes the weights to 1e38, where
 * the next loss overflows.
 */
class TfStepGuardTest {
  private static final FitOptions ONE_BATCH = FitOptions.builder().batchSize(8).quiet().build();

  /** Eight samples of four features, all equal to {@code value}, with targets 1. */
  private static Dataset constant(float value) {
    float[] x = new float[8 * 4];
    java.util.Arrays.fill(x, value);
    float[] y = new float[8];
    java.util.Arrays.fill(y, 1);
    return Dataset.of(x, Shape.of(4), y, Shape.of(1));
  }

  private static CompiledModel linear(Sequential model, Optimizer optimizer) {
    return model.compile(Backend.named("tensorflow"), optimizer, Loss.meanSquaredError());
  }

  @Test
  void finiteDataWhoseLossOverflowsIsRefusedAndCleanDataThenTrains() {
    Sequential model = Sequential.of(Input.shape(4), Dense.units(8).withActivation(ActivationFn.RELU),
        Dropout.rate(0.25), Dense.units(1)).withSeed(2);
    try (CompiledModel m = linear(model, Optimizer.adam(0.01))) {
      Map<String, TensorValue> before = m.backendModel().weights();
      Map<String, TensorValue> slots = m.backendModel().optimizerSlots();
      // 1e20 is a finite float32; the squared error of outputs near 1e20 is not.
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> m.fit(constant(1e20f),
          ONE_BATCH));
      assertEquals("the loss has +Inf values", e.reason());
      before.forEach((k, v) -> assertArrayEquals(v.data(), m.backendModel().weights().get(k).data(), k));
      slots.forEach((k, v) -> assertArrayEquals(v.data(), m.backendModel().optimizerSlots().get(k).data(), k));
      assertEquals(0, m.iterations());

      History h = m.fit(constant(0.5f), FitOptions.builder().epochs(30).batchSize(8).quiet().build());
      assertEquals(30, m.iterations());
      assertTrue(h.last("loss") < h.get("loss")[0], h.toString());
    }
  }

  @Test
  void aSecondMomentThatOverflowsFromAFiniteGradientIsUndone() {
    Sequential model = Sequential.of(Input.shape(4), Dense.units(1).withUseBias(false)).withSeed(4);
    try (CompiledModel m = linear(model, Optimizer.adam(0.001))) {
      Map<String, TensorValue> before = m.backendModel().weights();
      // Outputs ~1e18 give a finite loss (~1e36) and finite gradients (~1e36), whose squares overflow in v.
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> m.fit(constant(1e18f),
          ONE_BATCH));
      assertEquals("the updated 'dense/kernel/v' has +Inf values", e.reason());
      before.forEach((k, v) -> assertArrayEquals(v.data(), m.backendModel().weights().get(k).data(), k));
      m.backendModel().optimizerSlots().values().forEach(v ->
          assertTrue(java.util.Arrays.stream(v.data()).allMatch(d -> d == 0), "slots back at their start"));
    }
  }

  @Test
  void aRateThatMakesTheLossOverflowStopsTheStepAfter() {
    Sequential model = Sequential.of(Input.shape(4), Dense.units(1)).withSeed(6);
    try (CompiledModel m = linear(model, Optimizer.adam(1e38))) {
      Dataset data = constant(0.5f);
      m.fit(data, ONE_BATCH); // Adam moves each weight by about the rate: to ±1e38, still finite
      Map<String, TensorValue> before = m.backendModel().weights();
      float[] predicted = m.predict(data);
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> m.fit(data, ONE_BATCH));
      assertEquals(2, e.step());
      assertTrue(e.reason().startsWith("the loss has "), e.reason());
      assertArrayEquals(predicted, m.predict(data));
      before.forEach((k, v) -> assertArrayEquals(v.data(), m.backendModel().weights().get(k).data(), k));
      assertEquals(1, m.iterations());
    }
  }
}
