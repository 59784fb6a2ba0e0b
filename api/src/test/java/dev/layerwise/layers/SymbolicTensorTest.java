package dev.layerwise.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Applying layers to symbolic tensors: shapes inferred at once, arity and shape mistakes refused at the call. */
class SymbolicTensorTest {

  private static void assertContains(Exception e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
  }

  @Test
  void applyingALayerRecordsTheLayerItsInputsAndTheInferredShape() {
    SymbolicTensor x = Input.shape(28, 28).withName("image").tensor();
    Flatten flatten = Flatten.create();
    SymbolicTensor f = flatten.apply(x);
    Dense dense = Dense.units(64);
    SymbolicTensor h = dense.apply(f);
    assertTrue(x.isInput());
    assertEquals(List.of(), x.inbound());
    assertEquals(Shape.of(28, 28), x.shape());
    assertSame(flatten, f.layer());
    assertEquals(List.of(x), f.inbound());
    assertEquals(Shape.of(784), f.shape());
    assertEquals(Shape.of(64), h.shape());
    assertEquals("SymbolicTensor[the output of Dense (None, 64)]", h.toString());
    assertEquals("Input 'image' (None, 28, 28)", x.describe());
  }

  @Test
  void tensorsAreComparedByIdentity() {
    Input in = Input.shape(3);
    SymbolicTensor a = in.tensor();
    SymbolicTensor b = in.tensor();
    assertNotSame(a, b);
    assertTrue(!a.equals(b), "two calls of tensor() are two inputs");
    Dense d = Dense.units(2);
    assertTrue(!d.apply(a).equals(d.apply(a)), "two applications are two tensors");
  }

  @Test
  void aMergeTakesSeveralTensorsAndNamesBothOnAMismatch() {
    SymbolicTensor a = Input.shape(4).withName("a").tensor();
    SymbolicTensor b = Input.shape(5).withName("b").tensor();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Add.create().apply(a, b));
    assertContains(e, "Add needs inputs of equal shapes", "Input 'a' (None, 4)", "Input 'b' (None, 5)");
    SymbolicTensor c = Input.shape(4).tensor();
    assertEquals(Shape.of(8), Concatenate.create().apply(a, c).shape());
  }

  @Test
  void aOneInputLayerTakesExactlyOneTensor() {
    SymbolicTensor a = Input.shape(4).tensor();
    assertContains(assertThrows(IllegalArgumentException.class, () -> Dense.units(3).apply(a, a)),
        "Dense is applied to exactly one tensor, got 2");
    assertContains(assertThrows(IllegalArgumentException.class, () -> Dense.units(3).apply()),
        "exactly one tensor, got 0");
    assertContains(assertThrows(IllegalArgumentException.class, () -> Add.create().apply(a)), "at least 2");
  }

  @Test
  void anInputIsNotApplied() {
    SymbolicTensor a = Input.shape(4).tensor();
    assertContains(assertThrows(IllegalArgumentException.class, () -> Input.shape(4).apply(a)),
        "is applied to nothing: use its tensor()");
  }

  @Test
  void aShapeTheLayerCannotTakeFailsAtTheCallNamingTheLayerAndTheTensor() {
    SymbolicTensor flat = Flatten.create().withName("flat").apply(Input.shape(6, 6, 1).tensor());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Conv2D.of(4, 3).withName("conv").apply(flat));
    assertContains(e, "Conv2D 'conv' cannot be applied to the output of Flatten 'flat' (None, 36)", "rank-4");
  }

  @Test
  void aNullTensorIsNamed() {
    assertThrows(NullPointerException.class, () -> Dense.units(2).apply((SymbolicTensor) null));
  }
}
