package dev.layerwise.testing;

import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;

/** Small generated datasets for unit tests: learnable, seeded, float32. */
public final class SyntheticData {
  private SyntheticData() {}

  /**
   * Points in {@code features} dimensions labelled by a random linear teacher: class = argmax(x·T). Linearly
   * separable, so a small MLP reaches high accuracy quickly.
   */
  public static Dataset classification(int n, int features, int classes, long seed) {
    SeededRandom r = new SeededRandom(seed);
    double[] teacher = new double[features * classes];
    for (int i = 0; i < teacher.length; i++) {
      teacher[i] = r.nextGaussian();
    }
    float[] x = new float[n * features];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < features; j++) {
        x[i * features + j] = (float) r.nextGaussian();
      }
      int best = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        double s = 0;
        for (int j = 0; j < features; j++) {
          s += x[i * features + j] * teacher[j * classes + c];
        }
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      labels[i] = best;
    }
    return Dataset.withClassLabels(x, Shape.of(features), labels);
  }

  /** Regression targets {@code y = sin(x·a) + 0.5·x·b} with {@code outputs} columns. */
  public static Dataset regression(int n, int features, int outputs, long seed) {
    SeededRandom r = new SeededRandom(seed);
    double[] a = new double[features * outputs];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextGaussian() / Math.sqrt(features);
    }
    float[] x = new float[n * features];
    float[] y = new float[n * outputs];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < features; j++) {
        x[i * features + j] = (float) r.nextUniform(-1, 1);
      }
      for (int k = 0; k < outputs; k++) {
        double s = 0;
        for (int j = 0; j < features; j++) {
          s += x[i * features + j] * a[j * outputs + k];
        }
        y[i * outputs + k] = (float) (Math.sin(2 * s) + 0.5 * s);
      }
    }
    return Dataset.of(x, Shape.of(features), y, Shape.of(outputs));
  }
}
