package dev.layerwise.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One batch as a backend receives it: {@code size} samples of features and, for training and evaluation, their
 * labels, each in row-major order. The arrays may be longer than needed (the training loop reuses buffers);
 * only the first {@code size·featureSize} and {@code size·labelSize} values count, and a backend must copy what
 * it keeps past the call.
 *
 * @param masks for training-mode passes, the dropout mask of every {@code Dropout} node by node name: one value
 *     per element of the node's input, 1 (keep) or 0 (drop), drawn by {@link DropoutMasks}; like x and y, a mask
 *     may be longer than needed and only its first {@code size·inputSize} values count. Passing them in makes
 *     both backends drop the same units and lets a gradient check hold them fixed.
 */
public record Batch(float[] x, float[] y, int size, Map<String, float[]> masks) {
  public Batch {
    requireNonNull(x, "x");
    checkArgument(size > 0, "a batch holds at least one sample, got %s", size);
    masks = Map.copyOf(masks);
  }

  public Batch(float[] x, float[] y, int size) {
    this(x, y, size, Map.of());
  }

  /** A batch of features only, for prediction. */
  public static Batch features(float[] x, int size) {
    return new Batch(x, null, size);
  }

  public boolean hasLabels() {
    return y != null;
  }

  /** The same samples with the given dropout masks. */
  public Batch withMasks(Map<String, float[]> masks) {
    return new Batch(x, y, size, masks);
  }

  /** The mask of a dropout node; a training-mode pass through dropout without one is a caller error. */
  public float[] mask(String node) {
    float[] m = masks.get(node);
    checkArgument(m != null, "no dropout mask for '%s' in a training-mode batch; draw them with DropoutMasks,"
        + " masks present: %s", node, masks.keySet());
    return m;
  }
}
