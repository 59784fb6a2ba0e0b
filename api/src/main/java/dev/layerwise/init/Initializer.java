package dev.layerwise.init;

import dev.layerwise.NdValue;
import dev.layerwise.Shape;

/**
 * How a weight's initial values are drawn. Values are computed in Java from a seed, so every backend starts
 * from identical weights (the model rounds them to float32 before handing them out). Defaults follow Keras:
 * Glorot-uniform kernels, zero biases.
 *
 * <p>Why not zeros everywhere: with all weights equal every unit of a layer computes the same output and gets
 * the same gradient, so they stay equal forever (the symmetry trap); biases may start at zero, kernels must not.
 * Why the variance matters: with {@code N(0, σ²)} weights a unit's pre-activation has variance
 * {@code fanIn·σ²·Var(x)}; too small and activations shrink layer after layer to 0, too large and tanh units
 * saturate at ±1. Glorot ({@code Var(w) = 2/(fanIn+fanOut)}) keeps the variance for tanh-like units; He
 * ({@code 2/fanIn}) for ReLU, which zeroes half its inputs; LeCun ({@code 1/fanIn}) for SELU.
 */
public sealed interface Initializer
    permits Zeros, Ones, Constant, RandomNormal, RandomUniform, TruncatedNormal, GlorotNormal, GlorotUniform,
        HeNormal, HeUniform, LecunNormal, LecunUniform, FromArray {

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

  /** All ones (batch normalisation's γ and moving variance). */
  static Initializer ones() {
    return new Ones();
  }

  static Initializer constant(double value) {
    return new Constant(value);
  }

  /**
   * Exactly the given values, for a weight of their shape (e.g. weights computed elsewhere, or a hand-made example):
   * {@code Dense.units(2).withKernelInitializer(Initializer.fromArray(NdValue.fromArray(new float[][] {{1, 2}, {3,
   * 4}})))}. A layer whose weight has another shape is refused when the model is built. A float32 model rounds the
   * values to float32; a float64 model keeps them.
   *
   * @throws IllegalArgumentException if a value is NaN or infinite
   */
  static Initializer fromArray(NdValue values) {
    return new FromArray(values.shape(), values.toDoubleArray());
  }

  /** {@code N(mean, stddev²)}; Keras's default is {@code stddev = 0.05}, the notes' "small random" is 0.01. */
  static Initializer randomNormal(double mean, double stddev) {
    return new RandomNormal(mean, stddev);
  }

  /** {@code N(0, stddev²)}. */
  static Initializer randomNormal(double stddev) {
    return new RandomNormal(0, stddev);
  }

  /** {@code U(minval, maxval)}; Keras's default is ±0.05. */
  static Initializer randomUniform(double minval, double maxval) {
    return new RandomUniform(minval, maxval);
  }

  /** {@code N(mean, stddev²)} with draws beyond two standard deviations redrawn. */
  static Initializer truncatedNormal(double mean, double stddev) {
    return new TruncatedNormal(mean, stddev);
  }

  /** Glorot/Xavier uniform: {@code U(−l, l)}, {@code l = √(6 / (fanIn + fanOut))}. Keras's kernel default. */
  static Initializer glorotUniform() {
    return new GlorotUniform();
  }

  /** Glorot/Xavier normal: truncated normal with {@code Var = 2 / (fanIn + fanOut)}. */
  static Initializer glorotNormal() {
    return new GlorotNormal();
  }

  /** He normal: truncated normal with {@code Var = 2 / fanIn}, for ReLU layers. */
  static Initializer heNormal() {
    return new HeNormal();
  }

  /** He uniform: {@code U(−l, l)}, {@code l = √(6 / fanIn)}. */
  static Initializer heUniform() {
    return new HeUniform();
  }

  /** LeCun normal: truncated normal with {@code Var = 1 / fanIn}, for SELU networks. */
  static Initializer lecunNormal() {
    return new LecunNormal();
  }

  /** LeCun uniform: {@code U(−l, l)}, {@code l = √(3 / fanIn)}. */
  static Initializer lecunUniform() {
    return new LecunUniform();
  }
}
