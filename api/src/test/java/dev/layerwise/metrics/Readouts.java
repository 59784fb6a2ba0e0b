package dev.layerwise.metrics;

import dev.layerwise.Shape;
import dev.layerwise.losses.Loss;

/** The readouts the metric tests use, by the loss a model would be trained with. */
final class Readouts {
  private Readouts() {}

  /** Softmax probabilities over {@code classes}, one-hot labels. */
  static Readout oneHot(int classes) {
    return Readout.of(Loss.categoricalCrossentropy(), Shape.of(classes));
  }

  /** Softmax probabilities over {@code classes}, class-index labels. */
  static Readout sparse(int classes) {
    return Readout.of(Loss.sparseCategoricalCrossentropy(), Shape.of(classes));
  }

  /** {@code units} sigmoid probabilities, 0/1 labels. */
  static Readout sigmoid(int units) {
    return Readout.of(Loss.binaryCrossentropy(), Shape.of(units));
  }

  /** {@code units} logits of a binary cross-entropy model. */
  static Readout binaryLogits(int units) {
    return Readout.of(Loss.binaryCrossentropy().withFromLogits(true), Shape.of(units));
  }

  static Readout regression(int units) {
    return Readout.of(Loss.meanSquaredError(), Shape.of(units));
  }

  /** Feeds one batch and reads the result. */
  static double oneShot(Metric metric, Readout readout, float[] outputs, float[] labels, int n) {
    MetricAccumulator a = metric.accumulator(readout);
    a.update(outputs, labels, n);
    return a.result();
  }

  /** Each sample repeated as often as its (integer) weight: Keras's weighted tests without weights. */
  static float[] repeat(float[] values, int perSample, int... weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    float[] out = new float[total * perSample];
    int at = 0;
    for (int i = 0; i < weights.length; i++) {
      for (int r = 0; r < weights[i]; r++) {
        System.arraycopy(values, i * perSample, out, at, perSample);
        at += perSample;
      }
    }
    return out;
  }
}
