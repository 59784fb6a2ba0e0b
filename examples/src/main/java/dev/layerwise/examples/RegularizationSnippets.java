package dev.layerwise.examples;

import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Layer;
import dev.layerwise.regularizers.Regularizer;
import java.util.List;

/**
 * The code samples of the guide page {@code docs/regularization.md}, verbatim between {@code // region NAME} and {@code
 * // endregion NAME}. {@code DocSnippetsTest} checks that each {@code java} block of the page shows exactly these
 * lines; {@code RegularizationSnippetsTest} builds or runs each sample as the page describes it.
 */
public final class RegularizationSnippets {
  private RegularizationSnippets() {}

  /** The three penalties. */
  public static List<Layer> regularizers() {
    // region regularizers
    Dense ridge = Dense.units(256).withKernelRegularizer(Regularizer.l2(1e-4));       // + 1e-4·Σw²
    Dense lasso = Dense.units(256).withKernelRegularizer(Regularizer.l1(1e-5));       // + 1e-5·Σ|w|
    Conv2D elastic = Conv2D.of(32, 3)
        .withKernelRegularizer(Regularizer.l1l2(1e-5, 1e-4));                          // both
    Dense biased = Dense.units(10).withBiasRegularizer(Regularizer.l2(1e-4));         // rarely useful
    // endregion regularizers
    return List.of(ridge, lasso, elastic, biased);
  }

  /** The penalty as History reports it. */
  public static History regularizationHistory(CompiledModel m, Dataset train) {
    // region regularization-history
    History history = m.fit(train, FitOptions.builder().epochs(2).quiet().build());
    double[] penalty = history.get("regularization_loss");   // Σ R(w), averaged over the epoch like the loss
    double[] loss = history.get("loss");                     // data loss + penalty, as Keras reports it
    // endregion regularization-history
    return history;
  }
}
