package dev.layerwise.conformance.keras;

import dev.layerwise.Backend;
import dev.layerwise.DType;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.TensorValue;
import java.util.List;
import java.util.Map;

/**
 * What Keras's optimizer tests do to a variable, done to one weight of a backend: a {@code Dense} without bias from
 * one input, whose kernel [1, n] stands for Keras's variable of n values, set to the test's values and updated
 * through {@code applyGradients} with the test's gradients — in float32 on TF, as Keras computes, and in the
 * reference backend's float64.
 */
final class KerasOptimizerRun {
  private KerasOptimizerRun() {}

  private static DType dtype(String backend) {
    return backend.equals("tensorflow") ? DType.FLOAT32 : DType.FLOAT64;
  }

  /**
   * Applies the gradients in order, update t at {@code learningRate.at(t − 1)}, starting from fresh slots, and
   * returns the variable after each update, concatenated.
   */
  static double[] steps(String backend, Optimizer optimizer, double[] initial, List<double[]> gradients) {
    int n = initial.length;
    double[] out = new double[n * gradients.size()];
    ModelSpec spec = ModelSpec.chain("keras_variable", List.<Layer>of(Input.shape(1),
        Dense.units(n).withUseBias(false)));
    String kernel = spec.trainableWeightNames().get(0);
    try (BackendModel m = Backend.named(backend).compile(spec, new TrainingConfig(optimizer, Loss.meanSquaredError(),
        List.of(), dtype(backend)))) {
      m.setWeights(Map.of(kernel, new TensorValue(Shape.of(1, n), initial.clone())));
      for (int t = 1; t <= gradients.size(); t++) {
        m.applyGradients(Map.of(kernel, TensorValue.of(Shape.of(1, n), toFloats(gradients.get(t - 1)))),
            optimizer.learningRate().at(t - 1), t);
        System.arraycopy(m.weights().get(kernel).data(), 0, out, (t - 1) * n, n);
      }
    }
    return out;
  }

  /**
   * Keras's {@code test_weight_decay}: three fresh optimizers, one after the other, each take one update with a zero
   * gradient on the same variable; returns the variable at the end.
   */
  static double[] threeFreshOptimizers(String backend, Optimizer optimizer, double initial) {
    double[] w = {initial};
    for (int k = 0; k < 3; k++) {
      w = steps(backend, optimizer, w, List.of(new double[1]));
    }
    return w;
  }

  /** Keras's gradients are float32 tensors ({@code ops.arange(0.1, 1.1, 0.1)}): the values as float32 holds them. */
  private static float[] toFloats(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }
}
