package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.FromArray;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Standardises each feature with statistics fitted on the training data (Keras's {@code Normalization}). The
 * statistics are kept per entry of the kept axes — the last by default: per feature for vectors, per channel for
 * images as in VGG; all three of an image's axes for AlexNet's mean image — so entry k (one index per kept axis)
 * has a mean μₖ and a variance σ²ₖ shared by every sample and every other axis, and
 *
 * <ul>
 *   <li>{@code y = (x − μₖ) / max(√σ²ₖ, ε)}, {@code dx = dy / max(√σ²ₖ, ε)}, ε = {@value #EPSILON} (Keras's
 *       divisor: a constant feature is centred, not blown up);
 *   <li>mean only ({@link #withMeanOnly()}): {@code y = x − μₖ}, {@code dx = dy}.
 * </ul>
 *
 * <p>The statistics are the layer's <b>non-trainable</b> weights {@code mean} and {@code variance}, each shaped
 * like the kept axes ({@code [channels]}, or {@code [h, w, c]} for a mean image): saved in the archive, exported in the SavedModel (which then takes raw inputs), and never changed by
 * {@code fit}. They come from {@link #adaptedTo(Dataset)} — the mean and the biased variance (divided by n, as
 * NumPy's {@code var}) over every other axis and every sample — or are given with {@link #of}. A layer always
 * holds its statistics: there is no unadapted state to forget. The input gradient passes through, so the layer
 * may sit anywhere in a model.
 *
 * <pre>{@code
 * Normalization norm = Normalization.adaptedTo(trainX);   // per channel of [28, 28, 1] images
 * Model model = Sequential.of(Input.shape(28, 28, 1), norm, Flatten.create(), Dense.units(10));
 * }</pre>
 *
 * <p>Input shape: any, rank ≥ 1, whose kept axes hold as many entries as the statistics. Output shape: same as
 * the input. Unlike Keras, at least one axis is kept (no single scalar mean, {@code axis=None}).
 *
 * @param axes the kept per-sample axes, increasing, negative from the end ({@code {-1}}: the last)
 * @param mean μ, one value per entry of the kept axes, row-major
 * @param variance σ², as many values, each ≥ 0; {@code null} for a mean-only layer
 */
public record Normalization(String name, int[] axes, double[] mean, double[] variance) implements Layer {
  /** The floor of the divisor, Keras's {@code backend.epsilon()}. */
  public static final double EPSILON = 1e-7;
  private static final int[] LAST = {-1};

  public Normalization {
    LayerNames.check("Normalization", name);
    String who = LayerNames.describe("Normalization", name);
    requireNonNull(axes, who + ": axes");
    checkArgument(axes.length > 0, "%s: keep at least one axis (the statistics are per entry of the kept axes)", who);
    axes = axes.clone();
    requireNonNull(mean, who + ": mean");
    checkArgument(mean.length > 0, "%s: mean needs at least one value", who);
    mean = mean.clone();
    for (int k = 0; k < mean.length; k++) {
      checkArgument(Double.isFinite(mean[k]), "%s: mean[%s] must be finite, got %s", who, k, mean[k]);
    }
    if (variance != null) {
      checkArgument(variance.length == mean.length, "%s: mean and variance must have as many values, got %s and %s",
          who, mean.length, variance.length);
      variance = variance.clone();
      for (int k = 0; k < variance.length; k++) {
        checkArgument(variance[k] >= 0 && Double.isFinite(variance[k]),
            "%s: variance[%s] must be finite and ≥ 0, got %s", who, k, variance[k]);
      }
    }
  }

  /** Given statistics along the last axis: {@code y = (x − mean) / max(√variance, ε)}. */
  public static Normalization of(double[] mean, double[] variance) {
    requireNonNull(variance, "Normalization: variance (use meanOnly(mean) to centre only)");
    return new Normalization(null, LAST, mean, variance);
  }

  /** A given mean along the last axis, subtracted only: {@code y = x − mean}. */
  public static Normalization meanOnly(double[] mean) {
    return new Normalization(null, LAST, mean, null);
  }

  /**
   * Statistics of the one feature array of {@code data} along the last axis of its samples (per channel for
   * images), computed in float64 over every sample.
   *
   * @throws IllegalArgumentException for an empty dataset, several feature arrays, or a NaN or infinite value
   */
  public static Normalization adaptedTo(Dataset data) {
    return adaptedTo(data, LAST);
  }

  /**
   * Statistics of the one feature array of {@code data} per entry of the kept axes (increasing, negative from the
   * end): {@code adaptedTo(images, 0, 1, 2)} is AlexNet's mean image.
   */
  public static Normalization adaptedTo(Dataset data, int... axes) {
    requireNonNull(data, "Normalization.adaptedTo: data");
    checkArgument(data.featureCount() == 1, "Normalization.adaptedTo: the dataset has %s feature arrays %s; name the"
        + " one to adapt to with adaptedTo(data, featureName, axes)", data.featureCount(), data.featureNames());
    return NormalizationAdapter.adapt(data, 0, "", axes);
  }

  /** Statistics of the named feature array of {@code data} per entry of the kept axes. */
  public static Normalization adaptedTo(Dataset data, String featureName, int... axes) {
    requireNonNull(data, "Normalization.adaptedTo: data");
    requireNonNull(featureName, "Normalization.adaptedTo: featureName");
    int array = data.featureNames().indexOf(featureName);
    checkArgument(array >= 0, "Normalization.adaptedTo: the dataset has no feature array '%s'; its arrays are %s",
        featureName, data.featureNames());
    return NormalizationAdapter.adapt(data, array, " '" + featureName + "'", axes);
  }

  @Override
  public int[] axes() {
    return axes.clone();
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] variance() {
    return variance == null ? null : variance.clone();
  }

  /** Whether the layer only subtracts the mean. */
  public boolean isMeanOnly() {
    return variance == null;
  }

  /** This layer, subtracting the mean only (its variance dropped). */
  public Normalization withMeanOnly() {
    return new Normalization(name, axes, mean, null);
  }

  /** These statistics for other kept axes (increasing, negative from the end). */
  public Normalization withAxes(int... axes) {
    return new Normalization(name, axes, mean, variance);
  }

  @Override
  public Normalization withName(String name) {
    return new Normalization(name, axes, mean, variance);
  }

  /** The kept axes as non-negative indices into the sample shape, checked to be increasing. */
  public int[] resolvedAxes(Shape input) {
    return resolve(describe(), axes, input);
  }

  static int[] resolve(String who, int[] axes, Shape input) {
    int[] r = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      r[i] = axes[i] < 0 ? input.rank() + axes[i] : axes[i];
      checkArgument(r[i] >= 0 && r[i] < input.rank(), "%s: axis %s is outside samples of shape %s (rank %s)", who,
          axes[i], input, input.rank());
      checkArgument(i == 0 || r[i] > r[i - 1], "%s: the kept axes must be increasing and distinct, got %s for"
          + " samples of shape %s", who, Arrays.toString(axes), input);
    }
    return r;
  }

  /** The shape of the statistics for samples of {@code input}'s shape: the kept axes' dimensions. */
  public Shape statisticsShape(Shape input) {
    return keptShape(resolvedAxes(input), input);
  }

  static Shape keptShape(int[] resolved, Shape input) {
    int[] d = new int[resolved.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = input.dim(resolved[i]);
    }
    return Shape.of(d);
  }

  /**
   * For each row-major position within one sample of {@code input}'s shape, the row-major index of its entry in
   * the statistics. A batch's flat element i uses entry {@code entryIndex[i mod sampleSize]}.
   */
  public int[] entryIndex(Shape input) {
    return entryIndex(resolvedAxes(input), input);
  }

  static int[] entryIndex(int[] resolved, Shape input) {
    int[] out = new int[input.size()];
    int[] dims = input.dims();
    boolean[] kept = new boolean[dims.length];
    for (int a : resolved) {
      kept[a] = true;
    }
    for (int p = 0; p < out.length; p++) {
      int rest = p;
      int entry = 0;
      int scale = 1;
      for (int a = dims.length - 1; a >= 0; a--) { // peel indices off from the fastest axis
        int index = rest % dims[a];
        rest /= dims[a];
        if (kept[a]) {
          entry += index * scale;
          scale *= dims[a];
        }
      }
      out[p] = entry;
    }
    return out;
  }

  @Override
  public Shape outputShape(Shape input) {
    LayerShapes.same(this, input);
    Shape kept = statisticsShape(input);
    checkArgument(kept.size() == mean.length, "%s holds %s statistics, but the kept axes %s of the input %s hold %s"
        + " entries %s", describe(), mean.length, Arrays.toString(axes), input, kept.size(), kept);
    return input;
  }

  @Override
  public List<WeightSpec> weights(Shape input) {
    outputShape(input);
    Shape d = statisticsShape(input);
    WeightSpec m = WeightSpec.state("mean", d, new FromArray(d, mean));
    return variance == null ? List.of(m) : List.of(m, WeightSpec.state("variance", d, new FromArray(d, variance)));
  }

  @Override
  public String namePrefix() {
    return "normalization";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitNormalization(this, context);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Normalization n && Objects.equals(name, n.name) && Arrays.equals(axes, n.axes)
        && Arrays.equals(mean, n.mean) && Arrays.equals(variance, n.variance);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(axes), Arrays.hashCode(mean), Arrays.hashCode(variance));
  }

  /** The axes and the first few statistics: a mean image holds thousands. */
  @Override
  public String toString() {
    return "Normalization[name=" + name + ", axes=" + Arrays.toString(axes) + ", mean=" + brief(mean) + ", variance="
        + (variance == null ? "none (mean only)" : brief(variance)) + "]";
  }

  private static String brief(double[] v) {
    if (v.length <= 4) {
      return Arrays.toString(v);
    }
    return Arrays.toString(Arrays.copyOf(v, 4)).replace("]", ", … (" + v.length + " values)]");
  }
}
