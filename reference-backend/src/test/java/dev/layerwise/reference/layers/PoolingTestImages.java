package dev.layerwise.reference.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Inputs for pooling checks. */
final class PoolingTestImages {
  private PoolingTestImages() {}

  /**
   * The values {@code spacing·(k − n/2)} for k = 0…n−1 in a random order: all distinct and at least
   * {@code spacing} apart, so no finite-difference probe can change which element wins a max-pool window.
   */
  static double[] shuffledGrid(Random random, int n, double spacing) {
    List<Double> values = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      values.add(spacing * (k - n / 2));
    }
    Collections.shuffle(values, random);
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
