package dev.layerwise.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.Capability;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefBackendTest {

  @Test
  void foundByNameThroughTheServiceLoader() {
    Backend b = Backend.named("Reference");
    assertInstanceOf(RefBackend.class, b);
    assertEquals("reference", b.name());
    assertEquals(Set.of(Capability.FLOAT64, Capability.ALWAYS_FLOAT64), b.capabilities());
  }

  @Test
  void cannotExportSavedModels() {
    var e = assertThrows(UnsupportedOperationException.class, () -> new RefBackend().savedModelExporter());
    assertTrue(e.getMessage().startsWith("backend 'reference' cannot export SavedModels"), e.getMessage());
  }

  @Test
  void fitsThroughTheApi() {
    // 2×2 "images" whose class is the brighter half: learnable by the MLP in a few epochs
    Random r = new Random(91);
    int n = 256;
    float[] x = new float[n * 4];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(2);
      for (int j = 0; j < 4; j++) {
        boolean bright = (j < 2) == (labels[i] == 0);
        x[i * 4 + j] = (float) ((bright ? 0.6 : 0) + 0.4 * r.nextDouble());
      }
    }
    Sequential model = Sequential.of(Input.shape(2, 2), Flatten.create(),
        Dense.units(8).withActivation(ActivationFn.RELU), Dense.units(2)).withSeed(5);
    try (CompiledModel m = model.compile(Backend.named("reference"), Optimizer.adam(0.01),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      History h = m.fit(Dataset.withClassLabels(x, Shape.of(2, 2), labels),
          FitOptions.builder().epochs(5).batchSize(32).quiet().stepsPerExecution(4).build());
      assertEquals(1, h.stepsPerExecution(), "no call cost to save: every step runs alone");
      double[] loss = h.get("loss");
      assertTrue(loss[4] < 0.5 * loss[0], "loss per epoch: " + java.util.Arrays.toString(loss));
    }
  }
}
