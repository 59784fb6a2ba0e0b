package dev.layerwise.metrics;

import static dev.layerwise.metrics.Readouts.oneShot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import dev.layerwise.losses.Loss;
import org.junit.jupiter.api.Test;

/** Top-k categorical accuracy and binary accuracy: Keras's test values and cases worked out by hand. */
class AccuracyMetricsTest {
  /** accuracy_metrics_test.py's top-k data: rows [0.1, 0.9, 0.8] (class 2) and [0.05, 0.95, 0] (class 1). */
  private static final float[] TOPK_PRED = {0.1f, 0.9f, 0.8f, 0.05f, 0.95f, 0};

  @Test
  void topKWithKerasValues() {
    // TopKCategoricalAccuracyTest.test_unweighted and SparseTopKCategoricalAccuracyTest.test_unweighted: k = 1
    assertEquals(0.5, oneShot(Metric.topK(1), Readouts.oneHot(3), TOPK_PRED, new float[] {0, 0, 1, 0, 1, 0}, 2));
    assertEquals(0.5, oneShot(Metric.topK(1), Readouts.sparse(3), TOPK_PRED, new float[] {2, 1}, 2));
    // test_weighted, weights 0.7 and 0.3: only the second row is right, 0.3 of the weight
    assertEquals(0.3, oneShot(Metric.topK(1), Readouts.sparse(3), Readouts.repeat(TOPK_PRED, 3, 7, 3),
        Readouts.repeat(new float[] {2, 1}, 1, 7, 3), 10), 1e-15);
  }

  @Test
  void topKByHand() {
    // k = 2: row 1's class 2 scores 0.8, second highest: right; row 2's class 1 is first: right
    assertEquals(1.0, oneShot(Metric.topK(2), Readouts.sparse(3), TOPK_PRED, new float[] {2, 1}, 2));
    // class 0 of row 1 (0.1) has two classes above it: wrong for k = 2, right for k = 3
    assertEquals(0.5, oneShot(Metric.topK(2), Readouts.sparse(3), TOPK_PRED, new float[] {0, 1}, 2));
    assertEquals(1.0, oneShot(Metric.topK(3), Readouts.sparse(3), TOPK_PRED, new float[] {0, 1}, 2));
  }

  @Test
  void topKCountsTiesForThePrediction() {
    // [0.4, 0.4, 0.2] with class 1, k = 1: nothing scores strictly above 0.4, so in the top 1 (Keras's in_top_k)
    assertEquals(1.0, oneShot(Metric.topK(1), Readouts.sparse(3), new float[] {0.4f, 0.4f, 0.2f}, new float[] {1},
        1));
  }

  @Test
  void topKJudgesEveryRowOfARank2Output() {
    Readout r = Readout.of(Loss.categoricalCrossentropy(), Shape.of(2, 3));
    // one sample, two rows: row 1 (class 2 second: wrong at k = 1), row 2 (class 1 first: right)
    assertEquals(0.5, oneShot(Metric.topK(1), r, TOPK_PRED, new float[] {0, 0, 1, 0, 1, 0}, 1));
  }

  @Test
  void topKRefusesKAboveTheClassesAndModelsWithoutClasses() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Metric.topK(5).accumulator(Readouts.sparse(3)));
    assertEquals("top_k_categorical_accuracy: k must be at most the number of classes, 3, got k = 5",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Metric.topK(0));
    assertEquals("TopKCategoricalAccuracy: k must be at least 1, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Metric.topK(1).accumulator(Readouts.sigmoid(3)));
    assertTrue(e.getMessage().startsWith("top_k_categorical_accuracy needs a categorical model"), e.getMessage());
  }

  @Test
  void binaryAccuracyWithKerasValues() {
    // BinaryAccuracyTest.test_unweighted: [0.98, 1, 0, 0.6] against [1, 1, 0, 0]
    float[] pred = {0.98f, 1, 0, 0.6f};
    assertEquals(0.75, oneShot(Metric.binaryAccuracy(), Readouts.sigmoid(1), pred, new float[] {1, 1, 0, 0}, 4));
    // test_threshold: [0.98, 0.5, 0.1, 0.2]: all right at 0.3, 0.5 is not above 0.9
    float[] pred2 = {0.98f, 0.5f, 0.1f, 0.2f};
    float[] y = {1, 1, 0, 0};
    assertEquals(1.0, oneShot(Metric.binaryAccuracy().withThreshold(0.3), Readouts.sigmoid(1), pred2, y, 4));
    assertEquals(0.75, oneShot(Metric.binaryAccuracy().withThreshold(0.9), Readouts.sigmoid(1), pred2, y, 4));
  }

  @Test
  void binaryAccuracyReadsLogitsThroughTheSigmoid() {
    // logit 1 is probability 0.731: above 0.7, below 0.75; logit −0.1 is 0.475: below 0.5
    float[] z = {1, 1, -0.1f};
    float[] y = {1, 1, 0};
    assertEquals(1.0, oneShot(Metric.binaryAccuracy().withThreshold(0.7), Readouts.binaryLogits(1), z, y, 3));
    assertEquals(1.0 / 3, oneShot(Metric.binaryAccuracy().withThreshold(0.75), Readouts.binaryLogits(1), z, y, 3));
  }

  @Test
  void binaryAccuracyOfARegressionOutputThresholdsTheRawValue() {
    // an MSE-trained output: 0.6 > 0.5 right for 1; 0.7 wrong for 0; each of the 2 units judged
    assertEquals(0.75, oneShot(Metric.binaryAccuracy(), Readouts.regression(2), new float[] {0.6f, 0.2f, 0.7f, 0},
        new float[] {1, 0, 0, 0}, 2));
  }

  @Test
  void binaryAccuracyRefusesACategoricalModelAndABadThreshold() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Metric.binaryAccuracy().accumulator(Readouts.oneHot(3)));
    assertTrue(e.getMessage().contains("use accuracy or top-k"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Metric.binaryAccuracy().withThreshold(1.5));
    assertEquals("BinaryAccuracy: threshold must be in [0, 1], got 1.5", e.getMessage());
  }

  @Test
  void accuracyFollowsTheLoss() {
    // categorical: per row; binary logits: z > 0; regression: exact equality
    assertEquals(0.5, oneShot(Metric.ACCURACY, Readouts.oneHot(3), TOPK_PRED, new float[] {0, 0, 1, 0, 1, 0}, 2));
    assertEquals(0.5, oneShot(Metric.ACCURACY, Readouts.binaryLogits(1), new float[] {0.3f, -0.2f, -0.1f, 0.4f},
        new float[] {1, 1, 1, 1}, 4));
    assertEquals(0.5, oneShot(Metric.ACCURACY, Readouts.regression(2), new float[] {1, 2, 3, 4.001f},
        new float[] {1, 2.5f, 3, 4}, 2));
  }
}
