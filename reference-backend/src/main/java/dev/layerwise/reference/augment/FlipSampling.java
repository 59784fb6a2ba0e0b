package dev.layerwise.reference.augment;

import dev.layerwise.layers.FlipMode;

/**
 * {@code RandomFlip}'s maps: with the sample's flag f = 1, the reversal {@code J[i, n − 1 − i] = 1} along each axis
 * the mode flips, the identity along the others; with f = 0 the identity. Inference: the identity.
 */
public record FlipSampling(FlipMode mode, int h, int w) implements ImageSamplingEquations.Sampler {
  @Override
  public ImageSamplingEquations.AxisMaps training(double[] draws, int s) {
    boolean flip = draws[s] == 1;
    return new ImageSamplingEquations.AxisMaps(map(h, flip && mode.rows()), map(w, flip && mode.columns()));
  }

  @Override
  public ImageSamplingEquations.AxisMaps inference() {
    return null;
  }

  private static double[] map(int n, boolean reverse) {
    double[] m = new double[n * n];
    for (int i = 0; i < n; i++) {
      m[i * n + (reverse ? n - 1 - i : i)] = 1;
    }
    return m;
  }
}
