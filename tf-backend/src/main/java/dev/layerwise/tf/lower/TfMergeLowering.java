package dev.layerwise.tf.lower;

import java.util.List;
import java.util.function.BinaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The merge layers from TF primitives, each with a registered C++ gradient: n inputs are folded pairwise from the
 * left ({@code ((x₁ ∘ x₂) ∘ x₃) …}), the order the reference equations sum and multiply in.
 *
 * <ul>
 *   <li>Add: {@code Add}; Average: the sum times the constant 1/n; Subtract: {@code Sub}; Multiply: {@code Mul}
 *   <li>Maximum, Minimum: {@code Maximum}, {@code Minimum}, whose gradients pass dy to the first operand on a tie
 *       ({@code x ≥ y}, {@code x ≤ y}), so the folded form gives a tie to the first input holding the value
 *   <li>Concatenate: {@code ConcatV2} along the sample's axis plus one (axis 0 of the graph is the batch)
 * </ul>
 */
final class TfMergeLowering {
  private TfMergeLowering() {}

  static <T extends TFloating> Operand<T> add(TfScope<T> s, List<Operand<T>> xs) {
    Ops tf = s.tf();
    return fold(xs, tf.math::add);
  }

  static <T extends TFloating> Operand<T> average(TfScope<T> s, List<Operand<T>> xs) {
    return s.tf().math.mul(add(s, xs), s.constant(1.0 / xs.size()));
  }

  static <T extends TFloating> Operand<T> subtract(TfScope<T> s, List<Operand<T>> xs) {
    return s.tf().math.sub(xs.get(0), xs.get(1));
  }

  static <T extends TFloating> Operand<T> multiply(TfScope<T> s, List<Operand<T>> xs) {
    Ops tf = s.tf();
    return fold(xs, tf.math::mul);
  }

  static <T extends TFloating> Operand<T> maximum(TfScope<T> s, List<Operand<T>> xs) {
    Ops tf = s.tf();
    return fold(xs, tf.math::maximum);
  }

  static <T extends TFloating> Operand<T> minimum(TfScope<T> s, List<Operand<T>> xs) {
    Ops tf = s.tf();
    return fold(xs, tf.math::minimum);
  }

  /** @param axis the resolved axis of the sample */
  static <T extends TFloating> Operand<T> concatenate(TfScope<T> s, List<Operand<T>> xs, int axis) {
    return s.tf().concat(xs, s.tf().constant(axis + 1));
  }

  private static <T extends TFloating> Operand<T> fold(List<Operand<T>> xs, BinaryOperator<Operand<T>> op) {
    Operand<T> y = xs.get(0);
    for (int i = 1; i < xs.size(); i++) {
      y = op.apply(y, xs.get(i));
    }
    return y;
  }
}
