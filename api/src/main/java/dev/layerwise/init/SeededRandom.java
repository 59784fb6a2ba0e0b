package dev.layerwise.init;

import java.util.SplittableRandom;

/**
 * A reproducible random source for initial weights. Normal draws use Box–Muller on {@link SplittableRandom}'s
 * uniform doubles (whose algorithm is fixed) rather than {@code nextGaussian()} (whose algorithm changed between
 * JDKs), so a seed gives the same weights on every JVM.
 */
public final class SeededRandom {
  private final SplittableRandom random;
  private double spare;
  private boolean hasSpare;

  public SeededRandom(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A uniform double in [0, 1). */
  public double nextUniform() {
    return random.nextDouble();
  }

  /** A uniform double in [low, high). */
  public double nextUniform(double low, double high) {
    return low + (high - low) * random.nextDouble();
  }

  /** A standard normal draw. */
  public double nextGaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    double u1 = 1.0 - random.nextDouble(); // in (0, 1], so log(u1) is finite
    double u2 = random.nextDouble();
    double radius = Math.sqrt(-2.0 * Math.log(u1));
    spare = radius * Math.sin(2 * Math.PI * u2);
    hasSpare = true;
    return radius * Math.cos(2 * Math.PI * u2);
  }

  /** A uniform int in [0, bound). */
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /**
   * Shuffles the array in place (Fisher–Yates from the last element down, one {@link #nextInt} draw per position),
   * the order {@code fit}'s batches and {@code Dataset.split} both use.
   */
  public void shuffle(int[] values) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }

  /** A seed for an independent stream, stable for a given (seed, label) pair. */
  public static long derive(long seed, String label) {
    long h = seed ^ 0x9E3779B97F4A7C15L;
    for (int i = 0; i < label.length(); i++) {
      h = (h ^ label.charAt(i)) * 0x100000001B3L;
    }
    return new SplittableRandom(h).nextLong();
  }
}
