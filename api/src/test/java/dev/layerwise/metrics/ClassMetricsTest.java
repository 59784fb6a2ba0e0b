package dev.layerwise.metrics;

import static dev.layerwise.metrics.Readouts.oneShot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Precision, recall and F1: Keras's test values (confusion_metrics_test.py, f_score_metrics_test.py) and by hand. */
class ClassMetricsTest {
  /** f_score_metrics_test.py's multi-label data, threshold 0.66 (test_fbeta_random_score). */
  private static final float[] MULTI_PRED = {0.7f, 0.7f, 0.7f, 1, 0, 0, 0.9f, 0.8f, 0};
  private static final float[] MULTI_TRUE = {0, 0, 1, 1, 1, 0, 1, 1, 1};

  /** f_score_metrics_test.py's one-hot data read by argmax (test_fbeta_random_score_none). */
  private static final float[] ONE_HOT_TRUE = {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1};
  private static final float[] ONE_HOT_PRED = {0.9f, 0.1f, 0, 0.2f, 0.6f, 0.2f, 0, 0, 1, 0.4f, 0.3f, 0.3f, 0, 0.9f,
      0.1f, 0, 0, 1};

  /** The tolerance of Keras's F1 tests (its denominators carry an ε of 1e-7, ours none). */
  private static final double KERAS_F1 = 1e-6;

  @Test
  void precisionAndRecallWithKerasValues() {
    // PrecisionTest / RecallTest.test_unweighted: predictions [1, 0, 1, 0] against [0, 1, 1, 0]
    float[] pred = {1, 0, 1, 0};
    float[] y = {0, 1, 1, 0};
    assertEquals(0.5, oneShot(Metric.precision(), Readouts.sigmoid(1), pred, y, 4));
    assertEquals(0.5, oneShot(Metric.recall(), Readouts.sigmoid(1), pred, y, 4));
    // test_unweighted_with_threshold, thresholds 0.5 and 0.7 on [1, 0, 0.6, 0]: [0.5, 0]
    float[] pred2 = {1, 0, 0.6f, 0};
    assertEquals(0.5, oneShot(Metric.precision().withThreshold(0.5), Readouts.sigmoid(1), pred2, y, 4));
    assertEquals(0.0, oneShot(Metric.precision().withThreshold(0.7), Readouts.sigmoid(1), pred2, y, 4));
    assertEquals(0.5, oneShot(Metric.recall().withThreshold(0.5), Readouts.sigmoid(1), pred2, y, 4));
    assertEquals(0.0, oneShot(Metric.recall().withThreshold(0.7), Readouts.sigmoid(1), pred2, y, 4));
    // test_div_by_zero: nothing predicted, nothing true: 0
    assertEquals(0.0, oneShot(Metric.precision(), Readouts.sigmoid(1), new float[4], new float[4], 4));
    assertEquals(0.0, oneShot(Metric.recall(), Readouts.sigmoid(1), new float[4], new float[4], 4));
  }

  @Test
  void oneClassOfAMultiClassModelWithKerasValues() {
    // test_unweighted_class_id_multiclass, class 1: one row predicted as 1 and it is of class 1
    float[] pred = {0.1f, 0.2f, 0.7f, 0.5f, 0.3f, 0.2f, 0.2f, 0.6f, 0.2f, 0.7f, 0.2f, 0.1f, 0.1f, 0.1f, 0.8f};
    float[] y = {0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1};
    assertEquals(1.0, oneShot(Metric.precision().forClass(1), Readouts.oneHot(3), pred, y, 5));
    assertEquals(1.0, oneShot(Metric.recall().forClass(1), Readouts.oneHot(3), pred, y, 5));
  }

  @Test
  void f1OfSigmoidLabelsWithKerasValues() {
    Readout r = Readouts.sigmoid(3);
    F1Score f1 = Metric.f1Score().withThreshold(0.66);
    double[] perClass = {0.8, 0.5, 0.6666667};
    for (int c = 0; c < 3; c++) {
      assertEquals(perClass[c], oneShot(f1.forClass(c), r, MULTI_PRED, MULTI_TRUE, 3), KERAS_F1);
    }
    assertEquals(0.6666667, oneShot(f1.withAverage(Averaging.MICRO), r, MULTI_PRED, MULTI_TRUE, 3), KERAS_F1);
    assertEquals(0.6555555, oneShot(f1, r, MULTI_PRED, MULTI_TRUE, 3), KERAS_F1);
    assertEquals(0.6555555, oneShot(f1.withAverage(Averaging.WEIGHTED), r, MULTI_PRED, MULTI_TRUE, 3), KERAS_F1);
  }

  @Test
  void f1OfArgmaxClassesWithKerasValues() {
    Readout r = Readouts.oneHot(3);
    double[] perClass = {0.8, 0.6666667, 1.0};
    for (int c = 0; c < 3; c++) {
      assertEquals(perClass[c], oneShot(Metric.f1Score().forClass(c), r, ONE_HOT_PRED, ONE_HOT_TRUE, 6), KERAS_F1);
    }
    assertEquals(0.833334, oneShot(Metric.f1Score().withAverage(Averaging.MICRO), r, ONE_HOT_PRED, ONE_HOT_TRUE, 6),
        KERAS_F1);
    assertEquals(0.822222, oneShot(Metric.f1Score(), r, ONE_HOT_PRED, ONE_HOT_TRUE, 6), KERAS_F1);
    assertEquals(0.844445, oneShot(Metric.f1Score().withAverage(Averaging.WEIGHTED), r, ONE_HOT_PRED, ONE_HOT_TRUE,
        6), KERAS_F1);
  }

