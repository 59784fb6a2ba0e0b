package dev.layerwise.data;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One array of a {@link Dataset}: its name (null when given without one, by the single-array factories), its
 * per-sample shape and its values, row-major, kept as given: float32 values in a {@code float[]} or float64 values
 * in a {@code double[]} (exactly one of the two).
 */
final class Column {
  final String name;
  final Shape shape;
  private final float[] floats;
  private final double[] doubles;
  /**
   * Set once every value is known to be finite (scanned, or assumed): the array never changes afterwards. Shared by
   * the views of the same values ({@link #named}, {@link #withShape}), so a scan through one (the view {@code fit}
   * arranges for a model) spares the others.
   */
  private final AtomicBoolean finite;

  Column(String name, Shape shape, float[] values, String kind) {
    this(name, shape, requireNonNull(values, "Dataset: the values of " + describe(kind, name)), null, kind,
        new AtomicBoolean());
  }

  Column(String name, Shape shape, double[] values, String kind) {
    this(name, shape, null, requireNonNull(values, "Dataset: the values of " + describe(kind, name)), kind,
        new AtomicBoolean());
  }

  private Column(String name, Shape shape, float[] floats, double[] doubles, String kind, AtomicBoolean finite) {
    this.name = name;
    this.shape = requireNonNull(shape, "Dataset: the shape of " + describe(kind, name));
    this.floats = floats;
    this.doubles = doubles;
    this.finite = finite;
  }

  /** Whether the values are float64. */
  boolean isDouble() {
    return doubles != null;
  }

  int length() {
    return floats != null ? floats.length : doubles.length;
  }

  /** Value i, widened to double. */
  double get(int i) {
    return floats != null ? floats[i] : doubles[i];
  }

  /** Value i, rounded to float32 if the values are float64. */
  float getFloat(int i) {
    return floats != null ? floats[i] : (float) doubles[i];
  }

  /** Whether both columns read the very same array with the same shape (so one can stand for the other). */
  boolean sameValues(Column other) {
    return shape.equals(other.shape) && floats == other.floats && doubles == other.doubles;
  }

  /** Copies {@code count} values from {@code from} into {@code dst} at {@code at}, rounding float64 values. */
  void copyTo(int from, float[] dst, int at, int count) {
    if (floats != null) {
      System.arraycopy(floats, from, dst, at, count);
    } else {
      for (int i = 0; i < count; i++) {
        dst[at + i] = (float) doubles[from + i];
      }
    }
  }

  /** Copies {@code count} values from {@code from} into {@code dst} at {@code at}, widening float32 values. */
  void copyTo(int from, double[] dst, int at, int count) {
    if (doubles != null) {
      System.arraycopy(doubles, from, dst, at, count);
    } else {
      for (int i = 0; i < count; i++) {
        dst[at + i] = floats[from + i];
      }
    }
  }

  /** The given samples, in the given order, as a new column of the same precision. */
  Column rows(int[] samples) {
    int per = shape.size();
    float[] f = floats == null ? null : new float[samples.length * per];
    double[] d = doubles == null ? null : new double[samples.length * per];
    for (int r = 0; r < samples.length; r++) {
      if (f != null) {
        System.arraycopy(floats, samples[r] * per, f, r * per, per);
      } else {
        System.arraycopy(doubles, samples[r] * per, d, r * per, per);
      }
    }
    return new Column(name, shape, f, d, "", new AtomicBoolean(finite.get()));
  }

  /** Values {@code [from, to)} as a new column of the same precision. */
  Column range(int from, int to) {
    return new Column(name, shape, floats != null ? Arrays.copyOfRange(floats, from, to) : null,
        doubles != null ? Arrays.copyOfRange(doubles, from, to) : null, "", new AtomicBoolean(finite.get()));
  }

  /** The index of the first NaN or ±∞, or −1. */
  int firstNonFinite() {
    for (int i = 0; i < length(); i++) {
      if (!Double.isFinite(get(i))) {
        return i;
      }
    }
    return -1;
  }

  boolean knownFinite() {
    return finite.get();
  }

  void markFinite() {
    finite.set(true);
  }

  /** The same values, taken to be finite (without telling the views of this column so). */
  Column assumingFinite() {
    return new Column(name, shape, floats, doubles, "", new AtomicBoolean(true));
  }

  int samples(String kind) {
    int per = shape.size();
    checkArgument(per > 0 && length() % per == 0, "Dataset: %s has %s values, not a whole number of samples"
        + " of shape %s (%s each)", kind, length(), shape, per);
    return length() / per;
  }

  static String describe(String kind, String name) {
    return name == null ? kind : kind + " '" + name + "'";
  }

  /** The same values (and finiteness) viewed under another shape of the same size. */
  Column withShape(Shape s) {
    return new Column(name, s, floats, doubles, "", finite);
  }

  /** The same values (and finiteness) under another name. */
  Column named(String n) {
    return new Column(n, shape, floats, doubles, "", finite);
  }
}
