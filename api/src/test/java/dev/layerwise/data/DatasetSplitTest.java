package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Random and stratified splits: sizes, disjointness, reproducibility, class shares and refusals. */
class DatasetSplitTest {

  /** n samples whose one feature is the sample's index, labelled by the given classes. */
  private static Dataset indexed(int... labels) {
    float[] x = new float[labels.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    return Dataset.withClassLabels(x, Shape.of(1), labels);
  }

  private static List<Integer> featureValues(Dataset d) {
    List<Integer> v = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      v.add((int) d.feature(i, 0));
    }
    return v;
  }

  private static void assertContains(Exception e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
  }

  @Test
  void aSplitHoldsOutKerasCountAndThePartsCoverEverySampleOnceInOrder() {
    Dataset d = indexed(new int[10]);
    DatasetSplit s = d.split(0.25, 7);
    // 10 − floor(10 · 0.75) = 3 held out
    assertEquals(7, s.train().size());
    assertEquals(3, s.test().size());
    assertEquals(s.trainIndices(), featureValues(s.train()));
    assertEquals(s.testIndices(), featureValues(s.test()));
    TreeSet<Integer> all = new TreeSet<>(s.trainIndices());
    all.addAll(s.testIndices());
    assertEquals(10, all.size());
    assertEquals(new TreeSet<>(s.trainIndices()).stream().toList(), s.trainIndices());
  }

  @Test
  void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
    Dataset d = indexed(new int[50]);
    assertEquals(d.split(0.2, 1).testIndices(), d.split(0.2, 1).testIndices());
    assertNotEquals(d.split(0.2, 1).testIndices(), d.split(0.2, 2).testIndices());
  }

  @Test
  void labelsAndSampleWeightsTravelWithTheirSamples() {
    Dataset d = indexed(0, 1, 2, 0, 1, 2).withSampleWeights(new double[] {10, 11, 12, 13, 14, 15});
    DatasetSplit s = d.split(0.5, 3);
    for (Dataset part : List.of(s.train(), s.test())) {
      for (int i = 0; i < part.size(); i++) {
        int original = (int) part.feature(i, 0);
        assertEquals(original % 3, part.label(i, 0));
        assertEquals(10 + original, part.sampleWeight(i));
      }
    }
  }

  @Test
  void aStratifiedSplitKeepsEachClassShare() {
    // 40 of class 0, 20 of class 1, 10 of class 2
    int[] labels = new int[70];
    for (int i = 0; i < 70; i++) {
      labels[i] = i < 40 ? 0 : i < 60 ? 1 : 2;
    }
    DatasetSplit s = indexed(labels).stratifiedSplit(0.3, 11);
    int[] held = new int[3];
    for (int i = 0; i < s.test().size(); i++) {
      held[(int) s.test().label(i, 0)]++;
    }
    // per class: n − floor(n · 0.7) → 40 − 28 = 12, 20 − 14 = 6, 10 − 7 = 3
    assertEquals(List.of(12, 6, 3), List.of(held[0], held[1], held[2]));
    assertEquals(49, s.train().size());
    assertEquals(s.testIndices(), featureValues(s.test()));
  }

  @Test
  void badSplitsAreRefusedWithTheReason() {
    Dataset d = indexed(0, 0, 0, 1);
    assertContains(assertThrows(IllegalArgumentException.class, () -> d.split(1.0, 0)),
        "Dataset.split: the held-out share must be in (0, 1), got 1.0");
    assertContains(assertThrows(IllegalArgumentException.class, () -> indexed(0).split(0.5, 0)),
        "leaves 0 to train on and 1 to hold out");
    assertContains(assertThrows(IllegalArgumentException.class, () -> d.stratifiedSplit(0.3, 0)),
        "class 1 has 1 sample(s)", "each part needs every class");
    Dataset regression = Dataset.of(new float[4], Shape.of(1), new float[] {0.5f, 1, 2, 3}, Shape.scalar());
    assertContains(assertThrows(IllegalArgumentException.class, () -> regression.stratifiedSplit(0.5, 0)),
        "labels must be class indices", "sample 0's label is 0.5");
    Dataset oneHot = Dataset.of(new float[2], Shape.of(1), new float[4], Shape.of(2));
    assertContains(assertThrows(IllegalArgumentException.class, () -> oneHot.stratifiedSplit(0.5, 0)),
        "one class-index label per sample", "got target shapes [[2]]");
  }
}
