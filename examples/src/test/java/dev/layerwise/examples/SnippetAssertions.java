package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Model;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.WeightSpec;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.List;

/** What the {@code *SnippetsTest} classes share: looking into built models, random data, predictions. */
final class SnippetAssertions {
  private SnippetAssertions() {}

  /** The weights a model's layer owns, as the layer lists them for the input it is applied to. */
  static List<WeightSpec> weights(Model m, String layer) {
    return m.layer(layer).weights(m.output(layer).inbound().get(0).shape());
  }

  static long parameterCount(Model m, String layer) {
    return weights(m, layer).stream().mapToLong(w -> w.shape().size()).sum();
  }

  /** The per-sample shape of a layer's output. */
  static Shape outputShape(Model m, String layer) {
    return m.output(layer).shape();
  }

  static WeightSpec weight(Layer layer, Shape input, String name) {
    return layer.weights(input).stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
  }

  /** n samples of the given shape, N(0, 1), with one of {@code classes} labels each. */
  static Dataset random(int n, Shape shape, int classes, long seed) {
    SeededRandom r = new SeededRandom(seed);
    float[] x = new float[n * shape.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(classes);
    }
    return Dataset.withClassLabels(x, shape, y);
  }

  /** The untrained model's output for {@code x}. */
  static float[] predict(Backend backend, Sequential model, float[] x) {
    try (CompiledModel m = model.compile(backend, Optimizer.sgd(0.01), Loss.meanSquaredError())) {
      return m.predict(x);
    }
  }

  /** Equal within {@code tolerance}, relative to the expected value where that exceeds 1. */
  static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])), what + " at " + i);
    }
  }
}
