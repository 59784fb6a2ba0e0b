package dev.layerwise.examples;

// The README's example, verbatim between the region markers, imports included: ReadmeTest checks the README shows
// exactly these lines, and the readme-example integration test (examples/src/it) compiles the README's block in an
// empty Maven project with only the README's dependency lines and runs it.
// region readme
import dev.layerwise.*;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.layers.*;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import java.nio.file.Path;

public class ReadmeExample {
  public static void main(String[] args) {
    FashionMnist.Splits data = FashionMnist.load();        // Debian's dataset-fashion-mnist, or $FASHION_MNIST_DIR
    Sequential model = Sequential.of(
        Input.shape(28, 28),
        Flatten.create(),
        Dense.units(128).withActivation(ActivationFn.RELU),
        Dense.units(10));                                               // logits
    System.out.println(model.summary());
    try (CompiledModel m = model.compile(Backend.named("tensorflow"), Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY)) {
      m.fit(data.train(), FitOptions.builder().epochs(5).batchSize(32).validationData(data.test()).build());
      System.out.println("test accuracy " + m.evaluate(data.test()).metric(Metric.ACCURACY));
      m.exportSavedModel(SavedModelExport.to(Path.of("target/fashion-mnist")).withOverwrite(true));
    }
  }
}
// endregion readme
