package dev.layerwise.tuning;

import java.util.Random;

/**
 * Per-trial random streams. Trial {@code number} of a strategy seeded with {@code seed} samples its hyperparameters
 * from its own stream, so a trial's values do not depend on how many trials were drawn before it or in which batch.
 */
final class Seeds {
  private Seeds() {}

  /** SplitMix64's finaliser over seed and number: neighbouring numbers give unrelated streams. */
  static long mix(long seed, long number) {
    long z = seed + (number + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static Random forTrial(long seed, int number) {
    return new Random(mix(seed, number));
  }
}
