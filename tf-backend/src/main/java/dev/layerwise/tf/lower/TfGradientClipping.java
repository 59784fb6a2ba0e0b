package dev.layerwise.tf.lower;

import dev.layerwise.optimizers.GradientClipping;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Gradient clipping as graph ops between the gradients and the update ops, in the graph's dtype:
 *
 * <ul>
 *   <li>VALUE: {@code clip(g, −c, c)} per element ({@code ClipByValue})
 *   <li>NORM: {@code g · (c / max(‖g‖₂, c))} per tensor, ‖g‖₂ = √Σg²
 *   <li>GLOBAL_NORM: {@code g · (c / max(G, c))} for every tensor, G = √(Σ over all tensors of Σg²)
 * </ul>
 *
 * <p>The scale is formed first and then multiplied in, so a gradient below the threshold is multiplied by exactly
 * {@code c / c = 1} and passes unchanged. Everything here reads gradients only, never a variable.
 */
public final class TfGradientClipping {
  private TfGradientClipping() {}

  /**
   * The clipped gradients, in the order given.
   *
   * @param names the weight each gradient belongs to, for op names ({@code dense/kernel/clipped})
   */
  public static <T extends TFloating> List<Operand<T>> clip(TfScope<T> scope, GradientClipping clipping,
      List<String> names, List<Operand<T>> gradients) {
    if (clipping.isNone() || gradients.isEmpty()) {
      return gradients;
    }
    Ops tf = scope.tf();
    Operand<T> c = scope.constant(clipping.threshold());
    List<Operand<T>> out = new ArrayList<>(gradients.size());
    switch (clipping.kind()) {
      case VALUE -> {
        Operand<T> minusC = scope.constant(-clipping.threshold());
        for (int i = 0; i < gradients.size(); i++) {
          out.add(TfScope.named(tf, names.get(i) + "/clipped").clipByValue(gradients.get(i), minusC, c));
        }
      }
      case NORM -> {
        for (int i = 0; i < gradients.size(); i++) {
          Operand<T> norm = tf.math.sqrt(sumOfSquares(scope, gradients.get(i)));
          out.add(TfScope.named(tf, names.get(i) + "/clipped").math.mul(gradients.get(i), scale(tf, c, norm)));
        }
      }
      case GLOBAL_NORM -> {
        List<Operand<T>> sums = new ArrayList<>(gradients.size());
        gradients.forEach(g -> sums.add(sumOfSquares(scope, g)));
        Operand<T> scale = scale(tf, c, tf.withName("global_norm").math.sqrt(tf.math.addN(sums)));
        for (int i = 0; i < gradients.size(); i++) {
          out.add(TfScope.named(tf, names.get(i) + "/clipped").math.mul(gradients.get(i), scale));
        }
      }
      default -> throw new IllegalStateException("unhandled clipping " + clipping.kind());
    }
    return out;
  }

  /** Σg² over every element: a scalar (flattened first, so the gradient's static rank need not be known). */
  private static <T extends TFloating> Operand<T> sumOfSquares(TfScope<T> scope, Operand<T> g) {
    Ops tf = scope.tf();
    return tf.reduceSum(tf.math.square(tf.reshape(g, scope.ints(-1))), scope.ints(0));
  }

  /** {@code c / max(norm, c)}: 1 at or below the threshold, {@code c / norm} above it. */
  private static <T extends TFloating> Operand<T> scale(Ops tf, Operand<T> c, Operand<T> norm) {
    return tf.math.div(c, tf.math.maximum(norm, c));
  }
}
