package dev.layerwise.init;

import dev.layerwise.Shape;

/**
 * Keras's variance-scaling family, which Glorot, He and LeCun are members of: draw weights with
 * {@code Var(w) = scale / n}, where n is the fan-in, the fan-out or their average.
 *
 * <ul>
 *   <li>uniform: {@code U(−l, l)} with {@code l = √(3·scale/n)} (a uniform on [−l, l] has variance l²/3)
 *   <li>normal: a normal truncated at two standard deviations, with σ divided by 0.8796… (the standard deviation
 *       of a unit normal truncated to [−2, 2]) so that the truncated draws still have variance scale/n
 * </ul>
 */
final class VarianceScaling {
  /** Standard deviation of N(0, 1) truncated to [−2, 2]. */
  static final double TRUNCATED_STDDEV = 0.87962566103423978;

  enum Fan { IN, OUT, AVERAGE }

  private VarianceScaling() {}

  static double variance(Shape shape, double scale, Fan fan) {
    Fans f = Fans.of(shape);
    double n = switch (fan) {
      case IN -> f.fanIn();
      case OUT -> f.fanOut();
      case AVERAGE -> (f.fanIn() + f.fanOut()) / 2;
    };
    return scale / Math.max(1, n);
  }

  static double[] uniform(Shape shape, double scale, Fan fan, SeededRandom random) {
    double limit = Math.sqrt(3 * variance(shape, scale, fan));
    double[] v = new double[shape.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextUniform(-limit, limit);
    }
    return v;
  }

  static double[] truncatedNormal(Shape shape, double scale, Fan fan, SeededRandom random) {
    return truncatedNormal(shape.size(), 0, Math.sqrt(variance(shape, scale, fan)) / TRUNCATED_STDDEV, random);
  }

  /** Draws from N(mean, σ²), redrawing any value more than 2σ from the mean. */
  static double[] truncatedNormal(int n, double mean, double stddev, SeededRandom random) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double z;
      do {
        z = random.nextGaussian();
      } while (Math.abs(z) > 2);
      v[i] = mean + stddev * z;
    }
    return v;
  }
}
