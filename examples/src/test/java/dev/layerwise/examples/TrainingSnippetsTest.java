package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Evaluation;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.losses.CategoricalHinge;
import dev.layerwise.losses.Huber;
import dev.layerwise.losses.KLDivergence;
import dev.layerwise.losses.MeanAbsoluteError;
import dev.layerwise.metrics.Metric;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The samples of {@code docs/training.md} ({@link TrainingSnippets}) build and run as the page says. */
class TrainingSnippetsTest {
  /** What the page's metrics run printed and evaluated, computed once per JVM (it trains on 10,000 images). */
  record PageRun(String fitOutput, String reportOutput, Evaluation evaluation) {}

  private static PageRun pageRun;

  /** The page's run: the reference backend, the first 10,000 training images, the 10,000 test images. */
  static synchronized PageRun pageRun() {
    if (pageRun == null) {
      FashionMnist.Splits data = FashionMnist.load();
      ByteArrayOutputStream fit = new ByteArrayOutputStream();
      ByteArrayOutputStream report = new ByteArrayOutputStream();
      try (CompiledModel m = TrainingSnippets.metricsFit(Backend.named("reference"), data.train().take(10_000),
          data.test(), new PrintStream(fit, true, StandardCharsets.UTF_8))) {
        Evaluation e = TrainingSnippets.report(m, data.test(), new PrintStream(report, true, StandardCharsets.UTF_8));
        pageRun = new PageRun(fit.toString(StandardCharsets.UTF_8), report.toString(StandardCharsets.UTF_8), e);
      }
    }
    return pageRun;
  }

  @Test
  void theLossSamplesBuildWhatTheCommentsSay() {
    assertEquals(List.of(new MeanAbsoluteError(), new Huber(0.5), new KLDivergence(), new CategoricalHinge()),
        TrainingSnippets.losses());
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void huberRegressionLearnsPastItsOutliersAndReportsMaeAndRmse(String backend) {
    SeededRandom r = new SeededRandom(3);
    int n = 256;
    float[] x = new float[n * 8];
    float[] clean = new float[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < 8; j++) {
        x[i * 8 + j] = (float) r.nextGaussian();
        s += x[i * 8 + j] * (j % 2 == 0 ? 0.5 : -0.25);
      }
      clean[i] = (float) s;
      y[i] = (float) (i % 16 == 0 ? s + 20 : s); // one target in 16 is an outlier
    }
    Dataset withOutliers = Dataset.of(x, Shape.of(8), y, Shape.of(1));
    Dataset truth = Dataset.of(x, Shape.of(8), clean, Shape.of(1));
    try (CompiledModel m = TrainingSnippets.huberRegression(Backend.named(backend))) {
      double before = m.evaluate(truth).metric(Metric.meanAbsoluteError());
      History h = m.fit(withOutliers, FitOptions.builder().epochs(20).batchSize(32).quiet().build());
      double after = m.evaluate(truth).metric(Metric.meanAbsoluteError());
      assertTrue(after < 0.3 * before, "MAE on the clean targets: " + before + " → " + after);
      double[] mae = h.get("mean_absolute_error");
      double[] rmse = h.get("root_mean_squared_error");
      for (int e = 0; e < 20; e++) {
        assertTrue(rmse[e] >= mae[e], "the root of the mean square is at least the mean absolute error");
      }
      // on the training targets the outliers dominate the squared error, not the absolute one
      assertTrue(rmse[19] > 2 * mae[19], "RMSE " + rmse[19] + ", MAE " + mae[19]);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void theStudentLearnsSoftTargets(String backend) {
    SeededRandom r = new SeededRandom(4);
    int n = 64;
    float[] x = new float[n * 784];
    float[] y = new float[n * 10];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 784; j++) {
        x[i * 784 + j] = (float) r.nextUniform();
      }
      int c = i % 10;
      for (int k = 0; k < 10; k++) {
        y[i * 10 + k] = k == c ? 0.82f : 0.02f; // a teacher's smoothed distribution
      }
    }
    try (CompiledModel m = TrainingSnippets.distillation(Backend.named(backend))) {
      History h = m.fit(Dataset.of(x, Shape.of(28, 28), y, Shape.of(10)),
          FitOptions.builder().epochs(40).batchSize(16).quiet().build());
      double[] loss = h.get("loss");
      assertTrue(loss[39] < 0.5 * loss[0], "the divergence falls: " + loss[0] + " → " + loss[39]);
      assertTrue(h.last("accuracy") > 0.9, "accuracy " + h.last("accuracy"));
    }
  }

  @Test
  void theMetricsRunOnTensorflowLogsEveryKey() {
    FashionMnist.Splits data = FashionMnist.load();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CompiledModel m = TrainingSnippets.metricsFit(Backend.named("tensorflow"), data.train().take(5_000),
        data.test().take(2_000), new PrintStream(out, true, StandardCharsets.UTF_8))) {
      Evaluation e = TrainingSnippets.report(m, data.test().take(2_000), new PrintStream(new ByteArrayOutputStream(),
          true, StandardCharsets.UTF_8));
      assertTrue(e.metric(Metric.ACCURACY) > 0.7, "accuracy " + e.metric(Metric.ACCURACY));
      assertTrue(e.metric(Metric.topK(3)) > e.metric(Metric.ACCURACY), "top-3 beats top-1");
      assertEquals(2_000, e.confusionMatrix().total());
    }
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("[loss, accuracy, top_k_categorical_accuracy,"
        + " precision, recall, f1_score, auc, learning_rate, val_loss, val_accuracy, val_top_k_categorical_accuracy,"
        + " val_precision, val_recall, val_f1_score, val_auc]"), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void thePagesReportIsConsistentWithItsMetrics() {
    Evaluation e = pageRun().evaluation();
    assertEquals(10_000, e.confusionMatrix().total());
    assertEquals(e.metric(Metric.ACCURACY), e.classificationReport().accuracy(), 1e-15);
    assertEquals(e.metric(Metric.precision()), e.classificationReport().macroAverage().precision(), 1e-15);
    assertEquals(e.metric(Metric.f1Score()), e.classificationReport().macroAverage().f1(), 1e-15);
    assertTrue(e.metric(Metric.ACCURACY) > 0.75, "accuracy " + e.metric(Metric.ACCURACY));
    assertTrue(e.metric(Metric.auc()) > 0.95, "auc " + e.metric(Metric.auc()));
  }

  @Test
  void theMetricVariantsHaveTheKeysTheCommentsSay() {
    assertEquals(List.of("precision", "precision_micro", "recall_weighted", "f1_score_class_6", "pr_auc",
        "binary_accuracy", "recall"), TrainingSnippets.metricVariants().stream().map(Metric::key).toList());
  }
}
