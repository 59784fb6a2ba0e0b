package dev.layerwise.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivationTest {

  @Test
  void ofCreatesAnUnnamedActivation() {
    Activation a = Activation.of(ActivationFn.SOFTMAX);
    assertEquals(ActivationFn.SOFTMAX, a.function());
    assertNull(a.name());
    assertEquals("activation", a.namePrefix());
    assertEquals("probs", a.withName("probs").name());
  }

  @Test
  void outputShapeEqualsInputShape() {
    Activation a = Activation.of(ActivationFn.RELU);
    assertEquals(Shape.of(128), a.outputShape(Shape.of(128)));
    assertEquals(Shape.of(4, 4, 8), a.outputShape(Shape.of(4, 4, 8)));
  }

  @Test
  void hasNoWeightsAndDesugarsToItself() {
    Activation a = Activation.of(ActivationFn.TANH).withName("t");
    assertEquals(List.of(), a.weights(Shape.of(5)));
    assertEquals(List.of(a), a.desugar());
  }

  @Test
  void rejectsAMissingFunction() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Activation.of(null));
    assertTrue(e.getMessage().contains("Activation"), e.getMessage());
  }

  @Test
  void rejectsScalarInputNamingTheLayer() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Activation.of(ActivationFn.RELU).withName("act").outputShape(Shape.scalar()));
    assertTrue(e.getMessage().contains("Activation 'act'") && e.getMessage().contains("[]"), e.getMessage());
  }

  @Test
  void kerasNamesOfTheFunctions() {
    assertEquals("linear", ActivationFn.LINEAR.kerasName());
    assertEquals("relu", ActivationFn.RELU.kerasName());
    assertEquals("sigmoid", ActivationFn.SIGMOID.kerasName());
    assertEquals("tanh", ActivationFn.TANH.kerasName());
    assertEquals("softmax", ActivationFn.SOFTMAX.kerasName());
  }

  @Test
  void visitorDispatchesToVisitActivation() {
    assertEquals("visitActivation", Activation.of(ActivationFn.RELU).accept(dev.layerwise.testing.VisitorProbe.methodName(), null));
  }
}
