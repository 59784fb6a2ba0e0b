package dev.layerwise.reference.merging;

/**
 * The two tensors Keras's merging_test.py merges in its mask tests, one sample of shape (4, 2) each, flattened
 * row-major: {@code x1 = [[0, 0], [1, 2], [0, 0], [3, 4]]}, {@code x2 = [[0, 0], [0, 0], [1, 2], [3, 4]]}. (The
 * mask changes only Keras's mask output and its Multiply, Maximum and Minimum; the expected values here are the
 * plain element-wise ones.)
 */
final class KerasMergeExample {
  static final double[] X1 = {0, 0, 1, 2, 0, 0, 3, 4};
  static final double[] X2 = {0, 0, 0, 0, 1, 2, 3, 4};

  private KerasMergeExample() {}
}
