package dev.layerwise.reference;

import dev.layerwise.TrainingConfig;
import dev.layerwise.layers.Layer;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.TensorValue;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small models and batches for the model-level tests. */
final class RefModels {
  private RefModels() {}

  static RefModel compile(Optimizer optimizer, Loss loss, Layer... layers) {
    ModelSpec spec = ModelSpec.chain("tiny", List.of(layers));
    RefModel model = (RefModel) new RefBackend().compile(spec, TrainingConfig.of(optimizer, loss));
    model.setWeights(spec.initialWeights(42));
    return model;
  }

  /** Random float values in [lo, hi). */
  static float[] floats(Random random, int n, double lo, double hi) {
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) (lo + (hi - lo) * random.nextDouble());
    }
    return f;
  }

  /** Class labels in [0, classes), as floats. */
  static float[] classes(Random random, int n, int classes) {
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = random.nextInt(classes);
    }
    return f;
  }

  /** A learnable regression on 3 features: y = (x0 + x1, x1 − 2·x2). */
  static Batch regressionBatch(int n, long seed) {
    Random r = new Random(seed);
    float[] x = floats(r, n * 3, -1, 1);
    float[] y = new float[n * 2];
    for (int i = 0; i < n; i++) {
      y[2 * i] = x[3 * i] + x[3 * i + 1];
      y[2 * i + 1] = x[3 * i + 1] - 2 * x[3 * i + 2];
    }
    return new Batch(x, y, n);
  }

  static Batch batch(float[] x, float[] y, int size) {
    return new Batch(x, y, size);
  }

  /** A copy of the weights with one value replaced. */
  static Map<String, TensorValue> with(Map<String, TensorValue> weights, String name, int index, double value) {
    var copy = new java.util.LinkedHashMap<>(weights);
    TensorValue t = weights.get(name).copy();
    t.data()[index] = value;
    copy.put(name, t);
    return copy;
  }
}
