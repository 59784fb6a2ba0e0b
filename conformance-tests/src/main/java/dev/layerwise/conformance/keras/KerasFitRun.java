package dev.layerwise.conformance.keras;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.schedules.LearningRateSchedule;

/** Keras's {@code test_fit_lr_correctness} through {@code CompiledModel.fit}, on one backend. */
final class KerasFitRun {
  private KerasFitRun() {}

  static History fit(String backend) {
    float[] x = new float[32];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    Dataset data = Dataset.of(x, Shape.of(2), x.clone(), Shape.of(2));
    Sequential model = Sequential.of(Input.shape(2), Dense.units(2).withKernelInitializer(Initializer.ones())
        .withBiasInitializer(Initializer.ones())).withSeed(1);
    Optimizer adam = Optimizer.adam(LearningRateSchedule.exponentialDecay(0.05, 1, 0.9));
    try (CompiledModel m = model.compile(Backend.named(backend), adam, Loss.meanSquaredError())) {
      return m.fit(data, FitOptions.builder().epochs(3).batchSize(4).shuffle(false).quiet().build());
    }
  }
}
