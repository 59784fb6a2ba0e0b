package dev.layerwise.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import dev.layerwise.init.Initializer;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.WeightSpec;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModelSpecTest {

  /** The Fashion-MNIST MLP of the user guide. */
  private static ModelSpec mlp() {
    return ModelSpec.chain("mlp", List.of(Input.shape(28, 28), Flatten.create(),
        Dense.units(128).withActivation(ActivationFn.RELU), Dense.units(10)));
  }

  private static List<String> names(List<LayerNode> nodes) {
    return nodes.stream().map(LayerNode::name).toList();
  }

  @Test
  void unnamedLayersGetKerasStyleNames() {
    ModelSpec spec = ModelSpec.chain("m", List.of(Input.shape(4), Dense.units(3), Activation.of(ActivationFn.TANH),
        Dense.units(3), Flatten.create(), Dense.units(2), Activation.of(ActivationFn.SOFTMAX)));
    assertEquals(List.of("input_layer", "dense", "activation", "dense_1", "flatten", "dense_2", "activation_1"),
        names(spec.layers()));
  }

  @Test
  void autoNamingSkipsNamesTheUserTook() {
    ModelSpec spec = ModelSpec.chain("m", List.of(Input.shape(4), Dense.units(3), Dense.units(3).withName("dense"),
        Dense.units(3), Dense.units(3).withName("dense_2")));
    assertEquals(List.of("input_layer", "dense_1", "dense", "dense_3", "dense_2"), names(spec.layers()));
  }

  @Test
  void userNamesAreKept() {
    ModelSpec spec = ModelSpec.chain("m", List.of(Input.shape(4).withName("pixels"), Dense.units(3).withName("out")));
    assertEquals(List.of("pixels", "out"), names(spec.layers()));
    assertEquals(List.of("out/kernel", "out/bias"), List.copyOf(spec.weightSpecs().keySet()));
  }

  @Test
  void theFirstLayerMustBeAnInput() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelSpec.chain("classifier", List.of(Dense.units(3), Dense.units(2))));
    assertTrue(e.getMessage().contains("'classifier'"), e.getMessage());
    assertTrue(e.getMessage().contains("must start with an Input"), e.getMessage());
    assertTrue(e.getMessage().contains("got Dense first"), e.getMessage());
  }

  @Test
  void anEmptyLayerListIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.chain("m", List.of()));
    assertTrue(e.getMessage().contains("no layers") && e.getMessage().contains("Input.shape"), e.getMessage());
  }

  @Test
  void anInputMayOnlyComeFirst() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelSpec.chain("m", List.of(Input.shape(4), Dense.units(4), Input.shape(4))));
    assertTrue(e.getMessage().contains("Input 'input_layer_1' at position 2"), e.getMessage());
    assertTrue(e.getMessage().contains("Input may only come first"), e.getMessage());
  }

  @Test
  void duplicateUserNamesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.chain("m",
        List.of(Input.shape(4), Dense.units(4).withName("hidden"), Dense.units(2).withName("hidden"))));
    assertTrue(e.getMessage().contains("'hidden' is used twice"), e.getMessage());
  }

  @Test
  void aUserNameCollidingWithADesugaredActivationIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.chain("m",
        List.of(Input.shape(4), Dense.units(4).withActivation(ActivationFn.RELU).withName("h"),
            Activation.of(ActivationFn.TANH).withName("h_relu"))));
    assertTrue(e.getMessage().contains("'h_relu' is used twice"), e.getMessage());
  }

  @Test
  void nodesAreDesugaredWhileLayersAreTheUsersOwn() {
    ModelSpec spec = mlp();
    assertEquals(List.of("input_layer", "flatten", "dense", "dense_1"), names(spec.layers()));
    assertEquals(List.of("input_layer", "flatten", "dense", "dense_relu", "dense_1"), names(spec.nodes()));

    LayerNode userDense = spec.layers().get(2);
    assertEquals(ActivationFn.RELU, ((Dense) userDense.layer()).activation());
    assertEquals(Shape.of(784), userDense.inputShape());
    assertEquals(Shape.of(128), userDense.outputShape());
    assertEquals(128 * 784 + 128, userDense.parameterCount());

    LayerNode affine = spec.nodes().get(2);
    assertEquals(ActivationFn.LINEAR, ((Dense) affine.layer()).activation());
    LayerNode relu = spec.nodes().get(3);
    Activation act = assertInstanceOf(Activation.class, relu.layer());
    assertEquals(ActivationFn.RELU, act.function());
    assertEquals(Shape.of(128), relu.inputShape());
    assertEquals(Shape.of(128), relu.outputShape());
    assertEquals(List.of(), relu.weights());
  }

  @Test
  void shapesFlowThroughTheChain() {
    ModelSpec spec = mlp();
    assertEquals(Shape.of(28, 28), spec.inputShape());
    assertEquals(Shape.of(28, 28), spec.nodes().get(0).outputShape());
    assertEquals(Shape.of(28, 28), spec.nodes().get(1).inputShape());
    assertEquals(Shape.of(784), spec.nodes().get(1).outputShape());
    assertEquals(Shape.of(10), spec.outputShape());
    assertEquals("dense_1", spec.lastNode().name());
    assertEquals("mlp", spec.name());
  }

  @Test
  void aLayerThatCannotTakeItsInputFailsNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelSpec.chain("m", List.of(Input.shape(4), Dense.units(0))));
    assertTrue(e.getMessage().contains("units must be positive"), e.getMessage());
  }

  @Test
  void weightSpecsAreInModelOrderWithFullNames() {
    Map<String, WeightSpec> w = mlp().weightSpecs();
    assertEquals(List.of("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"), List.copyOf(w.keySet()));
    assertEquals(Shape.of(784, 128), w.get("dense/kernel").shape());
    assertEquals(Shape.of(128), w.get("dense/bias").shape());
    assertEquals(Shape.of(128, 10), w.get("dense_1/kernel").shape());
    assertEquals(Shape.of(10), w.get("dense_1/bias").shape());
  }

  @Test
  void trainableWeightNamesListEveryTrainableWeightInOrder() {
    ModelSpec spec = ModelSpec.chain("m", List.of(Input.shape(3), Dense.units(4).withUseBias(false), Dense.units(2)));
    assertEquals(List.of("dense/kernel", "dense_1/kernel", "dense_1/bias"), spec.trainableWeightNames());
  }

  @Test
  void parameterCountOfTheFashionMnistMlp() {
    // 784·128 + 128 (hidden) + 128·10 + 10 (output)
    assertEquals(101_770L, mlp().parameterCount());
  }

  @Test
  void layerNodeWeightNamesAreQualifiedByTheLayer() {
    LayerNode n = mlp().nodes().get(4);
    assertEquals("dense_1/kernel", n.weightName(n.weights().get(0)));
    assertEquals("dense_1/m", n.weightName("m"));
  }

  @Test
  void theUsersLayersStayUnnamed() {
    List<Layer> given = List.of(Input.shape(2), Dense.units(1));
    ModelSpec.chain("m", given);
    assertNull(given.get(1).name());
  }

  @Test
  void initialWeightsAreDeterministicForASeed() {
    Map<String, TensorValue> a = mlp().initialWeights(42);
    Map<String, TensorValue> b = mlp().initialWeights(42);
    assertEquals(List.of("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"), List.copyOf(a.keySet()));
    a.forEach((name, v) -> assertArrayEquals(v.data(), b.get(name).data(), 0.0, name));
  }

  @Test
  void eachWeightIsDrawnFromAStreamDerivedFromTheSeedAndItsFullName() {
    ModelSpec spec = ModelSpec.chain("m", List.of(Input.shape(5), Dense.units(4),
        Dense.units(2).withKernelInitializer(Initializer.randomNormal(0.25, 2.0))));
    Map<String, TensorValue> w = spec.initialWeights(2024);

    // dense/kernel [5, 4]: Glorot uniform, l = √(6 / 9), from U[0, 1) draws of the derived stream
    SplittableRandom glorot = new SplittableRandom(SeededRandom.derive(2024, "dense/kernel"));
    double l = Math.sqrt(6.0 / 9);
    double[] expected = new double[20];
    for (int i = 0; i < 20; i++) {
      expected[i] = (float) (-l + 2 * l * glorot.nextDouble());
    }
    assertArrayEquals(expected, w.get("dense/kernel").data(), 0.0);

    // dense_1/kernel [4, 2]: N(0.25, 2²) by Box–Muller, cos draw first, then its sin partner
    SplittableRandom normal = new SplittableRandom(SeededRandom.derive(2024, "dense_1/kernel"));
    double[] expectedNormal = new double[8];
    for (int i = 0; i < 8; i += 2) {
      double u1 = 1.0 - normal.nextDouble();
      double u2 = normal.nextDouble();
      double r = Math.sqrt(-2 * Math.log(u1));
      expectedNormal[i] = (float) (0.25 + 2.0 * r * Math.cos(2 * Math.PI * u2));
      expectedNormal[i + 1] = (float) (0.25 + 2.0 * r * Math.sin(2 * Math.PI * u2));
    }
    assertArrayEquals(expectedNormal, w.get("dense_1/kernel").data(), 0.0);
  }

  @Test
  void anotherSeedGivesOtherKernels() {
    double[] a = mlp().initialWeights(42).get("dense/kernel").data();
    double[] b = mlp().initialWeights(43).get("dense/kernel").data();
    int same = 0;
    for (int i = 0; i < a.length; i++) {
      same += a[i] == b[i] ? 1 : 0;
    }
    assertTrue(same < a.length / 1000, same + " of " + a.length + " values equal across seeds");
  }

  @Test
  void initialWeightsHaveTheSpecShapesAndGlorotRange() {
    Map<String, TensorValue> w = mlp().initialWeights(7);
    assertEquals(Shape.of(784, 128), w.get("dense/kernel").shape());
    assertEquals(Shape.of(128, 10), w.get("dense_1/kernel").shape());
    double limit = Math.sqrt(6.0 / (784 + 128));
    for (double v : w.get("dense/kernel").data()) {
      assertTrue(Math.abs(v) <= limit, v + " outside ±" + limit);
    }
  }

  @Test
  void initialValuesAreExactlyFloat32Representable() {
    mlp().initialWeights(5).forEach((name, t) -> {
      for (double v : t.data()) {
        assertEquals(v, (double) (float) v, 0.0, name + " holds " + v + ", not a float32 value");
      }
    });
  }

  @Test
  void biasesStartAtZero() {
    Map<String, TensorValue> w = mlp().initialWeights(5);
    assertArrayEquals(new double[128], w.get("dense/bias").data(), 0.0);
    assertArrayEquals(new double[10], w.get("dense_1/bias").data(), 0.0);
  }

  @Test
  void aWeightsValuesDoNotDependOnOtherLayers() {
    ModelSpec alone = ModelSpec.chain("a", List.of(Input.shape(4), Dense.units(3).withName("hidden")));
    ModelSpec surrounded = ModelSpec.chain("b", List.of(Input.shape(4), Dense.units(4).withName("before"),
        Dense.units(3).withName("hidden"), Dense.units(7).withName("after")));
    TensorValue a = alone.initialWeights(99).get("hidden/kernel");
    TensorValue b = surrounded.initialWeights(99).get("hidden/kernel");
    assertEquals(Shape.of(4, 3), b.shape());
    assertArrayEquals(a.data(), b.data(), 0.0);
  }

  @Test
  void sameShapedWeightsWithDifferentNamesGetDifferentValues() {
    ModelSpec spec = ModelSpec.chain("m", List.of(Input.shape(3), Dense.units(3).withName("first"),
        Dense.units(3).withName("second")));
    Map<String, TensorValue> w = spec.initialWeights(1);
    assertFalse(java.util.Arrays.equals(w.get("first/kernel").data(), w.get("second/kernel").data()));
  }
}
