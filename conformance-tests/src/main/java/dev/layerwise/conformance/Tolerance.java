package dev.layerwise.conformance;

/**
 * An allclose rule, {@code |got − ref| ≤ atol + rtol·|ref|}, with atol scaled to the tensor:
 * {@code atol = atolScale · max(1, max|ref|)}, so it stays meaningful for tiny and for large tensors and near
 * cancellation, where a purely relative rule fails (research/conformance.md §4).
 */
public record Tolerance(String name, double atolScale, double rtol) {

  /** The absolute tolerance for a reference tensor whose largest magnitude is {@code maxAbsRef}. */
  public double atol(double maxAbsRef) {
    return atolScale * Math.max(1, maxAbsRef);
  }

  @Override
  public String toString() {
    return name;
  }
}
