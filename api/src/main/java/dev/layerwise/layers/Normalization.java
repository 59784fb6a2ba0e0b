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
 * Standardises each feature with statistics fitted on the training data (Keras's {@code Normalization}). Along
 * one axis of d entries (the last by default: per feature for vectors, per channel for images as in VGG), entry k
 * has a mean μₖ and a variance σ²ₖ, and
 *
 * <ul>
 *   <li>{@code y = (x − μₖ) / max(√σ²ₖ, ε)}, {@code dx = dy / max(√σ²ₖ, ε)}, ε = {@value #EPSILON} (Keras's
 *       divisor: a constant feature is centred, not blown up);
 *   <li>mean only ({@link #withMeanOnly()}): {@code y = x − μₖ}, {@code dx = dy}.
 * </ul>
 *
 * <p>The statistics are the layer's <b>non-trainable</b> weights {@code mean} and {@code variance}, each
 * {@code [d]}: saved in the archive, exported in the SavedModel (which then takes raw inputs), and never changed by
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
 * <p>Input shape: any, rank ≥ 1, with d entries along {@code axis}. Output shape: same as the input.
 *
 * @param axis the per-sample axis the statistics run along, negative from the end ({@code -1}: the last)
 * @param mean μ, one value per entry of the axis
 * @param variance σ², as many values, each ≥ 0; {@code null} for a mean-only layer
 */
public record Normalization(String name, int axis, double[] mean, double[] variance) implements Layer {
  /** The floor of the divisor, Keras's {@code backend.epsilon()}. */
  public static final double EPSILON = 1e-7;

  public Normalization {
    LayerNames.check("Normalization", name);
    String who = LayerNames.describe("Normalization", name);
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
    return new Normalization(null, -1, mean, variance);
  }

  /** A given mean along the last axis, subtracted only: {@code y = x − mean}. */
  public static Normalization meanOnly(double[] mean) {
    return new Normalization(null, -1, mean, null);
  }

  /**
   * Statistics of the one feature array of {@code data} along the last axis of its samples (per channel for
   * images), computed in float64 over every sample.
   *
   * @throws IllegalArgumentException for an empty dataset, several feature arrays, or a NaN or infinite value
   */
  public static Normalization adaptedTo(Dataset data) {
    return adaptedTo(data, -1);
  }

  /** Statistics of the one feature array of {@code data} along {@code axis} (negative from the end). */
  public static Normalization adaptedTo(Dataset data, int axis) {
    requireNonNull(data, "Normalization.adaptedTo: data");
    checkArgument(data.featureCount() == 1, "Normalization.adaptedTo: the dataset has %s feature arrays %s; name the"
        + " one to adapt to with adaptedTo(data, featureName, axis)", data.featureCount(), data.featureNames());
    return NormalizationAdapter.adapt(data, 0, "", axis);
  }

  /** Statistics of the named feature array of {@code data} along {@code axis} (negative from the end). */
  public static Normalization adaptedTo(Dataset data, String featureName, int axis) {
    requireNonNull(data, "Normalization.adaptedTo: data");
    requireNonNull(featureName, "Normalization.adaptedTo: featureName");
    int array = data.featureNames().indexOf(featureName);
    checkArgument(array >= 0, "Normalization.adaptedTo: the dataset has no feature array '%s'; its arrays are %s",
        featureName, data.featureNames());
    return NormalizationAdapter.adapt(data, array, " '" + featureName + "'", axis);
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
    return new Normalization(name, axis, mean, null);
  }

  /** These statistics along another axis (negative from the end). */
  public Normalization withAxis(int axis) {
    return new Normalization(name, axis, mean, variance);
  }

  @Override
  public Normalization withName(String name) {
    return new Normalization(name, axis, mean, variance);
  }

  /** The axis as a non-negative index into the sample shape. */
  public int resolvedAxis(Shape input) {
    int a = axis < 0 ? input.rank() + axis : axis;
    checkArgument(a >= 0 && a < input.rank(), "%s: axis %s is outside a sample of shape %s (rank %s)", describe(),
        axis, input, input.rank());
    return a;
  }

  /**
   * The product of the dimensions of {@code shape} after {@code axis}: flat element i of a row-major batch belongs
   * to entry {@code ⌊i / stride⌋ mod d} of the axis.
   */
  public static int stride(Shape shape, int axis) {
    int stride = 1;
    for (int i = axis + 1; i < shape.rank(); i++) {
      stride *= shape.dim(i);
    }
    return stride;
  }

  @Override
  public Shape outputShape(Shape input) {
    LayerShapes.same(this, input);
    int a = resolvedAxis(input);
    checkArgument(input.dim(a) == mean.length, "%s holds statistics for %s entries along axis %s, but the input %s"
        + " has %s there", describe(), mean.length, axis, input, input.dim(a));
    return input;
  }

  @Override
  public List<WeightSpec> weights(Shape input) {
    outputShape(input);
    Shape d = Shape.of(mean.length);
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
    return o instanceof Normalization n && Objects.equals(name, n.name) && axis == n.axis
        && Arrays.equals(mean, n.mean) && Arrays.equals(variance, n.variance);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, axis, Arrays.hashCode(mean), Arrays.hashCode(variance));
  }

  @Override
  public String toString() {
    return "Normalization[name=" + name + ", axis=" + axis + ", mean=" + Arrays.toString(mean) + ", variance="
        + (variance == null ? "none (mean only)" : Arrays.toString(variance)) + "]";
  }
}
