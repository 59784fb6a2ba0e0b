package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Evaluation;
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
import dev.layerwise.metrics.Auc;
import dev.layerwise.metrics.Averaging;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import java.io.PrintStream;
import java.util.List;

/**
 * The code samples of the guide page {@code docs/training.md} (losses and metrics), verbatim between
 * {@code // region NAME} and {@code // endregion NAME}. {@code DocSnippetsTest} checks that each {@code java} block
 * of the page shows exactly these lines and that its outputs are what they print; {@code TrainingSnippetsTest}
 * builds and runs each sample on both backends.
 */
public final class TrainingSnippets {
  private TrainingSnippets() {}

  /** The four losses beyond the squared error and the cross-entropies. */
  public static List<Loss> losses() {
    // region losses
    Loss mae = Loss.meanAbsoluteError();          // mean |p − y|
    Loss huber = Loss.huber().withDelta(0.5);     // ½e² for |e| ≤ 0.5, 0.5·|e| − 0.125 beyond
    Loss kld = Loss.klDivergence();               // Σ y·log(y/p), y and p clipped to [1e-7, 1]
    Loss hinge = Loss.categoricalHinge();         // max(best wrong score − true score + 1, 0)
    // endregion losses
    return List.of(mae, huber, kld, hinge);
  }

  /** A regression trained with Huber and judged by MAE and RMSE. */
  public static CompiledModel huberRegression(Backend backend) {
    // region huber-regression
    Sequential model = Sequential.of(Input.shape(8), Dense.units(32).withActivation(ActivationFn.RELU),
        Dense.units(1)).withSeed(7);
    CompiledModel m = model.compile(backend, Optimizer.adam(1e-2), Loss.huber(),
        Metric.meanAbsoluteError(), Metric.rootMeanSquaredError());
    // endregion huber-regression
    return m;
  }

  /** A student learning a teacher's soft targets through KL divergence: the model must end with softmax. */
  public static CompiledModel distillation(Backend backend) {
    // region kl-distillation
    Sequential student = Sequential.of(Input.shape(28, 28), Flatten.create(),
        Dense.units(10).withActivation(ActivationFn.SOFTMAX)).withSeed(7);
    CompiledModel m = student.compile(backend, Optimizer.adam(1e-3), Loss.klDivergence(), Metric.ACCURACY);
    // endregion kl-distillation
    return m;
  }

  /** The MLP with the metrics a classifier is usually judged by; prints the History keys. */
  public static CompiledModel metricsFit(Backend backend, Dataset train, Dataset test, PrintStream out) {
    // region metrics-fit
    CompiledModel m = FashionMnistMlp.model(42).compile(backend, Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true),
        Metric.ACCURACY, Metric.topK(3), Metric.precision(), Metric.recall(), Metric.f1Score(), Metric.auc());
    History history = m.fit(train, FitOptions.builder().epochs(2).validationData(test).quiet().build());
    out.println(history.keys());
    out.printf("val_auc %.4f, val_top_k %.4f%n", history.last("val_auc"),
        history.last("val_top_k_categorical_accuracy"));
    // endregion metrics-fit
    return m;
  }

  /** The confusion matrix and the per-class report of a trained classifier. */
  public static Evaluation report(CompiledModel m, Dataset test, PrintStream out) {
    // region classification-report
    Evaluation e = m.evaluate(test);
    out.print(e.confusionMatrix());
    out.print(e.classificationReport(FashionMnist.CLASS_NAMES));
    // endregion classification-report
    return e;
  }

  /** The settings of the class metrics and their keys. */
  public static List<Metric> metricVariants() {
    // region metric-variants
    List<Metric> metrics = List.of(
        Metric.precision(),                              // "precision": the mean over classes (macro)
        Metric.precision().withAverage(Averaging.MICRO),   // "precision_micro": pooled counts
        Metric.recall().withAverage(Averaging.WEIGHTED),   // "recall_weighted": weighted by class size
        Metric.f1Score().forClass(6),                    // "f1_score_class_6": Shirt alone
        Metric.auc().withCurve(Auc.Curve.PR),            // "pr_auc"
        Metric.binaryAccuracy().withThreshold(0.3),      // "binary_accuracy" of sigmoid outputs
        Metric.recall().withThreshold(0.3));             // sigmoid outputs: positive above 0.3
    // endregion metric-variants
    return metrics;
  }
}
