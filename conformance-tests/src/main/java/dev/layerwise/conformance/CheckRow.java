package dev.layerwise.conformance;

import java.util.Arrays;

/**
 * One compared tensor: how far the checked values are from the reference ones and whether that is within the
 * tolerance. {@code tau} is the share of the tolerance used at the worst element (≤ 1 passes).
 *
 * @param compared what was compared, e.g. {@code tf32 vs ref64} or {@code ref64 vs fd64}
 * @param worstIndex the multi-index of the element with the largest τ
 * @param reference the reference value there
 * @param got the checked value there
 * @param note extra detail (FD step, reason of an expected difference)
 */
public record CheckRow(String caseName, Mode mode, String tensor, String shape, String compared, double maxAbs,
    double maxRel, double atol, double rtol, String tolerance, double tau, int[] worstIndex, double reference,
    double got, Status status, String note) {

  public boolean passed() {
    return status == Status.PASS || status == Status.XFAIL;
  }

  public String worstIndexText() {
    return Arrays.toString(worstIndex);
  }

  /** A one-line account for assertion messages. */
  public String describe() {
    return String.format(java.util.Locale.ROOT,
        "%s [%s] %s %s (%s): maxAbs %.3g, maxRel %.3g, τ %.3g at %s (ref %.9g, got %.9g) -> %s%s", caseName, mode,
        tensor, shape, compared, maxAbs, maxRel, tau, worstIndexText(), reference, got, status,
        note.isEmpty() ? "" : " (" + note + ")");
  }
}
