package dev.layerwise.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The confusion matrix and the classification report, against scikit-learn's documented examples. */
class ConfusionMatrixTest {
  /** scikit-learn's classification_report example: y_true [0, 1, 2, 2, 2], y_pred [0, 0, 2, 2, 1]. */
  private static ConfusionMatrix sklearnExample() {
    ConfusionMatrixAccumulator a = ConfusionMatrixAccumulator.of(Readouts.sparse(3)).orElseThrow();
    float[] pred = {1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0};
    a.update(pred, new float[] {0, 1, 2, 2, 2}, 5);
    return a.matrix();
  }

  @Test
  void rowsAreTrueClassesAndColumnsPredictedOnes() {
    ConfusionMatrix m = sklearnExample();
    assertArrayEquals(new long[][] {{1, 0, 0}, {1, 0, 0}, {0, 1, 2}}, m.counts());
    assertEquals(5, m.total());
    assertEquals(0.6, m.accuracy(), 1e-15);
    assertEquals(1, m.count(2, 1));
  }

  @Test
  void theReportHasScikitLearnsValues() {
    ClassificationReport r = sklearnExample().report(List.of("class 0", "class 1", "class 2"));
    assertEquals(new ClassificationReport.Scores(0.5, 1.0, 2.0 / 3, 1), r.of("class 0"));
    assertEquals(new ClassificationReport.Scores(0, 0, 0, 1), r.of("class 1"));
    assertEquals(new ClassificationReport.Scores(1.0, 2.0 / 3, 0.8, 3), r.of("class 2"));
    assertEquals(0.6, r.accuracy(), 1e-15);
    assertEquals(0.5, r.macroAverage().precision(), 1e-15);
    assertEquals(0.7, r.weightedAverage().precision(), 1e-15);
    // scikit-learn's printed report, character for character
    assertEquals("""
                      precision    recall  f1-score   support

             class 0       0.50      1.00      0.67         1
             class 1       0.00      0.00      0.00         1
             class 2       1.00      0.67      0.80         3

            accuracy                           0.60         5
           macro avg       0.50      0.56      0.49         5
        weighted avg       0.70      0.60      0.61         5
        """, r.toString().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void oneSigmoidUnitIsATwoClassMatrix() {
    ConfusionMatrixAccumulator a = ConfusionMatrixAccumulator.of(Readouts.binaryLogits(1)).orElseThrow();
    // logits: 2 (positive) for 1, −1 for 1, 0.5 for 0, −3 for 0 (z > 0 is positive)
    a.update(new float[] {2, -1, 0.5f, -3}, new float[] {1, 1, 0, 0}, 4);
    assertArrayEquals(new long[][] {{1, 1}, {1, 1}}, a.matrix().counts());
  }

  @Test
  void multiLabelAndRegressionModelsHaveNone() {
    assertTrue(ConfusionMatrixAccumulator.of(Readouts.sigmoid(3)).isEmpty());
    assertTrue(ConfusionMatrixAccumulator.of(Readouts.regression(1)).isEmpty());
  }

  @Test
  void printsAsAGrid() {
    assertEquals("""
        predicted 0 1 2
        true    0 1 0 0
        true    1 1 0 0
        true    2 0 1 2
        """, sklearnExample().toString());
  }

  @Test
  void countsAreCheckedAndCopied() {
    long[][] counts = {{1, 2}, {3, 4}};
    ConfusionMatrix m = ConfusionMatrix.of(counts);
    counts[0][0] = 99;
    assertEquals(1, m.count(0, 0));
    m.counts()[1][1] = 99;
    assertEquals(4, m.count(1, 1));
    assertEquals(ConfusionMatrix.of(new long[][] {{1, 2}, {3, 4}}), m);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrix.of(new long[][] {{1, 2}, {3}}));
    assertEquals("ConfusionMatrix: row 1 has 1 counts; a matrix of 2 classes is square", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new long[][] {{1, -2}, {3, 4}}));
    e = assertThrows(IllegalArgumentException.class, () -> m.report(List.of("only one")));
    assertEquals("report: 1 class names for 2 classes", e.getMessage());
  }
}
