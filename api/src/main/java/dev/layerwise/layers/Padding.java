package dev.layerwise.layers;

/**
 * How a sliding window treats the border (TF's and Keras's conventions).
 *
 * <ul>
 *   <li>{@link #VALID}: no padding; the window stays inside the input: {@code out = ⌊(in − k) / s⌋ + 1}.
 *   <li>{@link #SAME}: {@code out = ⌈in / s⌉}; the input is padded by {@code p = max((out − 1)·s + k − in, 0)},
 *       {@code ⌊p/2⌋} before and the rest after (the extra row or column goes at the bottom/right).
 *       Convolutions pad with zeros; max pooling ignores padded positions; average pooling divides by the
 *       number of real (unpadded) positions in each window.
 * </ul>
 */
public enum Padding {
  VALID,
  SAME;

  /** The output length along one axis. */
  public int outputLength(int in, int window, int stride) {
    return this == VALID ? (in - window) / stride + 1 : (in + stride - 1) / stride;
  }

  /** Padding added before the first element along one axis. */
  public int padBefore(int in, int window, int stride) {
    return this == VALID ? 0 : totalPadding(in, window, stride) / 2;
  }

  /** Total padding along one axis. */
  public int totalPadding(int in, int window, int stride) {
    return this == VALID ? 0 : Math.max((outputLength(in, window, stride) - 1) * stride + window - in, 0);
  }
}
