package dev.layerwise.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Evaluation;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.testing.SyntheticData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The metrics are computed in Java from each backend's outputs: on both backends, {@code fit} logs them under their
 * Keras keys (and {@code val_} ones), {@code evaluate} reports exactly what the accumulators give on the model's own
 * predictions, with the confusion matrix, and the two backends agree up to the rare decision flipped by float32.
 */
class MetricsOnBothBackendsTest {
  private static final int N = 200;
  private static final Dataset ALL = SyntheticData.classification(2 * N, 6, 4, 21);
  private static final Dataset TRAIN = ALL.slice(0, N);
  private static final Dataset TEST = ALL.slice(N, 2 * N);
  private static final List<Metric> METRICS = List.of(Metric.ACCURACY, Metric.topK(2), Metric.precision(),
      Metric.recall().withAverage(Averaging.WEIGHTED), Metric.f1Score(), Metric.auc(),
      Metric.auc().withCurve(Auc.Curve.PR));
  /** Two of N decisions may flip between float32 TF and the float64 reference (outputs differ by ~1e-7). */
  private static final double CROSS_BACKEND = 2.0 / N;

  private static CompiledModel compile(String backend) {
    return Sequential.of(Input.shape(6), Dense.units(8).withActivation(ActivationFn.TANH), Dense.units(4))
        .withSeed(4).compile(Backend.named(backend), Optimizer.adam(0.01),
            Loss.sparseCategoricalCrossentropy().withFromLogits(true), METRICS.toArray(Metric[]::new));
  }

  private static Map<String, Double> fitAndEvaluate(String backend) {
    try (CompiledModel m = compile(backend)) {
      History h = m.fit(TRAIN, FitOptions.builder().epochs(3).batchSize(32).validationData(TEST).quiet().build());
      for (Metric metric : METRICS) {
        assertEquals(3, h.get(metric.key()).length, backend + " logs " + metric.key());
        assertEquals(3, h.get("val_" + metric.key()).length, backend + " logs val_" + metric.key());
      }
      Evaluation e = m.evaluate(TEST);
      // what evaluate reports is what each accumulator makes of the model's own predictions
      float[] predictions = m.predict(TEST);
      float[] labels = new float[N];
      for (int i = 0; i < N; i++) {
        labels[i] = TEST.label(i, 0);
      }
      Readout readout = Readout.of(m.config().loss(), m.spec().outputShape());
      for (Metric metric : METRICS) {
        MetricAccumulator a = metric.accumulator(readout);
        a.update(predictions, labels, N);
        assertEquals(a.result(), e.metric(metric), 0.0, backend + ": " + metric.key());
      }
      // the last epoch's validation values are the same evaluation
      assertEquals(h.last("val_accuracy"), e.metric(Metric.ACCURACY), 0.0);
      ConfusionMatrix cm = e.confusionMatrix();
      assertEquals(N, cm.total());
      assertEquals(e.metric(Metric.ACCURACY), cm.accuracy(), 1e-15);
      assertEquals(e.metric(Metric.f1Score()), e.classificationReport().macroAverage().f1(), 1e-15);
      assertEquals(e.metric(Metric.recall().withAverage(Averaging.WEIGHTED)),
          e.classificationReport().weightedAverage().recall(), 1e-15);
      assertTrue(e.metric(Metric.ACCURACY) > 0.5, backend + " learned something: " + e.values());
      return e.values();
    }
  }

  @Test
  void bothBackendsReportTheSameMetrics() {
    Map<String, Double> ref = fitAndEvaluate("reference");
    Map<String, Double> tf = fitAndEvaluate("tensorflow");
    assertEquals(ref.keySet(), tf.keySet());
    for (Metric metric : METRICS) {
      assertEquals(ref.get(metric.key()), tf.get(metric.key()), CROSS_BACKEND, metric.key());
    }
  }
}
