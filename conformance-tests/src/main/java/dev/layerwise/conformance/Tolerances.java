package dev.layerwise.conformance;

/**
 * The named tolerances of the suite (research/conformance.md §5). No check uses an inline number.
 */
public final class Tolerances {
  private Tolerances() {}

  /** TF float32 forward values (element-wise ops and small reductions) against float64. */
  public static final Tolerance X32_FORWARD = new Tolerance("x32-forward", 1e-6, 1e-5);
  /** TF float32 gradients against float64: backward passes are longer reduction chains. */
  public static final Tolerance X32_GRADIENT = new Tolerance("x32-gradient", 1e-5, 1e-4);
  /** TF float32 loss values against float64. */
  public static final Tolerance X32_LOSS = new Tolerance("x32-loss", 1e-6, 1e-5);
  /**
   * Batch normalisation in float32: x − μ cancels, so dx carries the rounding of μ relative to the spread of x
   * (research/conformance.md §5).
   */
  public static final Tolerance X32_BATCHNORM = new Tolerance("x32-batchnorm", 1e-4, 1e-3);
  /** Batch normalisation of inputs with mean 1000 and spread 1 in float32: μ itself carries 1000·u. */
  public static final Tolerance X32_BATCHNORM_STRESS = new Tolerance("x32-batchnorm-stress", 1e-3, 1e-3);
  /**
   * Warps by TF's {@code ImageProjectiveTransformV3} ({@code RandomRotation}, {@code RandomZoom}), which computes
   * its sample points and bilinear weights in float32 even in a float64 graph: the points move by float32 rounding,
   * ≈ 6e-7 of a pixel for images about 10 pixels across, times a step between neighbouring pixels of at most
   * 2·max|x| (measured against TF's kernel directly: ≤ 7e-7 for images in [0, 1), ProjectiveTransformKernelTest).
   */
  public static final Tolerance WARP = new Tolerance("warp-float32-sample-points", 4e-6, 1e-5);
  /** TF float64 against the float64 reference: only summation order may differ. */
  public static final Tolerance X64 = new Tolerance("x64", 1e-12, 1e-10);
  /** Analytic float64 gradients against central differences with h = 1e-5·max(1,|θ|). */
  public static final Tolerance FD64 = new Tolerance("fd64", 1e-6, 1e-4);
  /** Ten free training steps in float32: drift grows with the steps. */
  public static final Tolerance X32_TRAJECTORY = new Tolerance("x32-trajectory", 1e-4, 1e-3);
  /** Ten free training steps in float64. */
  public static final Tolerance X64_TRAJECTORY = new Tolerance("x64-trajectory", 1e-10, 1e-8);

  /** One teacher-forced update: |got − ref| ≤ c·u·(|w₀| + |Δw|), u the unit roundoff of the backend's type. */
  public static final double UPDATE_ULPS_SGD = 4;
  /** Adam's α folds 1 − β₂ᵗ, which cancels in float32; measured ≤ 40·u (research/conformance.md §5). */
  public static final double UPDATE_ULPS_ADAM = 64;
  /** Adadelta: a ratio of two square roots of running averages, each a few roundings. */
  public static final double UPDATE_ULPS_ADADELTA = 16;
  /** Clipped updates: the norm is a reduction over the tensor before the update. */
  public static final double UPDATE_ULPS_CLIP = 16;

  /** Unit roundoff of float32 (2⁻²⁴ is half an ulp at 1; the research tables use 2⁻²³). */
  public static final double U32 = Math.ulp(1.0f);
  /** Unit roundoff of float64. */
  public static final double U64 = Math.ulp(1.0);

  /** Kinks (ReLU at 0) are kept this many FD steps away from every input. */
  public static final double KINK_MARGIN_STEPS = 100;
}
