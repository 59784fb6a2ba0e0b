package dev.layerwise.metrics;

import static dev.layerwise.metrics.Readouts.oneShot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Mean absolute error and root mean squared error: regression_metrics_test.py's values and by hand. */
class ErrorMetricsTest {
  @Test
  void meanAbsoluteErrorWithKerasValues() {
    // MeanAbsoluteErrorTest.test_unweighted: 4 × 5 zeros and ones, 10 of the 20 differ → 0.5
    float[] y = {0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1};
    float[] p = {0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1};
    assertEquals(0.5, oneShot(Metric.meanAbsoluteError(), Readouts.regression(5), p, y, 4));
  }

  @Test
  void rootMeanSquaredErrorWithKerasValues() {
    // RootMeanSquaredErrorTest.test_unweighted: errors −1, −1, −4 → √(18/3)
    assertEquals(Math.sqrt(6), oneShot(Metric.rootMeanSquaredError(), Readouts.regression(1),
        new float[] {1, 3, 2}, new float[] {2, 4, 6}, 3), 1e-15);
    // test_weighted, weights [0, 1, 0, 1]: samples 2 and 4, errors −1 and −5 → √(26/2)
    assertEquals(Math.sqrt(13), oneShot(Metric.rootMeanSquaredError(), Readouts.regression(1),
        new float[] {3, 3}, new float[] {4, 8}, 2), 1e-15);
  }

  @Test
  void theRootIsOfThePassNotAMeanOfBatchRoots() {
    MetricAccumulator a = Metric.rootMeanSquaredError().accumulator(Readouts.regression(1));
    a.update(new float[] {1}, new float[] {0}, 1); // batch root 1
    a.update(new float[] {3}, new float[] {0}, 1); // batch root 3
    assertEquals(Math.sqrt(5), a.result(), 1e-15); // not (1 + 3) / 2
  }

  @Test
  void bothReadRawOutputsAgainstLabelsOfTheSameShape() {
    // one-hot labels against softmax probabilities: |0.7 − 1| + 0.2 + 0.1 over 3
    assertEquals(0.2, oneShot(Metric.meanAbsoluteError(), Readouts.oneHot(3), new float[] {0.7f, 0.2f, 0.1f},
        new float[] {1, 0, 0}, 1), 1e-7);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Metric.meanAbsoluteError().accumulator(Readouts.sparse(3)));
    assertTrue(e.getMessage().startsWith("mean_absolute_error compares outputs with labels of the same shape"),
        e.getMessage());
  }
}
