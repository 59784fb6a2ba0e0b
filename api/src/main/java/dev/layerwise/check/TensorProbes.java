package dev.layerwise.check;

import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Compares one tensor's backward-pass gradient g with central differences of an objective of the compiled model:
 * two directional derivatives, then, if either disagrees, an evenly spaced subset of the elements.
 */
final class TensorProbes {
  /**
   * The first step along a unit direction or for one element, relative to max(1, |θ|): in float64 it leaves the
   * h² truncation error near 1e-10 and the roundoff of the loss divided by h near 1e-9.
   */
  private static final double STEP = 1e-5;

  private final BackendModel model;
  private final double rtol;
  private final int elementsPerTensor;
  private final long seed;

  TensorProbes(BackendModel model, double rtol, int elementsPerTensor, long seed) {
    this.model = model;
    this.rtol = rtol;
    this.elementsPerTensor = elementsPerTensor;
    this.seed = seed;
  }

  /**
   * @param name the weight's full name
   * @param objectiveName how the report names the objective
   * @param theta the weight's value to differentiate at (restored afterwards)
   * @param gradient the backward pass's gradient of the objective with respect to it
   * @param objective the objective, evaluated with whatever value of the weight is installed
   */
  ParameterCheck check(String name, String objectiveName, TensorValue theta, TensorValue gradient,
      DoubleSupplier objective) {
    double[] g = gradient.data();
    double norm = norm(g);
    double scaleStep = STEP * Math.max(1, maxAbs(theta.data()));
    List<ParameterCheck.Probe> directions = new ArrayList<>();
    try {
      if (norm > 0) {
        double[] along = g.clone();
        scale(along, 1 / norm);
        directions.add(probe(name, "along ĝ", -1, theta, along, norm, norm, scaleStep, objective));
      }
      double[] r = randomUnit(g.length, SeededRandom.derive(seed, name));
      directions.add(probe(name, "along r", -1, theta, r, dot(g, r), norm, scaleStep, objective));
      List<ParameterCheck.Probe> elements = new ArrayList<>();
      if (directions.stream().anyMatch(p -> !p.agrees())) {
        double gMax = maxAbs(g);
        for (int i : evenlySpaced(g.length, elementsPerTensor)) {
          double[] e = new double[g.length];
          e[i] = 1;
          double step = STEP * Math.max(1, Math.abs(theta.data()[i]));
          elements.add(probe(name, index(theta.shape(), i), i, theta, e, g[i],
              Math.max(Math.abs(g[i]), 1e-3 * gMax), step, objective));
        }
      }
      int slash = name.lastIndexOf('/');
      return new ParameterCheck(name.substring(0, slash), name.substring(slash + 1), objectiveName, theta.shape(),
          ParameterCheck.verdict(directions, elements), directions, elements);
    } finally {
      model.setWeights(Map.of(name, theta));
    }
  }

  /** One comparison along d: the weight is moved to θ + t·d for each t the differences need. */
  private ParameterCheck.Probe probe(String name, String what, int flatIndex, TensorValue theta, double[] d,
      double analytic, double scale, double step, DoubleSupplier objective) {
    CentralDifference.Result r = CentralDifference.slope(t -> {
      double[] moved = theta.data().clone();
      for (int i = 0; i < moved.length; i++) {
        moved[i] += t * d[i];
      }
      model.setWeights(Map.of(name, new TensorValue(theta.shape(), moved)));
      return objective.getAsDouble();
    }, analytic, scale, step, rtol);
    return new ParameterCheck.Probe(what, flatIndex, analytic, r.numeric(), r.step(), r.retries(), r.kinkAtPoint(),
        r.tolerance(), r.agrees());
  }

  static int[] evenlySpaced(int size, int count) {
    int k = Math.min(size, count);
    int[] idx = new int[k];
    for (int j = 0; j < k; j++) {
      idx[j] = (int) (((long) j * size + size / 2) / k) % size;
    }
    return idx;
  }

  /** {@code [i, j, …]} for a row-major flat index. */
  static String index(Shape shape, int flat) {
    int[] dims = shape.dims();
    int[] at = new int[dims.length];
    for (int a = dims.length - 1; a >= 0; a--) {
      at[a] = flat % dims[a];
      flat /= dims[a];
    }
    return java.util.Arrays.toString(at);
  }

  private static double[] randomUnit(int n, long seed) {
    SeededRandom random = new SeededRandom(seed);
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = random.nextGaussian();
    }
    scale(r, 1 / norm(r));
    return r;
  }

  private static double norm(double[] v) {
    return Math.sqrt(dot(v, v));
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  private static void scale(double[] v, double s) {
    for (int i = 0; i < v.length; i++) {
      v[i] *= s;
    }
  }
}
