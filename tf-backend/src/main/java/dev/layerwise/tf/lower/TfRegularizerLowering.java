package dev.layerwise.tf.lower;

import dev.layerwise.layers.WeightSpec;
import dev.layerwise.regularizers.Regularizer;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The regularization penalty {@code Σ_w l1·Σ|w| + l2·Σw²} over the trainable weights that carry a regularizer
 * ({@code Abs}, {@code Square}, {@code Sum}); a zero factor adds no term. Its gradient comes from
 * {@code addGradients} with the loss's: {@code l1·sign(w) + 2·l2·w}, with {@code Abs}′(0) = 0.
 */
public final class TfRegularizerLowering {
  private TfRegularizerLowering() {}

  /**
   * @param specs every weight's spec by full name
   * @param variables the weights' variables by full name
   * @return the penalty as a scalar, or {@code null} when no weight is regularized
   */
  public static <T extends TFloating> Operand<T> penalty(TfScope<T> scope, Map<String, WeightSpec> specs,
      Map<String, ? extends Operand<T>> variables) {
    TfScope<T> s = scope.sub("regularization");
    Ops tf = s.tf();
    Operand<T> total = null;
    for (Map.Entry<String, WeightSpec> e : specs.entrySet()) {
      Regularizer r = e.getValue().regularizer();
      if (r == null || !e.getValue().trainable()) {
        continue;
      }
      // Read through Identity: SquareGrad casts to its input's type, which for a ref variable is a *_REF type,
      // and TF 2.18's C++ gradient crashes the process on that instead of failing.
      Operand<T> w = tf.identity(variables.get(e.getKey()));
      Operand<org.tensorflow.types.TInt32> all = s.axesBelow(e.getValue().shape().rank());
      if (r.l1() != 0) {
        total = plus(tf, total, tf.math.mul(s.constant(r.l1()), tf.reduceSum(tf.math.abs(w), all)));
      }
      if (r.l2() != 0) {
        total = plus(tf, total, tf.math.mul(s.constant(r.l2()), tf.reduceSum(tf.math.square(w), all)));
      }
    }
    return total;
  }

  private static <T extends TFloating> Operand<T> plus(Ops tf, Operand<T> total, Operand<T> term) {
    return total == null ? term : tf.math.add(total, term);
  }
}
