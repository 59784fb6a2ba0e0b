package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.tf.GradientPreflight.Finding;
import dev.layerwise.tf.GradientPreflight.Reason;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The preflight on hand-built graphs, each checked against what {@code Graph.addGradients} then really does:
 * where the preflight lists an op as missing from the registry, TF fails on exactly that op; where it lists
 * nothing, TF succeeds.
 */
class GradientPreflightGraphTest {
  private static final Set<String> LAYERS = Set.of("dense", "dense_1", "custom");

  /** A graph with two weights, each a float32 vector read through Identity, as the model graphs do. */
  private static final class Fixture implements AutoCloseable {
    final Graph graph = new Graph();
    final Ops tf = Ops.create(graph);
    /** One op factory per scope: TF Java renames a sub-scope entered twice ({@code dense} becomes {@code dense_1}). */
    final Ops dense = tf.withSubScope("dense");
    final Ops dense1 = tf.withSubScope("dense_1");
    final Ops custom = tf.withSubScope("custom");
    final Operand<TFloat32> w = dense.withName("kernel").variable(tf.constant(new float[] {1, 2}));
    final Operand<TFloat32> v = dense1.withName("kernel").variable(tf.constant(new float[] {3, 4}));

    Operand<TFloat32> read(Operand<TFloat32> variable) {
      return tf.identity(variable);
    }

    Operand<TFloat32> loss(Operand<TFloat32> y) {
      return tf.withName("loss").reduceSum(y, tf.constant(0));
    }

    List<Finding> check(Operand<TFloat32> loss) {
      return GradientPreflight.check(graph, loss, List.of(w, v), LAYERS);
    }

    Output<?>[] addGradients(Operand<TFloat32> loss) {
      return graph.addGradients("native", new Output<?>[] {loss.asOutput()}, new Output<?>[] {w.asOutput(),
          v.asOutput()}, null);
    }

    @Override
    public void close() {
      graph.close();
    }
  }

  @Test
  void anOpWithoutAGradientOnThePathIsListedByNameTypeAndLayer() {
    try (Fixture f = new Fixture()) {
      Operand<TFloat32> y = f.tf.math.add(f.dense1.math.cumprod(f.read(f.v), f.tf.constant(0)), f.read(f.w));
      Operand<TFloat32> loss = f.loss(y);
      assertEquals(List.of(new Finding("dense_1/Cumprod", "Cumprod", "dense_1", Reason.NOT_REGISTERED)),
          f.check(loss));
      TensorFlowException e = assertThrows(TensorFlowException.class, () -> f.addGradients(loss));
      assertTrue(e.getMessage().contains("No gradient defined for op: Cumprod"), e.getMessage());
    }
  }

  /** Cumprod over the integer Shape of a weight, cast to float: TF's Cast passes no gradient to an integer. */
  @Test
  void anOpOnAnIntegerShapePathIsNotListed() {
    try (Fixture f = new Fixture()) {
      Ops c = f.custom;
      Operand<TInt32> size = c.math.cumprod(c.shape(f.read(f.w)), c.constant(0));
      Operand<TFloat32> y = f.tf.math.mul(f.tf.math.add(f.read(f.w), f.read(f.v)), c.dtypes.cast(size, TFloat32.class));
      Operand<TFloat32> loss = f.loss(y);
      assertEquals(List.of(), f.check(loss));
      Output<?>[] grads = f.addGradients(loss);
      assertFalse(grads[0].isClosed());
      assertFalse(grads[1].isClosed());
    }
  }

  /**
   * An op without a gradient that hangs off a weight only through Shape is still asked for one by TF when its
   * float output feeds the loss, so it is listed too: TF's own reachability ignores types.
   */
  @Test
  void aFloatOpHangingOffAShapeStillNeedsAGradient() {
    try (Fixture f = new Fixture()) {
      Ops c = f.custom;
      Operand<TFloat32> noise = c.random.randomUniform(c.shape(f.read(f.w)), TFloat32.class);
      Operand<TFloat32> loss = f.loss(f.tf.math.mul(f.tf.math.add(f.read(f.w), f.read(f.v)), noise));
      assertEquals(List.of(new Finding("custom/RandomUniform", "RandomUniform", "custom", Reason.NOT_REGISTERED)),
          f.check(loss));
      TensorFlowException e = assertThrows(TensorFlowException.class, () -> f.addGradients(loss));
      assertTrue(e.getMessage().contains("No gradient defined for op: RandomUniform"), e.getMessage());
    }
  }

  /** TF stops at the first op without a gradient; the preflight lists them all, in graph order. */
  @Test
  void everyMissingOpIsListedInGraphOrder() {
    try (Fixture f = new Fixture()) {
      Operand<TFloat32> rounded = f.dense.math.round(f.read(f.w));
      Operand<TFloat32> y = f.dense1.math.cumprod(f.tf.math.add(rounded, f.read(f.v)),
          f.tf.constant(0));
      Operand<TFloat32> ceil = f.tf.math.ceil(y);
      assertEquals(List.of(new Finding("dense/Round", "Round", "dense", Reason.NOT_REGISTERED),
          new Finding("dense_1/Cumprod", "Cumprod", "dense_1", Reason.NOT_REGISTERED),
          new Finding("Ceil", "Ceil", "", Reason.NOT_REGISTERED)), f.check(f.loss(ceil)));
    }
  }

