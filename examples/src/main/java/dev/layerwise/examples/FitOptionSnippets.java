package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Evaluation;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.data.Dataset;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.io.PrintStream;
import java.util.Map;

/**
 * The code samples of the section "Fit options" of {@code docs/training.md}, verbatim between
 * {@code // region NAME} and {@code // endregion NAME}. {@code DocSnippetsTest} checks the page shows exactly these
 * lines and what they print; {@code FitOptionSnippetsTest} checks what they do.
 */
public final class FitOptionSnippets {
  private FitOptionSnippets() {}

  /** The Fashion-MNIST MLP; each sample below trains a fresh one. */
  static CompiledModel mlp(Backend backend) {
    return FashionMnistMlp.model(42).compile(backend, Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true));
  }

  /** Holds out the last fifth of the training data; prints the History's keys and the last validation loss. */
  public static History validationSplit(Backend backend, Dataset train, PrintStream out) {
    try (CompiledModel m = mlp(backend)) {
      // region validation-split
      History history = m.fit(train, FitOptions.builder().epochs(2).validationSplit(0.2).quiet().build());
      out.printf("%s, val_loss %.4f%n", history.keys(), history.last("val_loss"));
      // endregion validation-split
      return history;
    }
  }

  /** Trains with shirts weighted 3 and prints the test loss, plain and with the same weights per sample. */
  public static Evaluation[] classWeights(Backend backend, Dataset train, Dataset test, PrintStream out) {
    try (CompiledModel m = mlp(backend)) {
      // region class-weight
      // shirts (class 6) are this classifier's weak spot: each counts 3 times in the training loss
      m.fit(train, FitOptions.builder().epochs(2).classWeight(Map.of(6, 3.0)).quiet().build());
      // endregion class-weight
      // region sample-weights
      double[] weights = new double[test.size()];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = test.label(i, 0) == 6 ? 3 : 1;
      }
      Evaluation plain = m.evaluate(test);
      Evaluation weighted = m.evaluate(test.withSampleWeights(weights));
      out.printf("test loss %.4f, with shirts weighted 3: %.4f%n", plain.loss(), weighted.loss());
      // endregion sample-weights
      return new Evaluation[] {plain, weighted};
    }
  }
}
