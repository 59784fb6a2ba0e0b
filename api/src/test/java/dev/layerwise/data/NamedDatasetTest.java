package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Datasets of named arrays, for models with several inputs and outputs, and how they are matched to a model. */
class NamedDatasetTest {

  /** 3 samples: a [2] = 0..5, b [1] = 10, 11, 12, class labels 0, 1, 2. */
  private static Dataset named() {
    return Dataset.builder().features("a", new float[] {0, 1, 2, 3, 4, 5}, Shape.of(2))
        .features("b", new float[] {10, 11, 12}, Shape.of(1)).classLabels("y", new int[] {0, 1, 2}).build();
  }

  private static void assertContains(Exception e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
  }

  @Test
  void aBuiltDatasetListsItsArraysByName() {
    Dataset d = named();
    assertEquals(3, d.size());
    assertEquals(List.of("a", "b"), d.featureNames());
    assertEquals(List.of("y"), d.targetNames());
    assertEquals(List.of(Shape.of(2), Shape.of(1)), d.featureShapes());
    assertEquals(List.of(Shape.scalar()), d.targetShapes());
    assertEquals(11, d.feature(1, 1, 0));
    assertEquals(2, d.label(0, 2, 0));
    assertEquals("Dataset[3 samples, features a [2], b [1], labels y []]", d.toString());
  }

  @Test
  void aSingleArrayDatasetHasNoNames() {
    Dataset d = Dataset.withClassLabels(new float[4], Shape.of(2), new int[] {0, 1});
    assertEquals(List.of(), d.featureNames());
    assertEquals(List.of(), d.targetNames());
    assertEquals(1, d.featureCount());
  }

  @Test
  void everyArrayMustHoldTheSameNumberOfSamplesAndTheMessageNamesBoth() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dataset.builder()
        .features("a", new float[6], Shape.of(2)).features("b", new float[4], Shape.of(1)).build());
    assertContains(e, "features 'a' has 3 samples but features 'b' has 4 values");
    e = assertThrows(IllegalArgumentException.class, () -> Dataset.builder()
        .features("a", new float[6], Shape.of(2)).classLabels("y", new int[2]).build());
    assertContains(e, "features 'a' has 3 samples but targets 'y' has 2 values");
    assertContains(assertThrows(IllegalArgumentException.class, () -> Dataset.builder()
        .features("a", new float[2], Shape.of(1)).features("a", new float[2], Shape.of(1))), "features 'a' are"
        + " given twice");
  }

  @Test
  void arrangingPutsTheArraysInTheGivenOrderAndDropsTheTargetsWhenAsked() {
    Dataset d = named().arranged(List.of("b", "a"), List.of("y"));
    assertEquals(List.of("b", "a"), d.featureNames());
    List<float[]> xs = List.of(new float[2], new float[4]);
    List<float[]> ys = List.of(new float[2]);
    d.gather(new int[] {2, 0}, 0, 2, xs, ys);
    assertArrayEquals(new float[] {12, 10}, xs.get(0));
    assertArrayEquals(new float[] {4, 5, 0, 1}, xs.get(1));
    assertArrayEquals(new float[] {2, 0}, ys.get(0));
    Dataset features = named().arranged(List.of("a", "b"), null);
    assertEquals(0, features.targetCount());
  }

  @Test
  void anUnnamedArrayMatchesExactlyOneName() {
    Dataset one = Dataset.of(new float[4], Shape.of(2), new float[2], Shape.of(1));
    Dataset arranged = one.arranged(List.of("pixels"), List.of("dense_1"));
    assertEquals(List.of("pixels"), arranged.featureNames());
    assertEquals(List.of("dense_1"), arranged.targetNames());
    assertContains(assertThrows(IllegalArgumentException.class, () -> one.arranged(List.of("a", "b"), null)),
        "one unnamed array of features, but the model has 2 inputs [a, b]");
  }

  @Test
  void missingOrExtraNamesAreRefusedListingBothSets() {
    assertContains(assertThrows(IllegalArgumentException.class, () -> named().arranged(List.of("a", "c"), null)),
        "the dataset's features [a, b] do not match the model's inputs [a, c]: missing [c], not the model's [b]");
    assertContains(assertThrows(IllegalArgumentException.class, () -> named().arranged(List.of("a", "b"),
        List.of("y", "z"))), "targets [y]", "outputs [y, z]", "missing [z]");
  }

  @Test
  void slicingAndAssumingFinitenessKeepEveryArray() {
    Dataset d = named().slice(1, 3);
    assertEquals(2, d.size());
    assertEquals(List.of("a", "b"), d.featureNames());
    assertEquals(12, d.feature(1, 1, 0));
    assertEquals(-1, named().withFiniteFeaturesAssumed().firstNonFiniteFeature(1));
    Dataset nan = Dataset.builder().features("a", new float[] {1, Float.NaN}, Shape.of(1)).build();
    assertEquals(1, nan.firstNonFiniteFeature(0));
  }

  @Test
  void aScanThroughTheArrangedViewSparesTheDatasetItCameFrom() {
    float[] x = {1, 2, 3, 4};
    Dataset d = Dataset.featuresOnly(x, Shape.of(2));
    assertEquals(-1, d.arranged(List.of("input_layer"), null).firstNonFiniteFeature(0));
    x[3] = Float.NaN; // never do this: the arrays are not to change; here it shows no second scan happens
    assertEquals(-1, d.firstNonFiniteFeature(), "fit scans each array once, whichever view it goes through");
    assertEquals(3, Dataset.featuresOnly(x, Shape.of(2)).firstNonFiniteFeature(), "a new dataset scans again");
  }
}
