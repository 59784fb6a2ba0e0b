package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The facts about TF's C++ gradient registry that the preflight relies on, checked against the TF Java 1.1.0
 * (TF 2.18) natives: which op types have an entry ({@code TFJ_HasGradient}), that an explicit "no gradient"
 * entry also says {@code true} but yields a null gradient without error, that a type without an entry makes
 * {@code addGradients} fail, and that a Java custom gradient counts as an entry.
 */
class TfGradientRegistryTest {
  /** Every op type the TF backend's layers, losses and regularizers emit on the way from a weight to the loss. */
  static final List<String> EMITTED = List.of("MatMul", "BiasAdd", "Relu", "Elu", "Selu", "LeakyRelu", "Sigmoid",
      "Tanh", "Softmax", "LogSoftmax", "Softplus", "Conv2D", "MaxPool", "AvgPool", "Mean", "Sum", "Max", "Reshape",
      "Select", "SelectV2", "Expm1", "Exp", "Minimum", "Mul", "Add", "AddV2", "Sub", "RealDiv", "Div", "Neg", "Square",
      "Abs", "Rsqrt", "SquaredDifference", "Identity", "ClipByValue", "Log", "Cast");

  static Stream<Arguments> entries() {
    return Stream.of(
        // explicit "no gradient" entries: registered, so TFJ_HasGradient says true
        Arguments.of("StopGradient", true), Arguments.of("OneHot", true), Arguments.of("Shape", true),
        Arguments.of("Size", true), Arguments.of("Rank", true), Arguments.of("ZerosLike", true),
        Arguments.of("Floor", true), Arguments.of("Greater", true), Arguments.of("Const", true),
        // no entry at all
        Arguments.of("ArgMax", false), Arguments.of("Round", false), Arguments.of("Ceil", false),
        Arguments.of("Cumprod", false), Arguments.of("Conv3D", false), Arguments.of("TopKV2", false),
        Arguments.of("Where", false), Arguments.of("RandomUniform", false),
        Arguments.of("SparseSoftmaxCrossEntropyWithLogits", false), Arguments.of("VariableV2", false),
        Arguments.of("Placeholder", false), Arguments.of("NoOp", false), Arguments.of("NoSuchOpType", false));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("entries")
  void registryEntries(String type, boolean expected) {
    assertEquals(expected, new TfGradientRegistry().hasEntry(type), type);
  }

  @Test
  void everyOpTheBackendDifferentiatesHasAGradientFunction() {
    TfGradientRegistry registry = new TfGradientRegistry();
    for (String type : EMITTED) {
      assertTrue(registry.differentiable(type), type + " has no gradient function");
    }
  }

  /** A misspelt or unregistered name in the list would make the preflight misjudge that op. */
  @Test
  void everyListedNonDifferentiableTypeIsRegistered() {
    TfGradientRegistry registry = new TfGradientRegistry();
    for (String type : TfGradientRegistry.NON_DIFFERENTIABLE) {
      assertTrue(registry.hasEntry(type), type + " is not in the registry");
      assertTrue(registry.nonDifferentiable(type), type);
    }
    assertFalse(registry.nonDifferentiable("MatMul"));
    assertFalse(registry.nonDifferentiable("ArgMax"));
  }

  static Stream<Arguments> noGradientOps() {
    return Stream.<Arguments>of(
        Arguments.of("StopGradient", (BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>>) Ops::stopGradient),
        Arguments.of("ZerosLike", (BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>>) Ops::zerosLike),
        Arguments.of("Floor", (BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>>) (tf, w) -> tf.math.floor(w)),
        Arguments.of("OneHot", (BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>>) (tf, w) -> tf.oneHot(
            tf.math.argMax(w, tf.constant(0)), tf.constant(3), tf.constant(1f), tf.constant(0f))));
  }

  /** What "registered as non-differentiable" means in practice: a null gradient, and no error. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("noGradientOps")
  void aNoGradientEntryYieldsANullGradient(String type, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> op) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> w = tf.withName("w").variable(tf.constant(new float[] {1.5f, 2.5f, -3f}));
      Operand<TFloat32> loss = tf.reduceSum(op.apply(tf, tf.identity(w)), tf.constant(0));
      Output<?>[] grads = g.addGradients(null, new Output<?>[] {loss.asOutput()}, new Output<?>[] {w.asOutput()},
          null);
      assertTrue(grads[0] == null || grads[0].isClosed(), type + " passed a gradient");
    }
  }

  @Test
  void aTypeWithoutAnEntryFailsAddGradientsNatively() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> w = tf.withName("w").variable(tf.constant(new float[] {1.5f, 2.5f}));
      Operand<TFloat32> loss = tf.reduceSum(tf.math.round(tf.identity(w)), tf.constant(0));
      TensorFlowException e = assertThrows(TensorFlowException.class,
          () -> g.addGradients(null, new Output<?>[] {loss.asOutput()}, new Output<?>[] {w.asOutput()}, null));
      assertTrue(e.getMessage().contains("No gradient defined for op: Round"), e.getMessage());
    }
  }

  /**
   * A Java gradient lands in the same registry, so the preflight counts it. This uses one of the 10
   * registrations TF Java 1.1.0 allows per JVM, on a type no other test touches; the gradient is never run.
   */
  @Test
  void aCustomGradientCountsAsAnEntry() {
    String type = "NthElement";
    assertFalse(new TfGradientRegistry().hasEntry(type));
    assertTrue(TensorFlow.registerCustomGradient(type,
        (tf, op, grads) -> List.<Operand<?>>of(tf.zerosLike(op.input(0)))));
    TfGradientRegistry registry = new TfGradientRegistry();
    assertTrue(registry.hasEntry(type));
    assertTrue(registry.differentiable(type));
  }
}
