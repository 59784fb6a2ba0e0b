package dev.layerwise.conformance;

import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.TensorValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seeded test data, always rounded to float32 so the float32 TF graph and the float64 reference receive exactly
 * the same numbers.
 */
public final class CaseData {
  private CaseData() {}

  /** Generates {@code n} values. */
  @FunctionalInterface
  public interface Generator {
    float[] generate(SeededRandom random, int n);
  }

  /** U(lo, hi). */
  public static Generator uniform(double lo, double hi) {
    return (r, n) -> {
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = (float) r.nextUniform(lo, hi);
      }
      return v;
    };
  }

  /** U(−hi, −margin) ∪ U(margin, hi), each side equally likely: inputs kept away from a kink at 0. */
  public static Generator awayFromZero(double margin, double hi) {
    return (r, n) -> {
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        double mag = r.nextUniform(margin, hi);
        v[i] = (float) (r.nextUniform() < 0.5 ? -mag : mag);
      }
      return v;
    };
  }

  /** Class indices in [0, classes), as floats. */
  public static Generator classes(int classes) {
    return (r, n) -> {
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = r.nextInt(classes);
      }
      return v;
    };
  }

  /** Rows of one-hot labels ({@code n} values = rows × classes). */
  public static Generator oneHot(int classes) {
    return (r, n) -> {
      float[] v = new float[n];
      for (int row = 0; row < n / classes; row++) {
        v[row * classes + r.nextInt(classes)] = 1;
      }
      return v;
    };
  }

  /** Rows of soft labels that sum to 1 (a random distribution per row). */
  public static Generator distributions(int classes) {
    return (r, n) -> {
      float[] v = new float[n];
      for (int row = 0; row < n / classes; row++) {
        double sum = 0;
        double[] w = new double[classes];
        for (int c = 0; c < classes; c++) {
          w[c] = r.nextUniform(0.05, 1);
          sum += w[c];
        }
        for (int c = 0; c < classes; c++) {
          v[row * classes + c] = (float) (w[c] / sum);
        }
      }
      return v;
    };
  }

  /** Draws the values of one weight, knowing its full name. */
  @FunctionalInterface
  public interface WeightGenerator {
    float[] generate(String name, Shape shape, SeededRandom random);
  }

  /**
   * Every weight from the generator, except variances, which must stay positive: batch normalisation's
   * moving variances and Normalization's variances are drawn from U(0.5, 1.5). Biases are drawn too, so a
   * forgotten bias shows.
   */
  public static WeightGenerator weightsFrom(Generator generator) {
    Generator variance = uniform(0.5, 1.5);
    return (name, shape, r) -> (name.endsWith("variance") ? variance : generator).generate(r, shape.size());
  }

  /** Every weight of a model, from a generator seeded once for the whole model. */
  public static Map<String, TensorValue> weights(ModelSpec spec, long seed, WeightGenerator generator) {
    Map<String, TensorValue> m = new LinkedHashMap<>();
    SeededRandom r = new SeededRandom(seed);
    spec.weightSpecs().forEach((name, w) -> m.put(name, TensorValue.of(w.shape(), generator.generate(name, w.shape(),
        r))));
    return m;
  }

  public static Map<String, TensorValue> weights(ModelSpec spec, long seed, Generator generator) {
    return weights(spec, seed, weightsFrom(generator));
  }

  /** A distinct value for every element, spaced by {@code spacing} and shuffled: no two compare equal. */
  public static Generator shuffledGrid(double spacing) {
    return (r, n) -> {
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = (float) ((i - n / 2.0) * spacing);
      }
      for (int i = n - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        float t = v[i];
        v[i] = v[j];
        v[j] = t;
      }
      return v;
    };
  }

  /** Values drawn from a small set, so exact ties (and exact zeros) are common. */
  public static Generator fromSet(float... values) {
    return (r, n) -> {
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = values[r.nextInt(values.length)];
      }
      return v;
    };
  }

  /** A generator's values with every k-th one replaced by an exact zero (a kink argument). */
  public static Generator withZeros(Generator base, int every) {
    return (r, n) -> {
      float[] v = base.generate(r, n);
      for (int i = 0; i < n; i += every) {
        v[i] = 0;
      }
      return v;
    };
  }

  /** Normal values of a given mean and standard deviation (e.g. the batch-norm stress case, mean 1000). */
  public static Generator normal(double mean, double stddev) {
    return (r, n) -> {
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = (float) (mean + stddev * r.nextGaussian());
      }
      return v;
    };
  }

  public static TensorValue tensor(Shape shape, float[] values) {
    return TensorValue.of(shape, values);
  }
}
