package dev.layerwise.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.layerwise.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlattenTest {

  @Test
  void outputIsOneVectorOfAllElements() {
    assertEquals(Shape.of(784), Flatten.create().outputShape(Shape.of(28, 28)));
    assertEquals(Shape.of(5 * 5 * 16), Flatten.create().outputShape(Shape.of(5, 5, 16)));
    assertEquals(Shape.of(10), Flatten.create().outputShape(Shape.of(10)));
  }

  @Test
  void hasNoWeightsAndAKerasPrefix() {
    Flatten f = Flatten.create();
    assertNull(f.name());
    assertEquals(List.of(), f.weights(Shape.of(28, 28)));
    assertEquals("flatten", f.namePrefix());
    assertEquals("flat", f.withName("flat").name());
  }

  @Test
  void rejectsScalarInput() {
    assertThrows(IllegalArgumentException.class, () -> Flatten.create().outputShape(Shape.scalar()));
  }

  @Test
  void visitorDispatchesToVisitFlatten() {
    assertEquals("visitFlatten", Flatten.create().accept(dev.layerwise.testing.VisitorProbe.methodName(), null));
  }
}
