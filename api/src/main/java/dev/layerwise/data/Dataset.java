package dev.layerwise.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;

/**
 * In-memory samples: features of a fixed per-sample shape and, optionally, labels, both as float arrays in
 * row-major order. Class labels are stored as floats holding the class index.
 *
 * <p>The arrays are kept, not copied (Fashion-MNIST is 188 MB as floats): do not change them afterwards.
 *
 * <pre>{@code
 * Dataset train = Dataset.withClassLabels(pixels, Shape.of(28, 28), labels);
 * }</pre>
 */
public final class Dataset {
  private final float[] x;
  private final Shape featureShape;
  private final float[] y;
  private final Shape labelShape;
  private final int size;
  /** Set once every feature is known to be finite (scanned, or assumed): the arrays never change afterwards. */
  private volatile boolean featuresFinite;

  private Dataset(float[] x, Shape featureShape, float[] y, Shape labelShape) {
    this.x = requireNonNull(x, "Dataset: x");
    this.featureShape = requireNonNull(featureShape, "Dataset: featureShape");
    int fs = featureShape.size();
    checkArgument(x.length % fs == 0, "Dataset: x has %s values, not a whole number of samples of shape %s (%s each)",
        x.length, featureShape, fs);
    this.size = x.length / fs;
    checkArgument(size > 0, "Dataset: empty dataset (x has no samples); at least one sample is needed");
    this.y = y;
    this.labelShape = labelShape;
    if (y != null) {
      requireNonNull(labelShape, "Dataset: labelShape");
      int ls = labelShape.size();
      checkArgument(y.length % ls == 0 && y.length / ls == size,
          "Dataset: x has %s samples but y has %s values (%s samples of shape %s); they must match",
          size, y.length, y.length / (double) ls, labelShape);
    }
  }

  /** Features and labels of any shapes. */
  public static Dataset of(float[] x, Shape featureShape, float[] y, Shape labelShape) {
    return new Dataset(x, featureShape, requireNonNull(y, "Dataset: y"), labelShape);
  }

  /** Features with one integer class label per sample (label shape {@code []}). */
  public static Dataset withClassLabels(float[] x, Shape featureShape, int[] labels) {
    requireNonNull(labels, "Dataset: labels");
    float[] y = new float[labels.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels[i];
    }
    return new Dataset(x, featureShape, y, Shape.scalar());
  }

  /** Features only, for prediction. */
  public static Dataset featuresOnly(float[] x, Shape featureShape) {
    return new Dataset(x, featureShape, null, null);
  }

  public int size() {
    return size;
  }

  public Shape featureShape() {
    return featureShape;
  }

  /** The per-sample label shape, or {@code null} for a features-only dataset. */
  public Shape labelShape() {
    return labelShape;
  }

  public boolean hasLabels() {
    return y != null;
  }

  /** Sample i's feature value j (j indexes within the feature shape, row-major). */
  public float feature(int sample, int j) {
    return x[sample * featureShape.size() + j];
  }

  /**
   * The row-major index (sample × feature count + feature) of the first feature value that is NaN or ±∞, or −1
   * when all are finite. Reads every value the first time; a dataset found (or {@linkplain #withFiniteFeaturesAssumed
   * assumed}) finite answers −1 at once afterwards.
   */
  public int firstNonFiniteFeature() {
    if (featuresFinite) {
      return -1;
    }
    for (int i = 0; i < x.length; i++) {
      if (!Float.isFinite(x[i])) {
        return i;
      }
    }
    featuresFinite = true;
    return -1;
  }

  /**
   * The same samples (not copied), taken to hold only finite features: {@code fit}, {@code evaluate} and
   * {@code predict} then skip their scan for NaN and ±∞. The scan reads every value once per dataset (about 18 ms
   * for Fashion-MNIST's 60,000 × 784, an eighth of a {@code predict} over them); skip it only for data finite by
   * construction, such as pixels read as bytes. A NaN in such a dataset reaches the backend unnoticed.
   */
  public Dataset withFiniteFeaturesAssumed() {
    Dataset d = new Dataset(x, featureShape, y, labelShape);
    d.featuresFinite = true;
    return d;
  }

  /** Sample i's label value j (j indexes within the label shape). */
  public float label(int sample, int j) {
    checkState(y != null, "this dataset has no labels");
    return y[sample * labelShape.size() + j];
  }

  /**
   * Copies samples {@code order[from .. from+count)} into the buffers, row after row. {@code yDst} may be null.
   */
  public void gather(int[] order, int from, int count, float[] xDst, float[] yDst) {
    int fs = featureShape.size();
    for (int r = 0; r < count; r++) {
      System.arraycopy(x, order[from + r] * fs, xDst, r * fs, fs);
    }
    if (yDst != null && y != null) {
      int ls = labelShape.size();
      for (int r = 0; r < count; r++) {
        System.arraycopy(y, order[from + r] * ls, yDst, r * ls, ls);
      }
    }
  }

  /** Copies samples {@code [from, from+count)} in order. */
  public void copyRange(int from, int count, float[] xDst, float[] yDst) {
    int fs = featureShape.size();
    System.arraycopy(x, from * fs, xDst, 0, count * fs);
    if (yDst != null && y != null) {
      int ls = labelShape.size();
      System.arraycopy(y, from * ls, yDst, 0, count * ls);
    }
  }

  /** Samples {@code [from, to)} as a new dataset (copied). */
  public Dataset slice(int from, int to) {
    checkArgument(0 <= from && from < to && to <= size, "Dataset.slice: need 0 ≤ from < to ≤ %s, got [%s, %s)",
        size, from, to);
    int fs = featureShape.size();
    float[] xs = java.util.Arrays.copyOfRange(x, from * fs, to * fs);
    if (y == null) {
      return keepingFiniteness(new Dataset(xs, featureShape, null, null));
    }
    int ls = labelShape.size();
    return keepingFiniteness(new Dataset(xs, featureShape, java.util.Arrays.copyOfRange(y, from * ls, to * ls),
        labelShape));
  }

  /** The first n samples (or all, if fewer). */
  public Dataset take(int n) {
    return slice(0, Math.min(n, size));
  }

  /** The same samples with features viewed under another shape of the same size (no copy). */
  public Dataset withFeatureShape(Shape shape) {
    checkArgument(shape.size() == featureShape.size(), "Dataset: cannot view samples of shape %s as %s", featureShape,
        shape);
    return keepingFiniteness(new Dataset(x, shape, y, labelShape));
  }

  /** A dataset made from this one's values: finite if this one is known to be. */
  private Dataset keepingFiniteness(Dataset d) {
    d.featuresFinite = featuresFinite;
    return d;
  }

  @Override
  public String toString() {
    return "Dataset[" + size + " samples, features " + featureShape
        + (y == null ? ", no labels" : ", labels " + labelShape) + "]";
  }
}
