package dev.layerwise.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One batch as a backend receives it: {@code size} samples of features for each model input and, for training and
 * evaluation, their targets for each model output, each in row-major order. The arrays may be longer than needed
 * (the training loop reuses buffers); only the first {@code size·featureSize} and {@code size·labelSize} values of
 * each count, and a backend must copy what it keeps past the call.
 *
 * @param xs the features, one array per model input, in the model's input order
 * @param ys the targets, one array per model output, in the model's output order; {@code null} for features only
 * @param masks for training-mode passes, the draws of every random node by node name ({@link RandomDraws}): a
 *     {@code Dropout} node's mask, one value per element of the node's input, 1 (keep) or 0 (drop); an augmentation
 *     node's parameters, k per sample; like the features, they may be longer than needed and only the first
 *     {@code size·sampleSize} values count. Passing them in makes both backends drop and augment alike and lets a
 *     gradient check hold them fixed.
 * @param xs64 for a float64 model, the features in float64 (then {@code xs} holds them rounded), else {@code null}:
 *     a backend computing in float64 reads these, so values given as doubles reach it unrounded
 * @param ys64 the targets in float64 likewise, or {@code null}
 * @param sampleWeights one weight wᵢ ≥ 0 per sample (like the other arrays it may be longer than needed), or
 *     {@code null} for none (every wᵢ = 1): each output's loss becomes {@code (1/R) Σ_r w_(sample of r)·ℓ_r} over its
 *     R loss terms, Keras 3's {@code sum_over_batch_size}; only a labelled batch carries them
 */
public record Batch(List<float[]> xs, List<float[]> ys, int size, Map<String, float[]> masks, List<double[]> xs64,
    List<double[]> ys64, double[] sampleWeights) {
  public Batch {
    requireNonNull(xs, "xs");
    checkArgument(!xs.isEmpty(), "a batch holds the features of at least one input");
    xs.forEach(x -> requireNonNull(x, "xs holds a null array"));
    xs = List.copyOf(xs);
    if (ys != null) {
      ys.forEach(y -> requireNonNull(y, "ys holds a null array"));
      ys = List.copyOf(ys);
    }
    checkArgument(size > 0, "a batch holds at least one sample, got %s", size);
    masks = Map.copyOf(masks);
    if (xs64 != null) {
      checkArgument(xs64.size() == xs.size(), "a batch's float64 features are %s arrays, its features %s",
          xs64.size(), xs.size());
      xs64 = List.copyOf(xs64);
    }
    if (ys64 != null) {
      checkArgument(ys != null && ys64.size() == ys.size(), "a batch's float64 targets must match its targets");
      ys64 = List.copyOf(ys64);
    }
    if (sampleWeights != null) {
      checkArgument(ys != null, "a batch without targets carries no sample weights");
      checkArgument(sampleWeights.length >= size, "a batch of %s samples needs %s sample weights, got %s", size,
          size, sampleWeights.length);
      for (int i = 0; i < size; i++) {
        if (!(sampleWeights[i] >= 0 && Double.isFinite(sampleWeights[i]))) {
          throw new IllegalArgumentException(String.format("every sample weight must be finite and ≥ 0, but sample"
              + " %d's is %s", i, sampleWeights[i]));
        }
      }
    }
  }

  /** A batch without sample weights. */
  public Batch(List<float[]> xs, List<float[]> ys, int size, Map<String, float[]> masks, List<double[]> xs64,
      List<double[]> ys64) {
    this(xs, ys, size, masks, xs64, ys64, null);
  }

  /** A batch in float32 only. */
  public Batch(List<float[]> xs, List<float[]> ys, int size, Map<String, float[]> masks) {
    this(xs, ys, size, masks, null, null);
  }

  /** A batch of a model with one input and one output ({@code y} null for features only). */
  public Batch(float[] x, float[] y, int size, Map<String, float[]> masks) {
    this(List.of(requireNonNull(x, "x")), y == null ? null : List.of(y), size, masks);
  }

  public Batch(float[] x, float[] y, int size) {
    this(x, y, size, Map.of());
  }

  /** A batch of features only, for prediction. */
  public static Batch features(float[] x, int size) {
    return new Batch(x, null, size);
  }

  /** A batch of features only, one array per input, for prediction. */
  public static Batch features(List<float[]> xs, int size) {
    return new Batch(xs, null, size, Map.of());
  }

  /**
   * The features of the one input.
   *
   * @throws IllegalStateException for a batch of several inputs
   */
  public float[] x() {
    checkState(xs.size() == 1, "this batch holds the features of %s inputs; use xs()", xs.size());
    return xs.get(0);
  }

  /**
   * The targets of the one output, or {@code null} for features only.
   *
   * @throws IllegalStateException for a batch of several outputs
   */
  public float[] y() {
    if (ys == null) {
      return null;
    }
    checkState(ys.size() == 1, "this batch holds the targets of %s outputs; use ys()", ys.size());
    return ys.get(0);
  }

  public boolean hasLabels() {
    return ys != null;
  }

  /** The same samples with the given dropout masks. */
  public Batch withMasks(Map<String, float[]> masks) {
    return new Batch(xs, ys, size, masks, xs64, ys64, sampleWeights);
  }

  /** The same features without targets (and so without sample weights). */
  public Batch withoutLabels() {
    return new Batch(xs, null, size, masks, xs64, null, null);
  }

  /** The same samples, also in float64 (features, and targets unless this batch has none). */
  public Batch withDoubles(List<double[]> xs64, List<double[]> ys64) {
    return new Batch(xs, ys, size, masks, xs64, ys == null ? null : ys64, sampleWeights);
  }

  /** The same samples with one weight per sample ({@code null}: none). */
  public Batch withSampleWeights(double[] sampleWeights) {
    return new Batch(xs, ys, size, masks, xs64, ys64, sampleWeights);
  }

  /** Whether the samples carry weights ({@link #sampleWeights()}). */
  public boolean hasSampleWeights() {
    return sampleWeights != null;
  }

  /** Whether the samples come in float64 too ({@link #xs64()}). */
  public boolean hasDoubles() {
    return xs64 != null;
  }

  /**
   * The draws of a random node (a dropout node's mask, an augmentation node's parameters); a training-mode pass
   * through such a node without them is a caller error.
   */
  public float[] mask(String node) {
    float[] m = masks.get(node);
    checkArgument(m != null, "no dropout mask or draws for '%s' in a training-mode batch; draw them with"
        + " RandomDraws (or DropoutMasks for dropout alone), present: %s", node, masks.keySet());
    return m;
  }
}
