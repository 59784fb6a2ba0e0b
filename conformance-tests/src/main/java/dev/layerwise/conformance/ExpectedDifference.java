package dev.layerwise.conformance;

import java.util.List;
import java.util.Optional;

/**
 * A known, explained difference between the backends (as PyTorch's xfail decorators and ONNX's expected-failure
 * lists): rows it matches are reported as XFAIL when they differ and as XPASS — a failure, so the entry gets
 * removed — when they agree after all.
 *
 * @param caseName the case
 * @param mode the mode, or {@code null} for all
 * @param tensor the compared tensor, or {@code null} for all of the case's
 * @param reason why the backends differ, shown in the report
 */
public record ExpectedDifference(String caseName, Mode mode, String tensor, String reason) {

  /**
   * The registry. Every convention at a kink or tie the suite checks (ReLU′(0) = 0, LeakyReLU′(0) = α,
   * ELU′(0) = α, SELU′(0) = λ, PReLU ∂/∂x at 0 = α, |w|′(0) = 0 for L1, maxout ties splitting the gradient
   * evenly, max-pool ties going to the first element, hardmax ties to the first index, clipping passing the
   * gradient at exactly the bounds) is implemented identically by both backends; what remains is float32
   * itself. Add an entry here, with its reason, rather than loosening a tolerance.
   */
  public static final List<ExpectedDifference> REGISTRY = List.of(
      new ExpectedDifference("bce_probabilities_clip_edges", Mode.X32, "loss",
          "float32 cannot hold the upper clip bound 1 − 1e-7: it rounds to 1 − 1.19e-7, so a prediction clipped"
              + " there costs −log(1.19e-7) = 15.94 in float32 against −log(1e-7) = 16.12 in float64 (X64"
              + " agrees; the gradient there is 0 in both)"));

  public boolean matches(CheckRow row) {
    return caseName.equals(row.caseName()) && (mode == null || mode == row.mode())
        && (tensor == null || tensor.equals(row.tensor()));
  }

  /** The registry entry that covers a row, if any. */
  public static Optional<ExpectedDifference> find(List<ExpectedDifference> registry, CheckRow row) {
    return registry.stream().filter(e -> e.matches(row)).findFirst();
  }

  /** A row with its registered expectation applied: FAIL becomes XFAIL, PASS becomes XPASS. */
  public static CheckRow apply(List<ExpectedDifference> registry, CheckRow row) {
    return find(registry, row).map(e -> {
      Status s = row.status() == Status.FAIL ? Status.XFAIL : row.status() == Status.PASS ? Status.XPASS
          : row.status();
      String note = s == Status.XPASS ? "expected to differ (" + e.reason() + ") but agrees: remove the entry"
          : e.reason();
      return new CheckRow(row.caseName(), row.mode(), row.tensor(), row.shape(), row.compared(), row.maxAbs(),
          row.maxRel(), row.atol(), row.rtol(), row.tolerance(), row.tau(), row.worstIndex(), row.reference(),
          row.got(), s, note);
    }).orElse(row);
  }
}
