package dev.layerwise.regularizers;

/** The elastic net: {@code λ₁·Σ|w| + λ₂·Σw²}. */
public record L1L2(double l1, double l2) implements Regularizer {
  public L1L2 {
    Regularizer.checkFactor("L1L2", "l1", l1);
    Regularizer.checkFactor("L1L2", "l2", l2);
  }
}
