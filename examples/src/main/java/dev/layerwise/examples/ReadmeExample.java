package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Progress;
import dev.layerwise.SavedModelExport;
import dev.layerwise.Sequential;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import java.nio.file.Path;

/**
 * The usage example of the README, verbatim between the region markers; {@code ReadmeTest} checks the README
 * still shows exactly these lines and runs this program, so the example cannot go stale.
 */
public final class ReadmeExample {
  private ReadmeExample() {}

  public static void main(String[] args) {
    // region readme
    FashionMnist.Splits data = FashionMnist.load();
    Sequential model = Sequential.of(
        Input.shape(28, 28),
        Flatten.create(),
        Dense.units(128).withActivation(ActivationFn.RELU),
        Dense.units(10));                                               // logits
    System.out.println(model.summary());
    try (CompiledModel m = model.compile(Backend.named("tensorflow"), Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY)) {
      m.fit(data.train(), FitOptions.builder().epochs(5).batchSize(32)
          .validationData(data.test()).callbacks(Progress.to(System.out)).build());
      System.out.println("test accuracy " + m.evaluate(data.test()).metric(Metric.ACCURACY));
      m.exportSavedModel(SavedModelExport.to(Path.of("target/fashion-mnist")).withOverwrite(true));
    }
    // endregion readme
  }
}
