package dev.layerwise.regularizers;

/**
 * A penalty on a weight tensor, added to the training loss: {@code L = data loss + Σ_w R(w)}. It pulls weights
 * towards zero: L2 (weight decay) shrinks them proportionally, L1 drives some exactly to zero (sparsity), L1L2
 * (the elastic net) does both. History reports the penalty as {@code regularization_loss}; {@code loss} includes
 * it, as in Keras.
 *
 * <ul>
 *   <li>{@link L1}: {@code R(w) = λ₁·Σ|wᵢ|}, {@code ∂R/∂wᵢ = λ₁·sign(wᵢ)} (0 at wᵢ = 0)
 *   <li>{@link L2}: {@code R(w) = λ₂·Σwᵢ²} (no ½, as Keras), {@code ∂R/∂wᵢ = 2λ₂·wᵢ}
 *   <li>{@link L1L2}: the sum of both
 * </ul>
 */
public sealed interface Regularizer permits L1, L2, L1L2 {

  /** The L1 factor λ₁ (0 if none). */
  double l1();

  /** The L2 factor λ₂ (0 if none). */
  double l2();

  static L1 l1(double factor) {
    return new L1(factor);
  }

  static L2 l2(double factor) {
    return new L2(factor);
  }

  static L1L2 l1l2(double l1, double l2) {
    return new L1L2(l1, l2);
  }

  /** Shared check: a factor must be finite and non-negative. */
  static double checkFactor(String regularizer, String field, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(regularizer + ": " + field + " must be a non-negative finite factor, got "
          + value);
    }
    return value;
  }
}
