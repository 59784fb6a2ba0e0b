package dev.layerwise.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.FromArray;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Normalization's statistics (adapted and given), its weights, and its refusals; the maths is the backends'. */
class NormalizationTest {
  private static Dataset rows(double[] x, int... shape) {
    return Dataset.featuresOnly(x, Shape.of(shape));
  }

  /** Keras's docstring example: adapting to these four rows gives μ = [1, 8, 5], σ² = [1, 1, 1] per column. */
  @Test
  void adaptsPerColumnAsKerasDocuments() {
    Normalization n = Normalization.adaptedTo(rows(new double[] {0, 7, 4, 2, 9, 6, 0, 7, 4, 2, 9, 6}, 3));
    assertArrayEquals(new double[] {1, 8, 5}, n.mean(), 0);
    assertArrayEquals(new double[] {1, 1, 1}, n.variance(), 0);
    assertArrayEquals(new int[] {-1}, n.axes());
  }

  /**
   * Per channel of [2, 2, 2] images, as VGG's per-channel mean: channel 0 holds 1..8, channel 1 holds 10·(1..8)
   * across two images. μ₀ = 4.5, σ²₀ = (Σk² over 1..8)/8 − 4.5² = 25.5 − 20.25 = 5.25; channel 1 scales by 10.
   */
  @Test
  void adaptsPerChannelOfImages() {
    double[] x = new double[16];
    for (int i = 0; i < 8; i++) {
      x[2 * i] = i + 1;
      x[2 * i + 1] = 10 * (i + 1);
    }
    Normalization n = Normalization.adaptedTo(rows(x, 2, 2, 2));
    assertArrayEquals(new double[] {4.5, 45}, n.mean(), 1e-12);
    assertArrayEquals(new double[] {5.25, 525}, n.variance(), 1e-9);
  }

  /** Along axis 0 of [2, 3] samples: each row of the sample is an entry; one sample [[1, 2, 3], [4, 6, 8]]. */
  @Test
  void adaptsAlongAnotherAxis() {
    Normalization n = Normalization.adaptedTo(rows(new double[] {1, 2, 3, 4, 6, 8}, 2, 3), 0);
    assertArrayEquals(new int[] {0}, n.axes());
    assertArrayEquals(new double[] {2, 6}, n.mean(), 1e-12);
    assertArrayEquals(new double[] {2 / 3.0, 8 / 3.0}, n.variance(), 1e-12);
  }

  /**
   * AlexNet's mean image: keeping every axis of [2, 1, 2] samples gives one statistic per pixel and channel, over
   * the samples only. Samples [[[1, 2]], [[3, 4]]] and [[[3, 6]], [[5, 0]]]: μ = [2, 4, 4, 2], σ² = [1, 4, 1, 4],
   * shaped like the sample.
   */
  @Test
  void adaptsAMeanImageOverSeveralAxes() {
    Normalization n = Normalization.adaptedTo(rows(new double[] {1, 2, 3, 4, 3, 6, 5, 0}, 2, 1, 2), 0, 1, 2);
    assertArrayEquals(new double[] {2, 4, 4, 2}, n.mean(), 0);
    assertArrayEquals(new double[] {1, 4, 1, 4}, n.variance(), 0);
    assertEquals(Shape.of(2, 1, 2), n.weights(Shape.of(2, 1, 2)).get(0).shape());
  }

