package dev.layerwise.regularizers;

/** {@code λ·Σ|w|}; its gradient {@code λ·sign(w)} has a kink at 0, where it is taken as 0. */
public record L1(double l1) implements Regularizer {
  public L1 {
    Regularizer.checkFactor("L1", "l1", l1);
  }

  @Override
  public double l2() {
    return 0;
  }
}