  @Test
  void f1WithKerasIntegerSampleWeights() {
    // test_fbeta_weighted_random_score_none: weights [1, 0, 1, 1, 0, 1] keep rows 0, 2, 3, 5 (class 1 then has
    // no rows: F1 0, macro (1 + 0 + 1)/3); weights [0.5, 1, 1, 1, 0.5, 1], doubled, repeat rows 1, 2, 2, 2, 1, 2 times
    Readout r = Readouts.oneHot(3);
    float[] kept = Readouts.repeat(ONE_HOT_PRED, 3, 1, 0, 1, 1, 0, 1);
    float[] keptY = Readouts.repeat(ONE_HOT_TRUE, 3, 1, 0, 1, 1, 0, 1);
    assertEquals(1.0, oneShot(Metric.f1Score().withAverage(Averaging.MICRO), r, kept, keptY, 4), KERAS_F1);
    assertEquals(0.666667, oneShot(Metric.f1Score(), r, kept, keptY, 4), KERAS_F1);
    assertEquals(1.0, oneShot(Metric.f1Score().withAverage(Averaging.WEIGHTED), r, kept, keptY, 4), KERAS_F1);
    float[] doubled = Readouts.repeat(ONE_HOT_PRED, 3, 1, 2, 2, 2, 1, 2);
    float[] doubledY = Readouts.repeat(ONE_HOT_TRUE, 3, 1, 2, 2, 2, 1, 2);
    double[] perClass = {0.857143, 0.8, 1.0};
    for (int c = 0; c < 3; c++) {
      assertEquals(perClass[c], oneShot(Metric.f1Score().forClass(c), r, doubled, doubledY, 10), KERAS_F1);
    }
    assertEquals(0.9, oneShot(Metric.f1Score().withAverage(Averaging.MICRO), r, doubled, doubledY, 10), KERAS_F1);
    assertEquals(0.885714, oneShot(Metric.f1Score(), r, doubled, doubledY, 10), KERAS_F1);
    assertEquals(0.902857, oneShot(Metric.f1Score().withAverage(Averaging.WEIGHTED), r, doubled, doubledY, 10),
        KERAS_F1);
  }

  @Test
  void averagesByHandOnSparseLabels() {
    // true [0, 0, 1, 2, 2, 2], predicted [0, 1, 1, 2, 2, 0]:
    // class 0: TP 1, FP 1, FN 1; class 1: TP 1, FP 1, FN 0; class 2: TP 2, FP 0, FN 1
    float[] pred = {1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0};
    float[] y = {0, 0, 1, 2, 2, 2};
    Readout r = Readouts.sparse(3);
    assertEquals((0.5 + 0.5 + 1.0) / 3, oneShot(Metric.precision(), r, pred, y, 6), 1e-15);
    assertEquals((0.5 + 1.0 + 2.0 / 3) / 3, oneShot(Metric.recall(), r, pred, y, 6), 1e-15);
    assertEquals((0.5 + 2.0 / 3 + 0.8) / 3, oneShot(Metric.f1Score(), r, pred, y, 6), 1e-15);
    // micro: ΣTP 4 of 6 predictions = accuracy, for all three
    assertEquals(4.0 / 6, oneShot(Metric.precision().withAverage(Averaging.MICRO), r, pred, y, 6), 1e-15);
    assertEquals(4.0 / 6, oneShot(Metric.f1Score().withAverage(Averaging.MICRO), r, pred, y, 6), 1e-15);
    // weighted by support 2, 1, 3
    assertEquals((2 * 0.5 + 1 * 1.0 + 3 * (2.0 / 3)) / 6,
        oneShot(Metric.recall().withAverage(Averaging.WEIGHTED), r, pred, y, 6), 1e-15);
  }

  @Test
  void keysNameTheSetting() {
    assertEquals("precision", Metric.precision().key());
    assertEquals("recall_micro", Metric.recall().withAverage(Averaging.MICRO).key());
    assertEquals("f1_score_weighted", Metric.f1Score().withAverage(Averaging.WEIGHTED).key());
    assertEquals("precision_class_3", Metric.precision().forClass(3).key());
  }

  @Test
  void settingsThatDoNotFitAreRefusedNamingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Metric.recall().forClass(3).accumulator(Readouts.oneHot(3)));
    assertEquals("recall_class_3: classId 3 is out of range for a 3-class model (classes 0 to 2)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Metric.precision().withThreshold(0.7).accumulator(Readouts.sparse(4)));
    assertTrue(e.getMessage().contains("threshold 0.7 applies to sigmoid outputs"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Metric.f1Score().accumulator(Readouts.regression(1)));
    assertTrue(e.getMessage().startsWith("f1_score needs a classifier"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Metric.precision().forClass(1).withAverage(Averaging.MICRO));
    assertEquals("Precision: a single class (classId 1) is not averaged; its average must stay MACRO, got MICRO",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Metric.recall().forClass(-2));
    assertTrue(e.getMessage().startsWith("Recall: classId must be a class index"), e.getMessage());
  }

  @Test
  void emptyCountsHaveNoValue() {
    assertTrue(Double.isNaN(Metric.precision().accumulator(Readouts.sigmoid(1)).result()));
  }
}
