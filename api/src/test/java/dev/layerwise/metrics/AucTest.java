package dev.layerwise.metrics;

import static dev.layerwise.metrics.Readouts.oneShot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.losses.Loss;
import org.junit.jupiter.api.Test;

/** AUC as Keras approximates it: confusion_metrics_test.py's values, cases by hand, and the bound to the exact area. */
class AucTest {
  /** AUCTest's data: predictions [0, 0.5, 0.3, 0.9], labels [0, 0, 1, 1], 3 thresholds (−ε, 0.5, 1 + ε). */
  private static final float[] PRED = {0, 0.5f, 0.3f, 0.9f};
  private static final float[] TRUE = {0, 0, 1, 1};

  private static Auc roc(int thresholds) {
    return Metric.auc().withNumThresholds(thresholds);
  }

  @Test
  void rocWithKerasValues() {
    // test_unweighted: tp [2, 1, 0], fp [2, 0, 0]: TPR [1, 0.5, 0], FPR [1, 0, 0] → 0.75
    assertEquals(0.75, oneShot(roc(3), Readouts.sigmoid(1), PRED, TRUE, 4), 1e-15);
    // test_unweighted_all_correct (200 thresholds): labels as predictions
    assertEquals(1.0, oneShot(Metric.auc(), Readouts.sigmoid(1), TRUE, TRUE, 4));
    // test_weighted_roc_interpolation, weights 1..4 as repeats: TPR [1, 4/7, 0], FPR [1, 0, 0] → (1 + 4/7)/2
    float[] p = Readouts.repeat(PRED, 1, 1, 2, 3, 4);
    float[] y = Readouts.repeat(TRUE, 1, 1, 2, 3, 4);
    double got = oneShot(roc(3), Readouts.sigmoid(1), p, y, 10);
    assertEquals((1 + 4.0 / 7) / 2, got, 1e-15);
    assertEquals(0.7855, got, 1e-3); // Keras's rounded expectation and tolerance
  }

