package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.layers.Layer;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.TensorValue;
import java.util.Arrays;
import java.util.Map;

/**
 * Shared helpers for the layer tests: compile a small model on the TF backend, set weights, run it, compare with
 * expectations the tests compute from each layer's formula.
 */
final class TfHarness {
  /** Float32 results of O(1) values: a few ulps of accumulated rounding. */
  static final double F32 = 2e-6;
  /** Float64 results. */
  static final double F64 = 1e-12;

  private TfHarness() {}

  static double tolerance(DType dtype) {
    return dtype == DType.FLOAT64 ? F64 : F32;
  }

  static Backend tf() {
    return Backend.named("tensorflow");
  }

  /** A model of the given layers (the first an Input), MSE loss, SGD, seed 1. */
  static CompiledModel compile(DType dtype, Layer... layers) {
    return Sequential.of(layers).withSeed(1).compile(tf(),
        TrainingConfig.of(Optimizer.sgd(0.1), Loss.meanSquaredError()).withDType(dtype));
  }

  /** A labelled batch (zero labels of the output's size) with the given masks. */
  static Batch batch(CompiledModel m, float[] x, Map<String, float[]> masks) {
    int n = x.length / m.spec().inputShape().size();
    return new Batch(x, new float[n * m.spec().outputShape().size()], n, masks);
  }

  static Batch batch(CompiledModel m, float[] x) {
    return batch(m, x, Map.of());
  }

  static TensorValue forward(CompiledModel m, float[] x, boolean training, Map<String, float[]> masks) {
    return m.backendModel().forward(batch(m, x, masks), training);
  }

  /** The inference-mode output. */
  static TensorValue infer(CompiledModel m, float[] x) {
    return forward(m, x, false, Map.of());
  }

  static void set(CompiledModel m, String weight, Shape shape, double... values) {
    m.backendModel().setWeights(Map.of(weight, new TensorValue(shape, values)));
  }

  static TensorValue ones(Shape shape) {
    double[] d = new double[shape.size()];
    Arrays.fill(d, 1);
    return new TensorValue(shape, d);
  }

  static float[] floats(double... values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  /** Each value to within {@code tol·max(1, |expected|)}. */
  static void assertClose(double[] expected, double[] got, double tol, String what) {
    assertEquals(expected.length, got.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      double err = Math.abs(got[i] - expected[i]);
      assertTrue(err <= tol * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]: expected " + expected[i]
          + ", got " + got[i] + " (all: " + Arrays.toString(got) + ")");
    }
  }

  static void assertClose(double[] expected, TensorValue got, Shape shape, double tol, String what) {
    assertEquals(shape, got.shape(), what + ": shape");
    assertClose(expected, got.data(), tol, what);
  }
}
