package dev.layerwise.doctor;

import dev.layerwise.CompiledModel;
import dev.layerwise.NdValue;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Layer;
import dev.layerwise.spi.LayerNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the three probes of a model at initialisation ({@link ActivationStatistics}, {@link GradientNorms},
 * {@link UpdateRatios}) share: the samples they look at, the activation a layer ends with, norms, number text.
 */
final class Probes {
  /** Samples one probe looks at: enough for a unit's statistics, one batch's cost. */
  static final int SAMPLES = 512;
  /** The seed of the subset drawn, so that a probe measures the same samples every time. */
  private static final long SUBSET_SEED = 18;

  private Probes() {}

  /**
   * Up to {@code n} samples spread over the whole dataset (a seeded random subset, kept in order), not the first
   * {@code n}: data sorted by class would otherwise show one class only.
   */
  static Dataset spread(Dataset data, int n) {
    return sample(data, n, SUBSET_SEED);
  }

  /** Up to {@code n} samples drawn at random with this seed (kept in order), or all of them: every doctor subset. */
  static Dataset sample(Dataset data, int n, long seed) {
    return data.size() <= n ? data : data.split((double) n / data.size(), seed).test();
  }

  /** The activation function a user's layer ends with: its own for Dense, Conv2D and Activation, else LINEAR. */
  static ActivationFn activationOf(Layer layer) {
    if (layer instanceof Dense d) {
      return d.activation();
    }
    if (layer instanceof Conv2D c) {
      return c.activation();
    }
    if (layer instanceof Activation a) {
      return a.function();
    }
    return ActivationFn.LINEAR;
  }

  /** The trainable kernels ({@code dense/kernel}, {@code conv2d/kernel}) by full name, in model order. */
  static List<String> kernels(CompiledModel model) {
    List<String> out = new ArrayList<>();
    for (String name : model.spec().trainableWeightNames()) {
      if (name.endsWith("/kernel")) {
        out.add(name);
      }
    }
    return out;
  }

  /** The Frobenius norm √(Σ v²), scaled by the largest |v| so that large finite values do not overflow. */
  static double norm(NdValue v) {
    return norm(v.toDoubleArray());
  }

  static double norm(double[] values) {
    double max = 0;
    for (double x : values) {
      max = Math.max(max, Math.abs(x));
      if (Double.isNaN(x)) {
        return Double.NaN;
      }
    }
    if (max == 0 || Double.isInfinite(max)) {
      return max;
    }
    double sum = 0;
    for (double x : values) {
      sum += (x / max) * (x / max);
    }
    return max * Math.sqrt(sum);
  }

  /** The Frobenius norm of the difference of two values of one shape. */
  static double distance(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] - b[i];
    }
    return norm(d);
  }

  /** The layer that owns a weight: {@code dense_1} for {@code dense_1/kernel}. */
  static String owner(String weight) {
    return weight.substring(0, weight.lastIndexOf('/'));
  }

  static String g(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }

  static String pct(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
  }

  /** Whether a node is one of the model's outputs (by the user's layer name). */
  static boolean isOutput(CompiledModel model, LayerNode layer) {
    return model.spec().outputNames().contains(layer.name());
  }
}