  @Test
  void rocFromLogitsWithKerasValues() {
    // test_unweighted_from_logits: the logits −log(1/(p + 1e−12) − 1) of the same predictions
    float[] z = new float[PRED.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) -Math.log(1 / (PRED[i] + 1e-12) - 1);
    }
    assertEquals(0.75, oneShot(roc(3), Readouts.binaryLogits(1), z, TRUE, 4), 1e-15);
  }

  @Test
  void prWithKerasValues() {
    // test_weighted_pr_interpolation: tp [7, 4, 0], fp [3, 0, 0]; slopes [0.5, 1], intercepts [2, 0], P ratios
    // [2.5, −]: (0.5 (3 + 2 ln 2.5) + 4) / 7
    float[] p = Readouts.repeat(PRED, 1, 1, 2, 3, 4);
    float[] y = Readouts.repeat(TRUE, 1, 1, 2, 3, 4);
    Auc pr = roc(3).withCurve(Auc.Curve.PR);
    double got = oneShot(pr, Readouts.sigmoid(1), p, y, 10);
    assertEquals((0.5 * (3 + 2 * Math.log(2.5)) + 4) / 7, got, 1e-15);
    assertEquals(2.416 / 7 + 4.0 / 7, got, 1e-3);
    assertEquals("pr_auc", pr.key());
  }

  @Test
  void flattenedLabelsWithKerasValues() {
    // MultiAUCTest.test_unweighted_flat: two sigmoid units as one list of points, 5 thresholds → 1 − 3/32
    float[] p = {0, 0.1f, 0.5f, 0.2f, 0.3f, 0.3f, 0.9f, 0.4f};
    float[] y = {0, 0, 0, 0, 1, 1, 1, 1};
    assertEquals(1 - 3.0 / 32, oneShot(roc(5), Readouts.sigmoid(2), p, y, 4), 1e-15);
    float[] z = new float[p.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) -Math.log(1 / (p[i] + 1e-12) - 1);
    }
    assertEquals(1 - 3.0 / 32, oneShot(roc(5), Readouts.binaryLogits(2), z, y, 4), 1e-15);
  }

  @Test
  void extraDimensionsWithKerasValues() {
    // test_extra_dims: outputs [2, 3] per sample, sigmoid(∓10), sigmoid(∓12), every point on the wrong side of
    // half of its labels: 0.5
    float[] logits = {-10, 10, -10, 10, -10, 10, -12, 12, -12, 12, -12, 12};
    float[] p = new float[logits.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (1 / (1 + Math.exp(logits[i])));
    }
    float[] y = {1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1};
    Readout r = Readout.of(Loss.binaryCrossentropy(), Shape.of(2, 3));
    assertEquals(0.5, oneShot(Metric.auc(), r, p, y, 2), 1e-15);
  }

  @Test
  void categoricalModelsAreOneVsRestOverEveryClass() {
    // softmax rows [0.7, 0.2, 0.1] (class 0) and [0.2, 0.45, 0.35] (class 2): points (0.7,+) (0.2,−) (0.1,−)
    // (0.2,−) (0.45,−) (0.35,+). With 3 thresholds (0.5 splits): TP [2, 1, 0], FP [4, 0, 0] → TPR [1, ½, 0],
    // FPR [1, 0, 0] → 0.75; sparse and one-hot labels agree
    float[] p = {0.7f, 0.2f, 0.1f, 0.2f, 0.45f, 0.35f};
    assertEquals(0.75, oneShot(roc(3), Readouts.sparse(3), p, new float[] {0, 2}, 2), 1e-15);
    assertEquals(0.75, oneShot(roc(3), Readouts.oneHot(3), p, new float[] {1, 0, 0, 0, 0, 1}, 2), 1e-15);
    // logits of a from-logits model go through the softmax first: log of the probabilities gives the same points
    float[] z = new float[p.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) Math.log(p[i]);
    }
    Readout logits = Readout.of(Loss.sparseCategoricalCrossentropy().withFromLogits(true), Shape.of(3));
    assertEquals(0.75, oneShot(roc(3), logits, z, new float[] {0, 2}, 2), 1e-15);
  }

  @Test
  void theApproximationIsWithinHalfTheSharedBucketPairsOfTheExactArea() {
    SeededRandom r = new SeededRandom(5);
    int n = 400;
    float[] p = new float[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(2);
      p[i] = (float) Math.min(1, Math.max(0, 0.35 + 0.3 * y[i] + 0.25 * r.nextGaussian()));
    }
    // exact AUC by counting pairs (ties half), and the share of positive–negative pairs in one bucket of 200
    double right = 0;
    long pairs = 0;
    long sameBucket = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (y[i] == 1 && y[j] == 0) {
          pairs++;
          right += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
          sameBucket += bucket(p[i]) == bucket(p[j]) ? 1 : 0;
        }
      }
    }
    double exact = right / pairs;
    double approx = oneShot(Metric.auc(), Readouts.sigmoid(1), p, y, n);
    assertTrue(Math.abs(approx - exact) <= 0.5 * sameBucket / pairs,
        "exact " + exact + ", thresholded " + approx + ", bound " + 0.5 * sameBucket / pairs);
    assertTrue(Math.abs(approx - exact) > 0, "the approximation is not the exact area");
  }

  /** Keras's bucket of a probability for 200 thresholds. */
  private static int bucket(float p) {
    return Math.max((int) Math.ceil(p * 199f) - 1, 0);
  }

  @Test
  void modelsWithoutProbabilitiesAndTooFewThresholdsAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Metric.auc().accumulator(Readout.of(Loss.categoricalHinge(), Shape.of(3))));
    assertEquals("auc ranks predicted probabilities, and a 3-class model with raw scores has none (a cross-entropy"
        + " or kl_divergence loss gives them)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Metric.auc().accumulator(Readouts.regression(1)));
    e = assertThrows(IllegalArgumentException.class, () -> Metric.auc().withNumThresholds(1));
    assertEquals("Auc: numThresholds must be greater than 1, got 1", e.getMessage());
  }
}
