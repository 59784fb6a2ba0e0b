package dev.layerwise.init;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import java.util.Arrays;

/**
 * Given values: the weight starts at exactly these numbers, whatever the seed ({@link Initializer#fromArray}). The
 * weight's shape must be {@code shape}; a model whose layer gives this initializer a weight of another shape is
 * refused when it is built, naming the layer and both shapes. In a float32 model the values are rounded to float32;
 * a float64 model keeps them as given. Saved with the model (the values are part of its configuration).
 *
 * @param shape the shape of the weight these values are for
 * @param values {@code shape.size()} finite values, row-major
 */
public record FromArray(Shape shape, double[] values) implements Initializer {
  public FromArray {
    requireNonNull(shape, "FromArray: shape");
    requireNonNull(values, "FromArray: values");
    checkArgument(values.length == shape.size(), "FromArray: shape %s holds %s values, got %s", shape, shape.size(),
        values.length);
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException("FromArray: values must be finite, got " + values[i] + " at flat index "
            + i);
      }
    }
    values = values.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public double[] sample(Shape weightShape, SeededRandom random) {
    checkFits(weightShape);
    return values.clone();
  }

  /** Refuses a weight of another shape than the values'. */
  public void checkFits(Shape weightShape) {
    checkArgument(shape.equals(weightShape), "Initializer.fromArray holds values of shape %s, but the weight has"
        + " shape %s", shape, weightShape);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FromArray f && shape.equals(f.shape) && Arrays.equals(values, f.values);
  }

  @Override
  public int hashCode() {
    return 31 * shape.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "FromArray[shape=" + shape + "]";
  }
}