  /**
   * Keeping axes 0 and 2 of [2, 3, 2] samples: entry (i, c) pools the 3 values of row i, channel c. Position
   * p = (i, j, c) maps to entry 2i + c.
   */
  @Test
  void entryIndexSkipsTheAxesNotKept() {
    Normalization n = Normalization.meanOnly(new double[4]).withAxes(0, -1);
    assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1, 2, 3, 2, 3, 2, 3}, n.entryIndex(Shape.of(2, 3, 2)));
    assertEquals(Shape.of(2, 2), n.statisticsShape(Shape.of(2, 3, 2)));
  }

  /**
   * Values 1e9 + {1, 2, 3, 4}: μ = 1e9 + 2.5 and σ² = 1.25 exactly. A one-pass Σx²/n − μ² would lose every digit
   * of σ² (x² ≈ 1e18 carries no fraction in a double); two passes keep it.
   */
  @Test
  void varianceFarFromZeroIsExact() {
    Normalization n = Normalization.adaptedTo(rows(new double[] {1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4}, 1));
    assertEquals(1e9 + 2.5, n.mean()[0], 0);
    assertEquals(1.25, n.variance()[0], 0);
  }

  /** More samples than one read chunk (1024): x = i mod 10 over 2500 samples, each digit 250 times. */
  @Test
  void adaptsAcrossChunks() {
    float[] x = new float[2500];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 10;
    }
    Normalization n = Normalization.adaptedTo(Dataset.featuresOnly(x, Shape.of(1)));
    assertEquals(4.5, n.mean()[0], 1e-12);
    assertEquals(8.25, n.variance()[0], 1e-12); // (Σk² over 0..9)/10 − 4.5² = 28.5 − 20.25
  }

  @Test
  void adaptsToANamedFeatureArrayOfSeveral() {
    Dataset two = Dataset.builder().features("a", new float[] {1, 3}, Shape.of(1))
        .features("b", new float[] {10, 20, 30, 40}, Shape.of(2)).build();
    Normalization n = Normalization.adaptedTo(two, "b", -1);
    assertArrayEquals(new double[] {20, 30}, n.mean(), 0);
    assertArrayEquals(new double[] {100, 100}, n.variance(), 0);
    IllegalArgumentException which = assertThrows(IllegalArgumentException.class,
        () -> Normalization.adaptedTo(two));
    assertTrue(which.getMessage().contains("2 feature arrays [a, b]"), which.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> Normalization.adaptedTo(two, "c", -1));
    assertTrue(unknown.getMessage().contains("no feature array 'c'"), unknown.getMessage());
  }

  @Test
  void theStatisticsAreNonTrainableWeightsStartingAtTheirValues() {
    Normalization n = Normalization.of(new double[] {1, 2}, new double[] {3, 4});
    List<WeightSpec> w = n.weights(Shape.of(5, 2));
    assertEquals(List.of("mean", "variance"), w.stream().map(WeightSpec::name).toList());
    assertFalse(w.get(0).trainable() || w.get(1).trainable());
    assertEquals(new FromArray(Shape.of(2), new double[] {1, 2}), w.get(0).initializer());
    assertEquals(new FromArray(Shape.of(2), new double[] {3, 4}), w.get(1).initializer());
    Normalization meanOnly = n.withMeanOnly();
    assertTrue(meanOnly.isMeanOnly());
    assertNull(meanOnly.variance());
    assertEquals(List.of("mean"), meanOnly.weights(Shape.of(2)).stream().map(WeightSpec::name).toList());
  }

  /** The summary counts the statistics as non-trainable: 2 × 3 of them, and the Dense's 12 × 2 + 2 trainable. */
  @Test
  void theSummaryCountsTheStatisticsAsNonTrainable() {
    String summary = dev.layerwise.Sequential.of(Input.shape(2, 2, 3),
        Normalization.of(new double[] {1, 2, 3}, new double[] {1, 1, 1}), Flatten.create(), Dense.units(2))
        .summary();
    assertTrue(summary.contains("| normalization (Normalization) | (None, 2, 2, 3) |       6 |"), summary);
    assertTrue(summary.contains("Trainable params: 26 "), summary);
    assertTrue(summary.contains("Non-trainable params: 6 "), summary);
  }

  @Test
  void theRecordCopiesItsArrays() {
    double[] mean = {1, 2};
    Normalization n = Normalization.meanOnly(mean);
    mean[0] = 99;
    n.mean()[1] = 99;
    assertArrayEquals(new double[] {1, 2}, n.mean(), 0);
    assertEquals(Normalization.meanOnly(new double[] {1, 2}), n);
    assertEquals("Normalization[name=null, axes=[-1], mean=[0.0, 1.0, 2.0, 3.0, … (6 values)], variance=none (mean"
        + " only)]", Normalization.meanOnly(new double[] {0, 1, 2, 3, 4, 5}).toString());
  }

  @Test
  void badInputIsRefusedNamingTheArgument() {
    // a Dataset refuses to be empty itself; adapt checks again for sources that may be
    assertMessage("empty", () -> Normalization.adaptedTo(rows(new double[0], 3)));
    assertMessage("NaN or infinite value at sample 1, value 0",
        () -> Normalization.adaptedTo(rows(new double[] {1, 2, Double.NaN, 4}, 2)));
    assertMessage("axis 2 is outside samples of shape [3]", () -> Normalization.adaptedTo(rows(new double[3], 3), 2));
    assertMessage("the kept axes must be increasing and distinct, got [1, 0]",
        () -> Normalization.adaptedTo(rows(new double[4], 2, 2), 1, 0));
    assertMessage("keep at least one axis", () -> Normalization.adaptedTo(rows(new double[4], 2, 2), new int[0]));
    assertMessage("variance[1] must be finite and ≥ 0, got -1.0",
        () -> Normalization.of(new double[] {0, 0}, new double[] {1, -1}));
    assertMessage("mean and variance must have as many values, got 2 and 1",
        () -> Normalization.of(new double[] {0, 0}, new double[] {1}));
    assertMessage("mean[0] must be finite", () -> Normalization.meanOnly(new double[] {Double.NaN}));
    assertMessage("Normalization holds 3 statistics, but the kept axes [-1] of the input [4] hold 4 entries [4]",
        () -> Normalization.meanOnly(new double[3]).outputShape(Shape.of(4)));
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
