package dev.layerwise.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.ThreadBudget;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reference backend accepts a thread budget, keeps it, and computes exactly as without one. */
class RefThreadBudgetTest {
  private static Map<String, ?> trained(Backend backend) {
    float[] x = new float[64 * 3];
    float[] y = new float[64];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(i);
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) Math.cos(i);
    }
    try (CompiledModel m = Sequential.of(Input.shape(3), Dense.units(4).withActivation(ActivationFn.TANH),
        Dense.units(1)).withSeed(5).compile(backend, Optimizer.adam(1e-2), Loss.meanSquaredError())) {
      m.fit(Dataset.of(x, Shape.of(3), y, Shape.of(1)), FitOptions.builder().epochs(2).batchSize(16).seed(1)
          .verbose(0).build());
      return m.backendModel().weights();
    }
  }

  @Test
  void aBudgetIsKeptAndChangesNothing() {
    Backend budgeted = Backend.named("reference").withThreads(2, 1);
    assertEquals(Optional.of(new ThreadBudget(2, 1)), budgeted.threads());
    assertEquals("RefBackend[reference, threads intra-op 2, inter-op 1 (no effect)]", budgeted.toString());
    assertEquals(trained(Backend.named("reference")), trained(budgeted));
  }

  @Test
  void badBudgetsAreRefusedHereToo() {
    assertThrows(IllegalArgumentException.class, () -> Backend.named("reference").withThreads(0));
    assertThrows(IllegalArgumentException.class, () -> Backend.named("reference").withThreads(1, 1025));
  }
}
