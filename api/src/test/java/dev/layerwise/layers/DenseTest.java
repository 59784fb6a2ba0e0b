package dev.layerwise.layers;

import dev.layerwise.testing.VisitorProbe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import dev.layerwise.init.GlorotUniform;
import dev.layerwise.init.HeNormal;
import dev.layerwise.init.Initializer;
import dev.layerwise.init.Zeros;
import java.util.List;
import org.junit.jupiter.api.Test;

class DenseTest {

  @Test
  void unitsFactoryUsesKerasDefaults() {
    Dense d = Dense.units(128);
    assertEquals(128, d.units());
    assertNull(d.name());
    assertEquals(ActivationFn.LINEAR, d.activation());
    assertTrue(d.useBias());
    assertInstanceOf(GlorotUniform.class, d.kernelInitializer());
    assertInstanceOf(Zeros.class, d.biasInitializer());
  }

  @Test
  void nonPositiveUnitsAreRejectedNamingTheLayerAndTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dense.units(-3));
    assertTrue(e.getMessage().contains("Dense"), e.getMessage());
    assertTrue(e.getMessage().contains("units must be positive"), e.getMessage());
    assertTrue(e.getMessage().contains("-3"), e.getMessage());
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Dense.units(0));
    assertTrue(zero.getMessage().contains("got 0"), zero.getMessage());
  }

  @Test
  void aNamedLayerWithBadUnitsIsNamedInTheMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Dense("dense_1", -3, ActivationFn.LINEAR, true, Initializer.glorotUniform(), Initializer.zeros(),
            null, null));
    assertTrue(e.getMessage().contains("Dense 'dense_1': units must be positive, got -3"), e.getMessage());
  }

  @Test
  void withersChangeOnlyTheirField() {
    Dense base = Dense.units(4);
    Dense d = base.withActivation(ActivationFn.TANH).withUseBias(false).withName("hidden")
        .withKernelInitializer(Initializer.heNormal()).withBiasInitializer(Initializer.randomNormal(0.1));
    assertEquals(4, d.units());
    assertEquals("hidden", d.name());
    assertEquals(ActivationFn.TANH, d.activation());
    assertFalse(d.useBias());
    assertInstanceOf(HeNormal.class, d.kernelInitializer());
    assertEquals(Initializer.randomNormal(0, 0.1), d.biasInitializer());
    assertEquals(ActivationFn.LINEAR, base.activation(), "records are immutable");
    assertNull(base.name());
  }

  @Test
  void weightsAreAKernelInByUnitsAndABiasOfUnits() {
    List<WeightSpec> w = Dense.units(128).weights(Shape.of(784));
    assertEquals(2, w.size());
    assertEquals("kernel", w.get(0).name());
    assertEquals(Shape.of(784, 128), w.get(0).shape());
    assertInstanceOf(GlorotUniform.class, w.get(0).initializer());
    assertTrue(w.get(0).trainable());
    assertEquals("bias", w.get(1).name());
    assertEquals(Shape.of(128), w.get(1).shape());
    assertInstanceOf(Zeros.class, w.get(1).initializer());
    assertTrue(w.get(1).trainable());
  }

  @Test
  void noBiasWeightWhenUseBiasIsFalse() {
    List<WeightSpec> w = Dense.units(10).withUseBias(false).weights(Shape.of(64));
    assertEquals(1, w.size());
    assertEquals("kernel", w.get(0).name());
    assertEquals(Shape.of(64, 10), w.get(0).shape());
  }

  @Test
  void weightsUseTheChosenInitializers() {
    List<WeightSpec> w = Dense.units(3).withKernelInitializer(Initializer.heNormal())
        .withBiasInitializer(Initializer.randomNormal(0.5, 0.1)).weights(Shape.of(2));
    assertInstanceOf(HeNormal.class, w.get(0).initializer());
    assertEquals(Initializer.randomNormal(0.5, 0.1), w.get(1).initializer());
  }

  @Test
  void outputShapeReplacesTheLastAxis() {
    assertEquals(Shape.of(128), Dense.units(128).outputShape(Shape.of(784)));
    assertEquals(Shape.of(5, 7, 16), Dense.units(16).outputShape(Shape.of(5, 7, 3)),
        "a higher-rank input is mapped over its last axis");
  }

  @Test
  void aRankThreeInputGetsAKernelOverItsLastAxis() {
    assertEquals(Shape.of(3, 16), Dense.units(16).weights(Shape.of(5, 7, 3)).get(0).shape());
  }

  @Test
  void scalarInputIsRejectedNamingTheLayer() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dense.units(4).withName("d").outputShape(Shape.scalar()));
    assertTrue(e.getMessage().contains("Dense 'd'") && e.getMessage().contains("rank ≥ 1"), e.getMessage());
  }

  @Test
  void aLinearDenseDesugarsToItself() {
    Dense d = Dense.units(10).withName("dense_1");
    assertEquals(List.of(d), d.desugar());
  }

  @Test
  void reluDesugarsIntoALinearDenseAndANamedActivation() {
    Dense d = Dense.units(128).withActivation(ActivationFn.RELU).withName("dense");
    List<Layer> core = d.desugar();
    assertEquals(2, core.size());
    Dense affine = assertInstanceOf(Dense.class, core.get(0));
    assertEquals("dense", affine.name());
    assertEquals(128, affine.units());
    assertEquals(ActivationFn.LINEAR, affine.activation());
    assertTrue(affine.useBias());
    Activation act = assertInstanceOf(Activation.class, core.get(1));
    assertEquals("dense_relu", act.name());
    assertEquals(ActivationFn.RELU, act.function());
  }

  @Test
  void desugaringKeepsBiasAndInitializers() {
    Dense d = Dense.units(3).withActivation(ActivationFn.SOFTMAX).withUseBias(false)
        .withKernelInitializer(Initializer.heNormal()).withName("out");
    Dense affine = (Dense) d.desugar().get(0);
    assertFalse(affine.useBias());
    assertInstanceOf(HeNormal.class, affine.kernelInitializer());
    assertEquals("out_softmax", d.desugar().get(1).name());
  }

  @Test
  void namePrefixAndDescribe() {
    assertEquals("dense", Dense.units(1).namePrefix());
    assertEquals("Dense", Dense.units(1).describe());
    assertEquals("Dense 'dense_2'", Dense.units(1).withName("dense_2").describe());
  }

  @Test
  void visitorDispatchesToVisitDense() {
    Dense d = Dense.units(2);
    assertSame(d, d.accept(VisitorProbe.identity(), null));
    assertEquals("visitDense", d.accept(VisitorProbe.methodName(), null));
  }
}
