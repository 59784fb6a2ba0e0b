package dev.layerwise.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The merge layers' shape rules. Keras's merging_test.py is the model: an element-wise merge of two (2, 4, 5) batches
 * gives (2, 4, 5), Concatenate(axis=-1) of them (2, 4, 10), Subtract takes exactly two inputs, and Concatenate refuses
 * inputs that differ off its axis. Unlike Keras, Layerwise does not broadcast and needs at least two inputs.
 */
class MergeLayersTest {
  private static final List<MergeLayer> ELEMENTWISE = List.of(Add.create(), Subtract.create(), Multiply.create(),
      Average.create(), Maximum.create(), Minimum.create());

  private static void assertContains(Exception e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
  }

  @Test
  void anElementwiseMergeKeepsTheShapeOfItsInputs() {
    for (MergeLayer m : ELEMENTWISE) {
      assertEquals(Shape.of(4, 5), m.outputShape(List.of(Shape.of(4, 5), Shape.of(4, 5))), m.describe());
    }
    assertEquals(Shape.of(3), Add.create().outputShape(List.of(Shape.of(3), Shape.of(3), Shape.of(3))));
  }

  @Test
  void mismatchedShapesNameBothInputsAndTheirShapes() {
    for (MergeLayer m : ELEMENTWISE) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> m.outputShape(List.of(Shape.of(4), Shape.of(5)), List.of("left", "right")));
      assertContains(e, m.describe(), "left", "[4]", "right", "[5]", "does not broadcast");
    }
    // Keras would broadcast a size-1 axis; Layerwise refuses
    assertThrows(IllegalArgumentException.class, () -> Add.create().outputShape(List.of(Shape.of(4, 1),
        Shape.of(4, 5))));
  }

  @Test
  void subtractTakesExactlyTwoInputs() {
    Shape s = Shape.of(4, 5);
    assertContains(assertThrows(IllegalArgumentException.class, () -> Subtract.create().outputShape(List.of(s, s,
        s))), "Subtract merges exactly 2 tensors, got 3");
    assertContains(assertThrows(IllegalArgumentException.class, () -> Subtract.create().outputShape(List.of(s))),
        "exactly 2", "got 1");
  }

  @Test
  void everyMergeNeedsAtLeastTwoInputs() {
    for (MergeLayer m : List.of(Add.create(), Concatenate.create(), Maximum.create())) {
      assertContains(assertThrows(IllegalArgumentException.class, () -> m.outputShape(List.of(Shape.of(3)))),
          "at least 2", "got 1");
      assertContains(assertThrows(IllegalArgumentException.class, () -> m.outputShape(Shape.of(3))),
          "two or more tensors");
    }
  }

  @Test
  void concatenateAddsUpItsAxis() {
    // Keras: (2, 4, 5) twice along axis -1 give (2, 4, 10); (1, 1, 1, 1, 5) and (1, 1, 1, 1, 4) give (…, 9)
    assertEquals(Shape.of(4, 10), Concatenate.create().outputShape(List.of(Shape.of(4, 5), Shape.of(4, 5))));
    assertEquals(Shape.of(1, 1, 1, 9), Concatenate.create().outputShape(List.of(Shape.of(1, 1, 1, 5),
        Shape.of(1, 1, 1, 4))));
    // Keras's axis 1 over (batch, 4, 2) is the sample's axis 0 here: [4, 2] and [4, 2] give [8, 2]
    assertEquals(Shape.of(8, 2), Concatenate.axis(0).outputShape(List.of(Shape.of(4, 2), Shape.of(4, 2))));
    assertEquals(Shape.of(4, 4), Concatenate.axis(1).outputShape(List.of(Shape.of(4, 2), Shape.of(4, 2))));
    assertEquals(Shape.of(6, 3), Concatenate.axis(-2).outputShape(List.of(Shape.of(1, 3), Shape.of(2, 3),
        Shape.of(3, 3))));
  }

  @Test
  void concatenateRefusesInputsThatDifferOffItsAxis() {
    // Keras: (1, 2, 1, 1, 5) with (1, 1, 1, 1, 4) along -1 "requires inputs with matching shapes except for the
    // concatenation axis"
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Concatenate.create()
        .outputShape(List.of(Shape.of(2, 1, 1, 5), Shape.of(1, 1, 1, 4)), List.of("a", "b")));
    assertContains(e, "equal shapes except along axis -1", "a has shape [2, 1, 1, 5]", "b has shape [1, 1, 1, 4]");
    assertThrows(IllegalArgumentException.class, () -> Concatenate.axis(0).outputShape(List.of(Shape.of(2, 1, 2, 1),
        Shape.of(1, 1, 3, 1))));
    assertContains(assertThrows(IllegalArgumentException.class, () -> Concatenate.create().outputShape(List.of(
        Shape.of(4), Shape.of(4, 1)))), "except along axis");
  }

  @Test
  void aConcatenationAxisOutsideTheSampleIsRefused() {
    assertContains(assertThrows(IllegalArgumentException.class, () -> Concatenate.axis(2).outputShape(List.of(
        Shape.of(4, 2), Shape.of(4, 2)))), "axis 2 is outside a sample of rank 2");
    assertThrows(IllegalArgumentException.class, () -> Concatenate.axis(-3).outputShape(List.of(Shape.of(4, 2),
        Shape.of(4, 2))));
  }

  @Test
  void mergeLayersHaveNoWeightsAndKerasNames() {
    List<String> prefixes = List.of("add", "subtract", "multiply", "average", "maximum", "minimum");
    for (int i = 0; i < ELEMENTWISE.size(); i++) {
      assertEquals(prefixes.get(i), ELEMENTWISE.get(i).namePrefix());
      assertEquals(List.of(), ELEMENTWISE.get(i).weights(Shape.of(3)));
      assertEquals(List.of(ELEMENTWISE.get(i)), ELEMENTWISE.get(i).desugar());
    }
    assertEquals("concatenate", Concatenate.create().namePrefix());
    assertEquals(-1, Concatenate.create().axis());
    assertEquals(Concatenate.axis(1), Concatenate.create().withAxis(1));
  }

  @Test
  void mergeNamesFollowTheLayerNameRules() {
    assertThrows(IllegalArgumentException.class, () -> Add.create().withName("a/b"));
    assertEquals("sum", Add.create().withName("sum").name());
  }
}
