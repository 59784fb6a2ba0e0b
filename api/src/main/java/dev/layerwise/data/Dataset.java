package dev.layerwise.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * In-memory samples: one or more feature arrays and, optionally, one or more target (label) arrays, each of a
 * fixed per-sample shape, in row-major order, as {@code float[]} or, for float64 models, {@code double[]} (a float64
 * model widens float32 values exactly; a float32 model rounds float64 values). Class labels are stored as numbers
 * holding the class index. A model with one input and one output takes a dataset of one unnamed feature array and one unnamed target
 * array; a model with several takes named arrays, matched by name to its inputs and outputs ({@link #builder()}).
 *
 * <p>The arrays are kept, not copied (Fashion-MNIST is 188 MB as floats): do not change them afterwards.
 *
 * <pre>{@code
 * Dataset train = Dataset.withClassLabels(pixels, Shape.of(28, 28), labels);
 * Dataset twoTowers = Dataset.builder()
 *     .features("image", pixels, Shape.of(28, 28)).features("meta", meta, Shape.of(3))
 *     .classLabels("class", labels).build();
 * }</pre>
 */
public final class Dataset {
  private final List<Column> features;
  private final List<Column> targets;
  private final int size;
  /** One weight per sample (Keras's {@code sample_weight}), or null: every sample counts once. */
  private final double[] sampleWeights;

  private Dataset(List<Column> features, List<Column> targets) {
    this(features, targets, null);
  }

  private Dataset(List<Column> features, List<Column> targets, double[] sampleWeights) {
    checkArgument(!features.isEmpty(), "Dataset: no feature array; at least one is needed");
    this.features = List.copyOf(features);
    this.targets = List.copyOf(targets);
    Column first = this.features.get(0);
    String firstKind = first.name == null ? "x" : Column.describe("features", first.name);
    this.size = first.samples(firstKind);
    checkArgument(size > 0, "Dataset: empty dataset (%s has no samples); at least one sample is needed", firstKind);
    List<Column> others = new ArrayList<>(this.features.subList(1, this.features.size()));
    others.addAll(this.targets);
    for (Column c : others) {
      String kind = c.name == null ? "y" : Column.describe(this.features.contains(c) ? "features" : "targets", c.name);
      int per = c.shape.size();
      checkArgument(per > 0 && c.length() == (long) size * per, "Dataset: %s has %s samples but %s has %s"
          + " values (%s samples of shape %s); they must match", firstKind, size, kind, c.length(),
          per == 0 ? "no" : c.length() / (double) per, c.shape);
    }
    this.sampleWeights = sampleWeights;
  }

  /** Features and labels of any shapes. */
  public static Dataset of(float[] x, Shape featureShape, float[] y, Shape labelShape) {
    requireNonNull(y, "Dataset: y");
    return new Dataset(List.of(new Column(null, featureShape, x, "x")), List.of(new Column(null, labelShape, y,
        "y")));
  }

  /**
   * Features and labels given in float64, for a float64 model, which computes on them as given (a float32 model
   * rounds them).
   */
  public static Dataset of(double[] x, Shape featureShape, double[] y, Shape labelShape) {
    requireNonNull(y, "Dataset: y");
    return new Dataset(List.of(new Column(null, featureShape, x, "x")), List.of(new Column(null, labelShape, y,
        "y")));
  }

  /** Float64 features only, for prediction. */
  public static Dataset featuresOnly(double[] x, Shape featureShape) {
    return new Dataset(List.of(new Column(null, featureShape, x, "x")), List.of());
  }

  /** Features with one integer class label per sample (label shape {@code []}). */
  public static Dataset withClassLabels(float[] x, Shape featureShape, int[] labels) {
    return of(x, featureShape, classes(labels), Shape.scalar());
  }

  /** Features only, for prediction. */
  public static Dataset featuresOnly(float[] x, Shape featureShape) {
    return new Dataset(List.of(new Column(null, featureShape, x, "x")), List.of());
  }

  /** A dataset of named arrays, for models with several inputs or outputs (or to name one's arrays). */
  public static Builder builder() {
    return new Builder();
  }

  private static float[] classes(int[] labels) {
    requireNonNull(labels, "Dataset: labels");
    float[] y = new float[labels.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels[i];
    }
    return y;
  }

  /** Collects named feature and target arrays; every array must hold the same number of samples. */
  public static final class Builder {
    private final List<Column> features = new ArrayList<>();
    private final List<Column> targets = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    private Builder() {}

    /** The features of the model input of that name. */
    public Builder features(String name, float[] x, Shape shape) {
      features.add(new Column(checkName(name, "features"), shape, x, "features"));
      return this;
    }

    /** Float64 features of the model input of that name. */
    public Builder features(String name, double[] x, Shape shape) {
      features.add(new Column(checkName(name, "features"), shape, x, "features"));
      return this;
    }

    /** Float64 targets of the model output of that name. */
    public Builder targets(String name, double[] y, Shape shape) {
      targets.add(new Column(checkName(name, "targets"), shape, y, "targets"));
      return this;
    }

    /** The targets of the model output of that name. */
    public Builder targets(String name, float[] y, Shape shape) {
      targets.add(new Column(checkName(name, "targets"), shape, y, "targets"));
      return this;
    }

    /** One integer class label per sample for the model output of that name (shape {@code []}). */
    public Builder classLabels(String name, int[] labels) {
      return targets(name, classes(labels), Shape.scalar());
    }

    private String checkName(String name, String kind) {
      requireNonNull(name, "Dataset.Builder: the name of " + kind);
      checkArgument(names.add(kind + ":" + name), "Dataset.Builder: %s '%s' are given twice", kind, name);
      return name;
    }

    public Dataset build() {
      return new Dataset(features, targets);
    }
  }

  public int size() {
    return size;
  }

  /** The names of the feature arrays, in order; empty for a dataset of one unnamed feature array. */
  public List<String> featureNames() {
    return names(features);
  }

  /** The names of the target arrays, in order; empty without targets or for one unnamed target array. */
  public List<String> targetNames() {
    return names(targets);
  }

  private static List<String> names(List<Column> columns) {
    return columns.stream().filter(c -> c.name != null).map(c -> c.name).toList();
  }

  /** How many feature arrays it holds. */
  public int featureCount() {
    return features.size();
  }

  /** How many target arrays it holds (0 for features only). */
  public int targetCount() {
    return targets.size();
  }

  /** The per-sample shape of each feature array, in order. */
  public List<Shape> featureShapes() {
    return features.stream().map(c -> c.shape).toList();
  }

  /** The per-sample shape of each target array, in order. */
  public List<Shape> targetShapes() {
    return targets.stream().map(c -> c.shape).toList();
  }

  /** The per-sample shape of the one feature array. */
  public Shape featureShape() {
    return only(features, "feature").shape;
  }

  /** The per-sample shape of the one target array, or {@code null} for a features-only dataset. */
  public Shape labelShape() {
    return targets.isEmpty() ? null : only(targets, "target").shape;
  }

  private static Column only(List<Column> columns, String kind) {
    checkState(columns.size() == 1, "this dataset holds %s %s arrays %s; ask for one by index", columns.size(), kind,
        names(columns));
    return columns.get(0);
  }

  public boolean hasLabels() {
    return !targets.isEmpty();
  }

  /**
   * The same samples (not copied) with one weight per sample, Keras's {@code sample_weight}: each sample's loss is
   * multiplied by its weight, and the batch's loss is the sum of the weighted losses divided by the batch size
   * (Keras 3's {@code sum_over_batch_size}, not by the sum of the weights). A weight of 0 leaves a sample out of the
   * gradient; {@code fit} and {@code evaluate} both use them, and {@code validationSplit} splits them with the
   * samples. The array is kept, not copied. With several outputs every output's loss takes the same weights.
   *
   * @throws IllegalArgumentException without labels, for a number of weights other than the number of samples, or
   *     for a weight that is negative, NaN or infinite (naming the first)
   */
  public Dataset withSampleWeights(double[] weights) {
    requireNonNull(weights, "Dataset.withSampleWeights: weights");
    checkArgument(hasLabels(), "Dataset.withSampleWeights: the dataset has no labels; sample weights scale each"
        + " sample's loss, which needs them");
    checkArgument(weights.length == size, "Dataset.withSampleWeights: expected one weight per sample, %s, got %s",
        size, weights.length);
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0 && Double.isFinite(weights[i]))) {
        throw new IllegalArgumentException(String.format("Dataset.withSampleWeights: every weight must be finite"
            + " and ≥ 0, but the weight of sample %d is %s", i, weights[i]));
      }
    }
    return new Dataset(features, targets, weights);
  }

  /** {@link #withSampleWeights(double[])} from float32 weights (widened exactly, copied). */
  public Dataset withSampleWeights(float[] weights) {
    requireNonNull(weights, "Dataset.withSampleWeights: weights");
    double[] w = new double[weights.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = weights[i];
    }
    return withSampleWeights(w);
  }

  /** Whether each sample carries a weight ({@link #withSampleWeights}). */
  public boolean hasSampleWeights() {
    return sampleWeights != null;
  }

  /** Sample i's weight: 1 when the dataset carries none. */
  public double sampleWeight(int sample) {
    checkArgument(0 <= sample && sample < size, "Dataset.sampleWeight: sample must be in [0, %s), got %s", size,
        sample);
    return sampleWeights == null ? 1 : sampleWeights[sample];
  }

  /**
   * Copies the weights of samples {@code order[from .. from+count)} (or {@code [from, from+count)} when
   * {@code order} is null) into {@code dst}, as {@link #gather(int[], int, int, List, List)} copies rows.
   *
   * @throws IllegalStateException when the dataset carries no weights
   */
  public void gatherSampleWeights(int[] order, int from, int count, double[] dst) {
    checkState(sampleWeights != null, "this dataset carries no sample weights");
    for (int r = 0; r < count; r++) {
      dst[r] = sampleWeights[order == null ? from + r : order[from + r]];
    }
  }

  /** Sample i's feature value j (j indexes within the feature shape, row-major), of the one feature array. */
  public float feature(int sample, int j) {
    return feature(0, sample, j);
  }

  /** Sample i's value j of feature array k (rounded to float32 for an array of doubles). */
  public float feature(int array, int sample, int j) {
    Column c = features.get(array);
    return c.getFloat(sample * c.shape.size() + j);
  }

  /** Sample i's label value j (j indexes within the label shape), of the one target array. */
  public float label(int sample, int j) {
    checkState(!targets.isEmpty(), "this dataset has no labels");
    only(targets, "target");
    return label(0, sample, j);
  }

  /** Sample i's value j of target array k (rounded to float32 for an array of doubles). */
  public float label(int array, int sample, int j) {
    Column c = targets.get(array);
    return c.getFloat(sample * c.shape.size() + j);
  }

  /**
   * The row-major index (sample × feature count + feature) of the first value of the one feature array that is NaN
   * or ±∞, or −1 when all are finite; see {@link #firstNonFiniteFeature(int)}.
   */
  public int firstNonFiniteFeature() {
    only(features, "feature");
    return firstNonFiniteFeature(0);
  }

  /**
   * The row-major index of the first value of feature array k that is NaN or ±∞, or −1 when all are finite. Reads
   * every value the first time; an array found (or {@linkplain #withFiniteFeaturesAssumed assumed}) finite answers
   * −1 at once afterwards.
   */
  public int firstNonFiniteFeature(int array) {
    Column c = features.get(array);
    if (c.knownFinite()) {
      return -1;
    }
    int bad = c.firstNonFinite();
    if (bad < 0) {
      c.markFinite();
    }
    return bad;
  }

  /**
   * The same samples (not copied), taken to hold only finite features: {@code fit}, {@code evaluate} and
   * {@code predict} then skip their scan for NaN and ±∞. The scan reads every value once per dataset (about 18 ms
   * for Fashion-MNIST's 60,000 × 784, an eighth of a {@code predict} over them); skip it only for data finite by
   * construction, such as pixels read as bytes. A NaN in such a dataset reaches the backend unnoticed.
   */
  public Dataset withFiniteFeaturesAssumed() {
    List<Column> assumed = new ArrayList<>();
    for (Column c : features) {
      assumed.add(c.assumingFinite());
    }
    return new Dataset(assumed, targets, sampleWeights);
  }

  /**
   * The same samples (not copied) with the arrays in the given order under the given names: how {@code fit},
   * {@code evaluate} and {@code predict} match a dataset to a model's inputs and outputs. A named array goes to the
   * name it carries; a dataset of one unnamed array matches exactly one name, whatever it is.
   *
   * @param featureNames the names the feature arrays must have, in the order wanted (a model's inputs)
   * @param targetNames the names the target arrays must have (a model's outputs), or {@code null} to drop the
   *     targets
   * @throws IllegalArgumentException when a name is missing or an array is not wanted, listing both sets
   */
  public Dataset arranged(List<String> featureNames, List<String> targetNames) {
    List<Column> f = arrange(features, featureNames, "features", "inputs");
    List<Column> t = targetNames == null ? List.of() : arrange(targets, targetNames, "targets", "outputs");
    return new Dataset(f, t, targetNames == null ? null : sampleWeights);
  }

  private static List<Column> arrange(List<Column> columns, List<String> wanted, String kind, String of) {
    if (columns.size() == 1 && columns.get(0).name == null) {
      checkArgument(wanted.size() == 1, "the dataset holds one unnamed array of %s, but the model has %s %s %s; name"
          + " the arrays with Dataset.builder()", kind, wanted.size(), of, wanted);
      return List.of(columns.get(0).named(wanted.get(0)));
    }
    List<String> given = names(columns);
    List<String> missing = new ArrayList<>(wanted);
    missing.removeAll(given);
    List<String> extra = new ArrayList<>(given);
    extra.removeAll(wanted);
    checkArgument(missing.isEmpty() && extra.isEmpty(), "the dataset's %s %s do not match the model's %s %s:"
        + " missing %s, not the model's %s", kind, given, of, wanted, missing, extra);
    return wanted.stream().map(name -> columns.get(given.indexOf(name))).toList();
  }

  /**
   * Copies samples {@code order[from .. from+count)} of the one feature and target arrays into the buffers, row
   * after row. {@code yDst} may be null.
   */
  public void gather(int[] order, int from, int count, float[] xDst, float[] yDst) {
    gather(order, from, count, List.of(xDst), yDst == null || targets.isEmpty() ? null : List.of(yDst));
  }

  /**
   * Copies samples {@code order[from .. from+count)} of every array into the buffers, one per feature array and, when
   * {@code yDst} is not null, one per target array, row after row.
   */
  public void gather(int[] order, int from, int count, List<float[]> xDst, List<float[]> yDst) {
    copy(features, xDst, order, from, count);
    if (yDst != null) {
      copy(targets, yDst, order, from, count);
    }
  }

  /**
   * Copies samples {@code order[from .. from+count)} (or {@code [from, from+count)} when {@code order} is null) of
   * every target array into the buffers, one per target array, row after row: the labels alone, for metrics.
   */
  public void gatherTargets(int[] order, int from, int count, List<float[]> yDst) {
    copy(targets, yDst, order, from, count);
  }

  /**
   * Whether this dataset holds the very same arrays as {@code other} (the same objects, in the same order and
   * shapes, and the same sample weights): then values a backend copied from one are those of the other. Datasets
   * arranged or reshaped from one another share their arrays; a slice or a copy does not.
   */
  public boolean sameArrays(Dataset other) {
    return other != null && size == other.size && sampleWeights == other.sampleWeights
        && same(features, other.features) && same(targets, other.targets);
  }

  private static boolean same(List<Column> a, List<Column> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).sameValues(b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Copies samples {@code [from, from+count)} of the one feature and target arrays, in order. */
  public void copyRange(int from, int count, float[] xDst, float[] yDst) {
    copyRange(from, count, List.of(xDst), yDst == null || targets.isEmpty() ? null : List.of(yDst));
  }

  /** Copies samples {@code [from, from+count)} of every array, in order, into buffers as {@code gather} takes them. */
  public void copyRange(int from, int count, List<float[]> xDst, List<float[]> yDst) {
    copy(features, xDst, null, from, count);
    if (yDst != null) {
      copy(targets, yDst, null, from, count);
    }
  }

  /**
   * {@link #gather(int[], int, int, List, List)} into float64 buffers (float32 arrays widened exactly), for a
   * float64 model.
   */
  public void gatherDoubles(int[] order, int from, int count, List<double[]> xDst, List<double[]> yDst) {
    copyDoubles(features, xDst, order, from, count);
    if (yDst != null) {
      copyDoubles(targets, yDst, order, from, count);
    }
  }

  /** {@link #copyRange(int, int, List, List)} into float64 buffers (float32 arrays widened exactly). */
  public void copyRangeDoubles(int from, int count, List<double[]> xDst, List<double[]> yDst) {
    gatherDoubles(null, from, count, xDst, yDst);
  }

  /** Whether any array holds float64 values (given as {@code double[]}). */
  public boolean hasDoubles() {
    return features.stream().anyMatch(Column::isDouble) || targets.stream().anyMatch(Column::isDouble);
  }

  private static void copy(List<Column> columns, List<float[]> dst, int[] order, int from, int count) {
    copyRows(columns, dst.size(), order, from, count, (c, k, src, at, n) -> c.copyTo(src, dst.get(k), at, n));
  }

  private static void copyDoubles(List<Column> columns, List<double[]> dst, int[] order, int from, int count) {
    copyRows(columns, dst.size(), order, from, count, (c, k, src, at, n) -> c.copyTo(src, dst.get(k), at, n));
  }

  /** Copies {@code n} values of column c, from value {@code src}, into buffer k at {@code at}. */
  private interface RowCopy {
    void copy(Column c, int k, int src, int at, int n);
  }

  /** Samples {@code order[from .. from+count)} (or {@code [from, from+count)} without an order) of every column. */
  private static void copyRows(List<Column> columns, int buffers, int[] order, int from, int count, RowCopy copy) {
    checkArgument(buffers == columns.size(), "Dataset: %s buffers for %s arrays", buffers, columns.size());
    for (int k = 0; k < columns.size(); k++) {
      Column c = columns.get(k);
      int per = c.shape.size();
      if (order == null) {
        copy.copy(c, k, from * per, 0, count * per);
      } else {
        for (int r = 0; r < count; r++) {
          copy.copy(c, k, order[from + r] * per, r * per, per);
        }
      }
    }
  }

  /** Samples {@code [from, to)} as a new dataset (copied). */
  public Dataset slice(int from, int to) {
    checkArgument(0 <= from && from < to && to <= size, "Dataset.slice: need 0 ≤ from < to ≤ %s, got [%s, %s)",
        size, from, to);
    return new Dataset(sliced(features, from, to), sliced(targets, from, to),
        sampleWeights == null ? null : Arrays.copyOfRange(sampleWeights, from, to));
  }

  private static List<Column> sliced(List<Column> columns, int from, int to) {
    List<Column> out = new ArrayList<>();
    for (Column c : columns) {
      int per = c.shape.size();
      out.add(c.range(from * per, to * per));
    }
    return out;
  }

  /**
   * The samples in the given order (copied), with their weights: what {@link #split} and {@link #stratifiedSplit}
   * keep of each part.
   */
  Dataset rows(int[] samples) {
    List<Column> f = features.stream().map(c -> c.rows(samples)).toList();
    List<Column> t = targets.stream().map(c -> c.rows(samples)).toList();
    double[] w = null;
    if (sampleWeights != null) {
      w = new double[samples.length];
      for (int r = 0; r < samples.length; r++) {
        w[r] = sampleWeights[samples[r]];
      }
    }
    return new Dataset(f, t, w);
  }

  /**
   * A random split into a training part and a held-out (test or validation) part, each keeping its samples in their
   * original order. {@code heldOut} is the held-out share: of n samples, {@code n − floor(n·(1 − heldOut))} are
   * held out (the count {@code validationSplit} holds out), drawn by a seeded shuffle, so the same seed gives the
   * same split.
   *
   * @throws IllegalArgumentException unless {@code 0 < heldOut < 1} and both parts get a sample
   */
  public DatasetSplit split(double heldOut, long seed) {
    return DatasetSplits.random(this, heldOut, seed);
  }

  /**
   * {@link #split}, class by class: each class keeps its share in both parts (within one sample). Needs one scalar
   * class-index label per sample.
   *
   * @throws IllegalArgumentException for labels that are not one class index per sample, or a class too small to
   *     have a sample in both parts (naming the class and its count)
   */
  public DatasetSplit stratifiedSplit(double heldOut, long seed) {
    return DatasetSplits.stratified(this, heldOut, seed);
  }

  /** The first n samples (or all, if fewer). */
  public Dataset take(int n) {
    return slice(0, Math.min(n, size));
  }

  /** The same samples with the one feature array viewed under another shape of the same size (no copy). */
  public Dataset withFeatureShape(Shape shape) {
    Column c = only(features, "feature");
    checkArgument(shape.size() == c.shape.size(), "Dataset: cannot view samples of shape %s as %s", c.shape, shape);
    return new Dataset(List.of(c.withShape(shape)), targets, sampleWeights);
  }

  @Override
  public String toString() {
    return "Dataset[" + size + " samples, features " + describe(features)
        + (targets.isEmpty() ? ", no labels" : ", labels " + describe(targets))
        + (sampleWeights == null ? "" : ", sample weights") + "]";
  }

  private static String describe(List<Column> columns) {
    if (columns.size() == 1 && columns.get(0).name == null) {
      return columns.get(0).shape.toString();
    }
    List<String> parts = new ArrayList<>();
    columns.forEach(c -> parts.add(c.name + " " + c.shape));
    return String.join(", ", parts);
  }
}
