package dev.layerwise.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.init.SeededRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every metric's accumulator gives exactly (bit for bit) the one-shot value when the same data comes in batches of
 * random sizes, and when accumulators that saw parts of it are merged.
 */
class StreamingTest {
  private record Setup(Metric metric, Readout readout) {}

  private static List<Setup> setups() {
    List<Setup> s = new ArrayList<>();
    for (Readout r : List.of(Readouts.sparse(4), Readouts.oneHot(4))) {
      for (Metric m : List.of(Metric.ACCURACY, Metric.topK(2), Metric.precision(),
          Metric.recall().withAverage(Averaging.WEIGHTED), Metric.f1Score().withAverage(Averaging.MICRO),
          Metric.f1Score().forClass(1), Metric.auc(), Metric.auc().withCurve(Auc.Curve.PR))) {
        s.add(new Setup(m, r));
      }
    }
    s.add(new Setup(Metric.meanAbsoluteError(), Readouts.oneHot(4)));
    for (Readout r : List.of(Readouts.sigmoid(3), Readouts.binaryLogits(3))) {
      for (Metric m : List.of(Metric.ACCURACY, Metric.binaryAccuracy().withThreshold(0.3), Metric.precision(),
          Metric.recall().forClass(2), Metric.f1Score().withThreshold(0.6), Metric.auc().withNumThresholds(17),
          Metric.auc().withCurve(Auc.Curve.PR))) {
        s.add(new Setup(m, r));
      }
    }
    for (Metric m : List.of(Metric.ACCURACY, Metric.meanAbsoluteError(), Metric.rootMeanSquaredError(),
        Metric.binaryAccuracy())) {
      s.add(new Setup(m, Readouts.regression(3)));
    }
    return s;
  }

  /** Outputs and labels of {@code n} samples the readout can read. */
  private static float[][] data(Readout r, int n, SeededRandom random) {
    float[] out = new float[n * r.outputSize()];
    boolean probabilities = r.scores() == Readout.Scores.PROBABILITIES;
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (probabilities ? random.nextUniform() : random.nextGaussian());
    }
    float[] labels = new float[n * r.labelSize()];
    for (int i = 0; i < n; i++) {
      if (r.sparseLabels()) {
        labels[i] = random.nextInt(r.classes());
      } else if (r.kind() == Readout.Kind.CATEGORICAL) {
        labels[i * r.classes() + random.nextInt(r.classes())] = 1;
      } else {
        for (int j = 0; j < r.classes(); j++) {
          labels[i * r.classes() + j] = r.kind() == Readout.Kind.BINARY ? random.nextInt(2)
              : (float) random.nextGaussian();
        }
      }
    }
    return new float[][] {out, labels};
  }

  @Test
  void batchesAndMergesGiveTheOneShotValueExactly() {
    int n = 157;
    for (Setup s : setups()) {
      SeededRandom random = new SeededRandom(s.toString().hashCode());
      float[][] d = data(s.readout(), n, random);
      MetricAccumulator whole = s.metric().accumulator(s.readout());
      whole.update(d[0], d[1], n);
      double expected = whole.result();
      assertTrue(Double.isFinite(expected), s + " gave " + expected);

      MetricAccumulator batched = s.metric().accumulator(s.readout());
      MetricAccumulator left = s.metric().accumulator(s.readout());
      MetricAccumulator right = s.metric().accumulator(s.readout());
      int cut = 1 + random.nextInt(n - 1);
      for (int from = 0; from < n; ) {
        int size = Math.min(n - from, 1 + random.nextInt(40));
        float[] out = Arrays.copyOfRange(d[0], from * s.readout().outputSize(), (from + size) * s.readout()
            .outputSize() + 3); // a longer buffer: the tail must not be read
        float[] lab = Arrays.copyOfRange(d[1], from * s.readout().labelSize(), (from + size) * s.readout()
            .labelSize() + 3);
        batched.update(out, lab, size);
        (from < cut ? left : right).update(out, lab, size);
        from += size;
      }
      assertEquals(expected, batched.result(), 0.0, s + " in batches");
      left.merge(right);
      assertEquals(expected, left.result(), 0.0, s + " merged");
    }
  }

  @Test
  void mergingADifferentMetricOrSettingIsRefused() {
    MetricAccumulator precision = Metric.precision().accumulator(Readouts.sparse(3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> precision.merge(Metric.recall().accumulator(Readouts.sparse(3))));
    assertTrue(e.getMessage().startsWith("precision: cannot merge"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> precision.merge(Metric.precision().accumulator(Readouts.sparse(4))));
    assertThrows(IllegalArgumentException.class,
        () -> Metric.topK(1).accumulator(Readouts.sparse(3)).merge(Metric.topK(2).accumulator(Readouts.sparse(3))));
  }

  @Test
  void shortBuffersAreRefusedNamingTheMetric() {
    MetricAccumulator a = Metric.topK(1).accumulator(Readouts.sparse(3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> a.update(new float[5], new float[2], 2));
    assertEquals("top_k_categorical_accuracy: 2 samples need 6 outputs and 2 labels, got 5 and 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> a.update(new float[3], new float[] {3}, 1));
    assertEquals("sample 0: label 3.0 is not a class index in [0, 3)", e.getMessage());
  }
}
