package dev.layerwise.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * One batch as a backend receives it: {@code size} samples of features and, for training and evaluation, their
 * labels, each in row-major order. The arrays may be longer than needed (the training loop reuses buffers);
 * only the first {@code size·featureSize} and {@code size·labelSize} values count, and a backend must copy what
 * it keeps past the call.
 */
public record Batch(float[] x, float[] y, int size) {
  public Batch {
    requireNonNull(x, "x");
    checkArgument(size > 0, "a batch holds at least one sample, got %s", size);
  }

  /** A batch of features only, for prediction. */
  public static Batch features(float[] x, int size) {
    return new Batch(x, null, size);
  }

  public boolean hasLabels() {
    return y != null;
  }
}
