package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Sequential;
import dev.layerwise.check.GradientCheck;
import dev.layerwise.check.GradientCheckReport;
import dev.layerwise.data.Dataset;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;

/**
 * The code samples of the guide page {@code docs/gradient-check.md}, verbatim between {@code // region NAME} and
 * {@code // endregion NAME}. {@code DocSnippetsTest} checks that each {@code java} block of the page shows exactly
 * these lines; {@code GradientCheckSnippetsTest} runs each sample.
 */
public final class GradientCheckSnippets {
  private GradientCheckSnippets() {}

  /** Checking a model as it is being trained, then asserting it. */
  public static GradientCheckReport compiled(Sequential model, Dataset train) {
    GradientCheckReport report;
    // region check-compiled
    try (CompiledModel m = model.compile(Backend.named("tensorflow"), Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY)) {
      m.fit(train.take(2_000), 1, 32);
      report = GradientCheck.of(m)          // its layers, loss and current weights, on the reference backend
          .data(train)                      // the first 8 samples, dropout masks frozen
          .run();
      System.out.println(report);
      report.orThrow();                     // GradientCheckException with the report if anything failed
    }
    // endregion check-compiled
    return report;
  }

  /** Before compiling anything, at the seeded initial weights; TensorFlow in float64. */
  public static GradientCheckReport options(Sequential model, Dataset train) {
    // region check-options
    GradientCheckReport report = GradientCheck.of(model, Loss.sparseCategoricalCrossentropy().withFromLogits(true))
        .data(train)
        .samples(4)                         // batch size of the check (default 8)
        .onBackend("tensorflow")            // opt-in: TF's autodiff in float64 (default: the reference backend)
        .tolerance(1e-5)                    // relative, per comparison (the default)
        .elementsPerTensor(16)              // how many elements of a failing tensor to probe (the default)
        .seed(7)                            // random directions and dropout masks
        .run();
    // endregion check-options
    return report;
  }
}
