package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import org.junit.jupiter.api.Test;

class DatasetTest {

  /** Four samples of shape [2]: sample i is (10i, 10i + 1), label i. */
  private static Dataset four() {
    return Dataset.withClassLabels(new float[] {0, 1, 10, 11, 20, 21, 30, 31}, Shape.of(2), new int[] {0, 1, 2, 3});
  }

  @Test
  void withClassLabelsStoresOneScalarLabelPerSample() {
    Dataset d = four();
    assertEquals(4, d.size());
    assertEquals(Shape.of(2), d.featureShape());
    assertEquals(Shape.scalar(), d.labelShape());
    assertTrue(d.hasLabels());
    assertEquals(2f, d.label(2, 0));
    assertEquals(3f, d.label(3, 0));
  }

  @Test
  void ofKeepsVectorLabels() {
    Dataset d = Dataset.of(new float[] {1, 2, 3, 4, 5, 6}, Shape.of(3), new float[] {0, 1, 1, 0}, Shape.of(2));
    assertEquals(2, d.size());
    assertEquals(Shape.of(2), d.labelShape());
    assertEquals(1f, d.label(1, 0));
    assertEquals(0f, d.label(1, 1));
  }

  @Test
  void sampleCountMismatchIsRejectedWithBothCounts() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dataset.withClassLabels(new float[6], Shape.of(2), new int[] {0, 1}));
    assertTrue(e.getMessage().contains("x has 3 samples but y has 2"), e.getMessage());
  }

  @Test
  void vectorLabelCountMismatchIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dataset.of(new float[6], Shape.of(2), new float[4], Shape.of(2)));
    assertTrue(e.getMessage().contains("x has 3 samples but y has 4 values"), e.getMessage());
    assertTrue(e.getMessage().contains("[2]"), e.getMessage());
  }

  @Test
  void featuresMustBeWholeSamples() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dataset.featuresOnly(new float[5], Shape.of(2)));
    assertTrue(e.getMessage().contains("x has 5 values") && e.getMessage().contains("[2]"), e.getMessage());
  }

  @Test
  void anEmptyDatasetIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dataset.withClassLabels(new float[0], Shape.of(2), new int[0]));
    assertTrue(e.getMessage().contains("empty dataset"), e.getMessage());
  }

  @Test
  void featuresOnlyHasNoLabels() {
    Dataset d = Dataset.featuresOnly(new float[] {1, 2, 3, 4}, Shape.of(2));
    assertFalse(d.hasLabels());
    assertNull(d.labelShape());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.label(0, 0));
    assertTrue(e.getMessage().contains("no labels"), e.getMessage());
  }

  @Test
  void gatherCopiesTheOrderedSamplesIntoLongerBuffers() {
    float[] x = new float[8];
    float[] y = new float[4];
    java.util.Arrays.fill(x, -1);
    java.util.Arrays.fill(y, -1);
    four().gather(new int[] {3, 0, 2, 1}, 1, 2, x, y); // samples 0 and 2
    assertArrayEquals(new float[] {0, 1, 20, 21, -1, -1, -1, -1}, x);
    assertArrayEquals(new float[] {0, 2, -1, -1}, y);
  }

  @Test
  void gatherAndCopyRangeAcceptANullLabelBuffer() {
    float[] x = new float[2];
    four().gather(new int[] {3}, 0, 1, x, null);
    assertArrayEquals(new float[] {30, 31}, x);
    four().copyRange(1, 1, x, null);
    assertArrayEquals(new float[] {10, 11}, x);
  }

  @Test
  void copyRangeCopiesConsecutiveSamples() {
    float[] x = new float[6];
    float[] y = new float[3];
    four().copyRange(1, 3, x, y);
    assertArrayEquals(new float[] {10, 11, 20, 21, 30, 31}, x);
    assertArrayEquals(new float[] {1, 2, 3}, y);
  }

  @Test
  void sliceCopiesARange() {
    float[] x = {0, 1, 10, 11, 20, 21, 30, 31};
    Dataset d = Dataset.withClassLabels(x, Shape.of(2), new int[] {0, 1, 2, 3});
    Dataset s = d.slice(1, 3);
    assertEquals(2, s.size());
    assertEquals(1f, s.label(0, 0));
    assertEquals(2f, s.label(1, 0));
    x[2] = 99; // changing the source afterwards does not reach the copy
    float[] got = new float[4];
    s.copyRange(0, 2, got, null);
    assertArrayEquals(new float[] {10, 11, 20, 21}, got);
  }

  @Test
  void sliceOfFeaturesOnlyStaysUnlabelled() {
    Dataset s = Dataset.featuresOnly(new float[] {1, 2, 3}, Shape.of(1)).slice(2, 3);
    assertFalse(s.hasLabels());
    assertEquals(1, s.size());
  }

  @Test
  void sliceRejectsBadRanges() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> four().slice(2, 5));
    assertTrue(e.getMessage().contains("≤ 4") && e.getMessage().contains("[2, 5)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> four().slice(2, 2));
    assertThrows(IllegalArgumentException.class, () -> four().slice(-1, 2));
  }

  @Test
  void takeGivesTheFirstSamplesOrAll() {
    Dataset t = four().take(3);
    assertEquals(3, t.size());
    assertEquals(2f, t.label(2, 0));
    assertEquals(4, four().take(10).size());
  }

  @Test
  void withFeatureShapeViewsTheSameValues() {
    Dataset d = Dataset.withClassLabels(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, Shape.of(4), new int[] {0, 1});
    Dataset v = d.withFeatureShape(Shape.of(2, 2));
    assertEquals(Shape.of(2, 2), v.featureShape());
    assertEquals(2, v.size());
    assertEquals(1f, v.label(1, 0));
    float[] x = new float[4];
    v.copyRange(1, 1, x, null);
    assertArrayEquals(new float[] {5, 6, 7, 8}, x);
  }

  @Test
  void withFeatureShapeRejectsAnotherSize() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> four().withFeatureShape(Shape.of(3)));
    assertTrue(e.getMessage().contains("[2]") && e.getMessage().contains("[3]"), e.getMessage());
  }

  @Test
  void toStringDescribesSizeAndShapes() {
    assertEquals("Dataset[4 samples, features [2], labels []]", four().toString());
    assertEquals("Dataset[2 samples, features [2], no labels]",
        Dataset.featuresOnly(new float[4], Shape.of(2)).toString());
  }

  @Test
  void firstNonFiniteFeatureIsTheRowMajorIndexOfTheFirstNaNOrInfinity() {
    float[] x = {0, 1, 10, Float.POSITIVE_INFINITY, 20, Float.NaN, 30, 31};
    Dataset d = Dataset.withClassLabels(x, Shape.of(2), new int[] {0, 1, 2, 3});
    assertEquals(3, d.firstNonFiniteFeature());
    assertEquals(Float.POSITIVE_INFINITY, d.feature(1, 1));
    assertEquals(-1, four().firstNonFiniteFeature());
    assertEquals(-1, d.slice(2, 4).withFiniteFeaturesAssumed().firstNonFiniteFeature(), "assumed, not scanned");
    assertEquals(1, d.slice(2, 4).firstNonFiniteFeature(), "a slice of non-finite data is scanned");
  }

  @Test
  void aScanThatFoundEveryFeatureFiniteIsNotRepeated() {
    float[] x = {0, 1, 10, 11};
    Dataset d = Dataset.withClassLabels(x, Shape.of(2), new int[] {0, 1});
    assertEquals(-1, d.firstNonFiniteFeature());
    x[1] = Float.NaN; // breaks the documented "do not change them afterwards", to show the result is kept
    assertEquals(-1, d.firstNonFiniteFeature());
    assertEquals(-1, d.withFeatureShape(Shape.of(1, 2)).firstNonFiniteFeature(), "a view of checked data");
    assertEquals(-1, d.take(1).firstNonFiniteFeature(), "a copy of checked data");
    assertEquals(1, Dataset.withClassLabels(x, Shape.of(2), new int[] {0, 1}).firstNonFiniteFeature(), "a new one");
  }
}
