package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An immutable tensor shape: a list of positive dimensions.
 *
 * <p>Layer specs speak of per-sample shapes, without the batch dimension, as Keras's {@code Input(shape=...)}
 * does: a Fashion-MNIST image is {@code Shape.of(28, 28)} and a batch of 32 of them is
 * {@code Shape.of(28, 28).withBatch(32)}. Layouts are fixed once for every backend: Dense kernels are
 * {@code [in, out]}, images are NHWC and Conv2D kernels HWIO.
 */
public final class Shape {
  private static final Shape SCALAR = new Shape(new int[0]);

  private final int[] dims;

  private Shape(int[] dims) {
    this.dims = dims;
  }

  /** A shape with the given dimensions; each must be positive. */
  public static Shape of(int... dims) {
    for (int i = 0; i < dims.length; i++) {
      checkArgument(dims[i] > 0, "shape dimensions must be positive, got %s at index %s in %s",
          dims[i], i, Arrays.toString(dims));
    }
    return dims.length == 0 ? SCALAR : new Shape(dims.clone());
  }

  /** The rank-0 shape of a scalar (one element). */
  public static Shape scalar() {
    return SCALAR;
  }

  public int rank() {
    return dims.length;
  }

  public int dim(int axis) {
    int a = axis < 0 ? dims.length + axis : axis;
    checkArgument(a >= 0 && a < dims.length, "axis %s out of range for shape %s", axis, this);
    return dims[a];
  }

  /** The last dimension (features or channels). */
  public int last() {
    checkArgument(dims.length > 0, "a scalar shape has no last dimension");
    return dims[dims.length - 1];
  }

  /** Number of elements: the product of the dimensions (1 for a scalar). */
  public int size() {
    long n = 1;
    for (int d : dims) {
      n *= d;
      checkArgument(n <= Integer.MAX_VALUE, "shape %s has more than 2^31-1 elements", this);
    }
    return (int) n;
  }

  public int[] dims() {
    return dims.clone();
  }

  /** This shape with a leading batch dimension: {@code [batch, ...this]}. */
  public Shape withBatch(int batch) {
    int[] d = new int[dims.length + 1];
    d[0] = batch;
    System.arraycopy(dims, 0, d, 1, dims.length);
    return Shape.of(d);
  }

  /** This shape without its first dimension (e.g. a batch shape to a sample shape). */
  public Shape dropFirst() {
    checkArgument(dims.length > 0, "a scalar shape has no first dimension");
    return dims.length == 1 ? SCALAR : new Shape(Arrays.copyOfRange(dims, 1, dims.length));
  }

  /** This shape with its last dimension replaced. */
  public Shape withLast(int last) {
    checkArgument(dims.length > 0, "a scalar shape has no last dimension");
    int[] d = dims.clone();
    d[d.length - 1] = last;
    return Shape.of(d);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** As Keras prints it with an unknown batch dimension: {@code (None, 28, 28)} is {@code [28, 28]}. */
  @Override
  public String toString() {
    return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
  }

  /** Keras's notation with the batch dimension unknown, e.g. {@code (None, 128)}. */
  public String toBatchString() {
    return Arrays.stream(dims).mapToObj(Integer::toString)
        .collect(Collectors.joining(", ", "(None" + (dims.length > 0 ? ", " : ""), ")"));
  }
}
