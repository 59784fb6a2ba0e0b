package dev.layerwise.conformance;

import dev.layerwise.Shape;
import dev.layerwise.spi.TensorValue;

/** Turns two tensors into a {@link CheckRow}. */
public final class Compare {
  private Compare() {}

  /** Element-wise allclose under a named tolerance. */
  public static CheckRow allClose(String caseName, Mode mode, String tensor, String compared, TensorValue ref,
      TensorValue got, Tolerance tol) {
    checkShapes(caseName, tensor, ref, got);
    double maxAbsRef = 0;
    for (double r : ref.data()) {
      maxAbsRef = Math.max(maxAbsRef, Math.abs(r));
    }
    double atol = tol.atol(maxAbsRef);
    double[] allowed = new double[ref.size()];
    for (int i = 0; i < allowed.length; i++) {
      allowed[i] = atol + tol.rtol() * Math.abs(ref.get(i));
    }
    return row(caseName, mode, tensor, compared, ref, got, allowed, atol, tol.rtol(), tol.name(), "");
  }

  /**
   * One optimizer update, element-wise {@code |got − ref| ≤ c·u·(|w₀| + |Δw|)} where Δw is the reference's
   * update: the rounding of an update is relative to the numbers it combines, not to their difference.
   */
  public static CheckRow update(String caseName, Mode mode, String tensor, String compared, TensorValue before,
      TensorValue ref, TensorValue got, double ulps, double unitRoundoff) {
    checkShapes(caseName, tensor, ref, got);
    double[] allowed = new double[ref.size()];
    for (int i = 0; i < allowed.length; i++) {
      double w0 = before.get(i);
      allowed[i] = ulps * unitRoundoff * (Math.abs(w0) + Math.abs(ref.get(i) - w0));
      // An exactly unchanged zero must stay exactly zero.
      allowed[i] = Math.max(allowed[i], Double.MIN_NORMAL);
    }
    String tolName = String.format(java.util.Locale.ROOT, "%.0fu(|w|+|Δw|)", ulps);
    return row(caseName, mode, tensor, compared, ref, got, allowed, 0, 0, tolName, "");
  }

  private static CheckRow row(String caseName, Mode mode, String tensor, String compared, TensorValue ref,
      TensorValue got, double[] allowed, double atol, double rtol, String tolName, String note) {
    double maxAbs = 0;
    double maxRel = 0;
    double tau = 0;
    int worst = 0;
    boolean finite = true;
    double relFloor = rtol > 0 ? atol / rtol : Double.MIN_NORMAL;
    for (int i = 0; i < ref.size(); i++) {
      double r = ref.get(i);
      double g = got.get(i);
      double d = Math.abs(g - r);
      if (!Double.isFinite(g) || !Double.isFinite(r)) {
        finite &= Double.compare(g, r) == 0;
        d = Double.compare(g, r) == 0 ? 0 : Double.POSITIVE_INFINITY;
      }
      maxAbs = Math.max(maxAbs, d);
      maxRel = Math.max(maxRel, d / Math.max(Math.abs(r), relFloor));
      double t = d / allowed[i];
      if (t > tau || Double.isNaN(t)) {
        tau = Double.isNaN(t) ? Double.POSITIVE_INFINITY : t;
        worst = i;
      }
    }
    Status status = finite && tau <= 1 ? Status.PASS : Status.FAIL;
    return new CheckRow(caseName, mode, tensor, ref.shape().toString(), compared, maxAbs, maxRel, atol, rtol,
        tolName, tau, unflatten(worst, ref.shape()), ref.size() == 0 ? 0 : ref.get(worst),
        got.size() == 0 ? 0 : got.get(worst), status, note);
  }

  private static void checkShapes(String caseName, String tensor, TensorValue ref, TensorValue got) {
    if (!ref.shape().equals(got.shape())) {
      throw new IllegalStateException(caseName + ": " + tensor + " has shape " + got.shape() + ", reference "
          + ref.shape());
    }
  }

  /** The multi-index of a flat row-major position. */
  public static int[] unflatten(int flat, Shape shape) {
    int[] dims = shape.dims();
    int[] idx = new int[dims.length];
    for (int a = dims.length - 1; a >= 0; a--) {
      idx[a] = flat % dims[a];
      flat /= dims[a];
    }
    return idx;
  }

  /** A row with a note attached. */
  public static CheckRow withNote(CheckRow r, String note) {
    return new CheckRow(r.caseName(), r.mode(), r.tensor(), r.shape(), r.compared(), r.maxAbs(), r.maxRel(),
        r.atol(), r.rtol(), r.tolerance(), r.tau(), r.worstIndex(), r.reference(), r.got(), r.status(), note);
  }
}
