package dev.layerwise.data;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One array of a {@link Dataset}: its name (null when given without one, by the single-array factories), its
 * per-sample shape and its values, row-major, kept as given.
 */
final class Column {
  final String name;
  final Shape shape;
  final float[] values;
  /**
   * Set once every value is known to be finite (scanned, or assumed): the array never changes afterwards. Shared by
   * the views of the same values ({@link #named}, {@link #withShape}), so a scan through one (the view {@code fit}
   * arranges for a model) spares the others.
   */
  private final AtomicBoolean finite;

  Column(String name, Shape shape, float[] values, String kind) {
    this(name, shape, values, kind, new AtomicBoolean());
  }

  private Column(String name, Shape shape, float[] values, String kind, AtomicBoolean finite) {
    this.name = name;
    this.shape = requireNonNull(shape, "Dataset: the shape of " + describe(kind, name));
    this.values = requireNonNull(values, "Dataset: the values of " + describe(kind, name));
    this.finite = finite;
  }

  boolean knownFinite() {
    return finite.get();
  }

  void markFinite() {
    finite.set(true);
  }

  /** The same values, taken to be finite (without telling the views of this column so). */
  Column assumingFinite() {
    return new Column(name, shape, values, "", new AtomicBoolean(true));
  }

  int samples(String kind) {
    int per = shape.size();
    checkArgument(per > 0 && values.length % per == 0, "Dataset: %s has %s values, not a whole number of samples"
        + " of shape %s (%s each)", kind, values.length, shape, per);
    return values.length / per;
  }

  static String describe(String kind, String name) {
    return name == null ? kind : kind + " '" + name + "'";
  }

  /** The same values (and finiteness) viewed under another shape of the same size. */
  Column withShape(Shape s) {
    return new Column(name, s, values, "", finite);
  }

  /** The same values (and finiteness) under another name. */
  Column named(String n) {
    return new Column(n, shape, values, "", finite);
  }
}