  /** Registered as non-differentiable and the only way to the loss: TF gives the weight no gradient, silently. */
  @Test
  void aNonDifferentiableOpThatCutsOffAWeightIsListed() {
    try (Fixture f = new Fixture()) {
      Operand<TFloat32> stopped = f.dense.stopGradient(f.read(f.w));
      Operand<TFloat32> loss = f.loss(f.tf.math.mul(stopped, f.read(f.v)));
      assertEquals(List.of(new Finding("dense/StopGradient", "StopGradient", "dense",
          Reason.REGISTERED_NON_DIFFERENTIABLE)), f.check(loss));
      Output<?>[] grads = f.addGradients(loss);
      assertTrue(grads[0] == null || grads[0].isClosed(), "TF gave the cut-off weight a gradient");
      assertFalse(grads[1].isClosed());
    }
  }

  /** As in batch normalisation's variance: a StopGradient beside a path that carries the gradient is fine. */
  @Test
  void aStopGradientBesideTheGradientPathIsNotListed() {
    try (Fixture f = new Fixture()) {
      Operand<TFloat32> x = f.tf.math.mul(f.read(f.w), f.read(f.v));
      Operand<TFloat32> mean = f.tf.math.mean(x, f.tf.constant(0));
      Operand<TFloat32> variance = f.tf.math.squaredDifference(x, f.tf.stopGradient(mean));
      assertEquals(List.of(), f.check(f.loss(f.tf.math.add(variance, mean))));
    }
  }

  /** A weight reaching the loss only through ArgMax's integer output: the op where the path turns integer. */
  @Test
  void anIntegerOutputThatCutsOffAWeightIsListed() {
    try (Fixture f = new Fixture()) {
      Operand<?> index = f.dense.math.argMax(f.read(f.w), f.tf.constant(0));
      Operand<TFloat32> y = f.tf.math.mul(f.read(f.v), f.tf.dtypes.cast(index, TFloat32.class));
      Operand<TFloat32> loss = f.loss(y);
      assertEquals(List.of(new Finding("dense/ArgMax", "ArgMax", "dense", Reason.NON_FLOATING_OUTPUT)),
          f.check(loss));
      Output<?>[] grads = f.addGradients(loss);
      assertTrue(grads[0] == null || grads[0].isClosed(), "TF gave the cut-off weight a gradient");
    }
  }

  /**
   * The guarded {@code addGradients} every gradient of the TF backend goes through (compile included) refuses in
   * Java, before the native call: the graph gets no gradient op at all.
   */
  @Test
  void theGuardedAddGradientsRefusesBeforeTheNativeCall() {
    try (Fixture f = new Fixture()) {
      Operand<TFloat32> y = f.dense1.math.cumprod(f.read(f.v), f.tf.constant(0));
      Operand<TFloat32> loss = f.loss(f.tf.math.add(y, f.read(f.w)));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> GradientPreflight.addGradients(f.graph, "gradients", loss.asOutput(),
              new Output<?>[] {f.w.asOutput(), f.v.asOutput()}, null, LAYERS, "model 'toy'"));
      assertTrue(e.getMessage().startsWith("model 'toy': these ops of the model have no usable gradient in"
          + " TensorFlow's C++ gradient registry"), e.getMessage());
      assertTrue(e.getMessage().contains("'dense_1/Cumprod' (Cumprod, layer dense_1: no gradient in the registry)"),
          e.getMessage());
      assertTrue(e.getMessage().contains("train on the reference backend"), e.getMessage());
      Iterator<GraphOperation> ops = f.graph.operations();
      while (ops.hasNext()) {
        String name = ops.next().name();
        assertFalse(name.startsWith("gradients"), "addGradients ran: " + name);
      }
    }
  }

  @Test
  void theGuardedAddGradientsPassesAClearGraphThrough() {
    try (Fixture f = new Fixture()) {
      Operand<TFloat32> loss = f.loss(f.tf.math.mul(f.read(f.w), f.read(f.v)));
      Output<?>[] grads = GradientPreflight.addGradients(f.graph, "gradients", loss.asOutput(),
          new Output<?>[] {f.w.asOutput(), f.v.asOutput()}, null, LAYERS, "model 'toy'");
      assertEquals(2, grads.length);
      assertFalse(grads[0].isClosed());
    }
  }

  @Test
  void anOperandOfAnotherGraphIsRefused() {
    try (Fixture f = new Fixture(); Fixture other = new Fixture()) {
      Operand<TFloat32> loss = f.loss(f.read(f.w));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> GradientPreflight.check(f.graph, loss, List.of(other.w), LAYERS));
      assertTrue(e.getMessage().contains("variable 'dense/kernel' belongs to another graph"), e.getMessage());
    }
  }
}
