package dev.layerwise.regularizers;

/** {@code λ·Σw²} (weight decay); gradient {@code 2λw}. */
public record L2(double l2) implements Regularizer {
  public L2 {
    Regularizer.checkFactor("L2", "l2", l2);
  }

  @Override
  public double l1() {
    return 0;
  }
}
