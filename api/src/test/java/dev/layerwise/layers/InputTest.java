package dev.layerwise.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputTest {

  @Test
  void shapeFactoryKeepsTheSampleShape() {
    Input in = Input.shape(28, 28);
    assertEquals(Shape.of(28, 28), in.shape());
    assertEquals(Shape.of(28, 28), Input.of(Shape.of(28, 28)).shape());
    assertEquals("input_layer", in.namePrefix());
  }

  @Test
  void outputShapeIsItsOwnShapeWhateverItIsGiven() {
    assertEquals(Shape.of(6), Input.shape(6).outputShape(Shape.of(99)));
    assertEquals(List.of(), Input.shape(6).weights(Shape.of(6)));
  }

  @Test
  void rankZeroIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Input.of(Shape.scalar()));
    assertTrue(e.getMessage().contains("Input") && e.getMessage().contains("at least one dimension")
        && e.getMessage().contains("[]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Input.shape(new int[0]));
  }

  @Test
  void nonPositiveDimensionsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Input.shape(28, -1));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
  }

  @Test
  void missingShapeIsRejected() {
    assertThrows(NullPointerException.class, () -> Input.of(null));
  }

  @Test
  void visitorDispatchesToVisitInput() {
    assertEquals("visitInput", Input.shape(3).accept(dev.layerwise.testing.VisitorProbe.methodName(), null));
  }
}
