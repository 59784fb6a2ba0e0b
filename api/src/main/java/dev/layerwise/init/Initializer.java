package dev.layerwise.init;

import dev.layerwise.Shape;

/**
 * How a weight's initial values are drawn. Values are computed in Java from a seed, so every backend starts
 * from identical weights (the model rounds them to float32 before handing them out).
 *
 * <p>Why not zeros everywhere: with all weights equal every unit of a layer computes the same output and gets
 * the same gradient, so they stay equal forever (the symmetry trap); biases may start at zero, kernels must not.
 * Why the variance matters: with {@code N(0, σ²)} weights a unit's pre-activation has variance
 * {@code fanIn·σ²·Var(x)}; Glorot keeps it ≈ 1 for tanh-like units, He for ReLU (which zeroes half its inputs).
 */
public sealed interface Initializer permits Zeros, RandomNormal, GlorotUniform, HeNormal {

  /**
   * Draws values for a weight of the given shape.
   *
   * @return {@code shape.size()} values in row-major order
   */
  double[] sample(Shape shape, SeededRandom random);

  /** All zeros: the right start for biases, the symmetry trap for kernels. */
  static Initializer zeros() {
    return new Zeros();
  }

  /** {@code N(mean, stddev²)}; Keras's default is {@code stddev = 0.05}, the notes' "small random" is 0.01. */
  static Initializer randomNormal(double mean, double stddev) {
    return new RandomNormal(mean, stddev);
  }

  /** {@code N(0, stddev²)}. */
  static Initializer randomNormal(double stddev) {
    return new RandomNormal(0, stddev);
  }

  /** Glorot/Xavier uniform: {@code U(−l, l)} with {@code l = √(6 / (fanIn + fanOut))}. Keras's kernel default. */
  static Initializer glorotUniform() {
    return new GlorotUniform();
  }

  /** He normal: {@code N(0, 2 / fanIn)}, for ReLU layers. */
  static Initializer heNormal() {
    return new HeNormal();
  }
}
