package dev.layerwise.examples.cli;

import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.losses.BinaryCrossentropy;
import dev.layerwise.losses.CategoricalCrossentropy;
import dev.layerwise.losses.CategoricalHinge;
import dev.layerwise.losses.KLDivergence;
import dev.layerwise.losses.Loss;
import dev.layerwise.losses.SparseCategoricalCrossentropy;
import dev.layerwise.spi.ModelSpec;

/**
 * Data to gradient-check a saved model on, when the command line has only the model: standard-normal features of
 * the model's input shape with labels the loss takes (class indices, one-hot rows, 0/1 targets or normal targets),
 * or the first Fashion-MNIST training images reshaped to the model's input.
 */
final class CheckData {
  private CheckData() {}

  static Dataset random(ModelSpec spec, Loss loss, int samples, long seed) {
    long values = (long) samples * spec.inputShape().size();
    if (values > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("--samples " + samples + ": that many inputs of shape " + spec.inputShape()
          + " are " + values + " values, more than one Java array holds; take fewer samples");
    }
    SeededRandom random = new SeededRandom(seed);
    float[] x = new float[(int) values];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    Shape out = spec.outputShape();
    if (loss instanceof SparseCategoricalCrossentropy) {
      int[] labels = new int[samples];
      for (int i = 0; i < samples; i++) {
        labels[i] = random.nextInt(out.last());
      }
      return Dataset.withClassLabels(x, spec.inputShape(), labels);
    }
    Shape labelShape = loss.labelShape(out);
    float[] y = new float[samples * labelShape.size()];
    if (loss instanceof CategoricalCrossentropy || loss instanceof KLDivergence || loss instanceof CategoricalHinge) {
      int classes = labelShape.last();
      for (int row = 0; row < y.length / classes; row++) {
        y[row * classes + random.nextInt(classes)] = 1;
      }
    } else {
      for (int i = 0; i < y.length; i++) {
        y[i] = loss instanceof BinaryCrossentropy ? random.nextInt(2) : (float) random.nextGaussian();
      }
    }
    return Dataset.of(x, spec.inputShape(), y, labelShape);
  }

  /** Fashion-MNIST's training images (784 values each) in the model's input shape. */
  static Dataset fashionMnist(ModelSpec spec) {
    if (spec.inputShape().size() != 28 * 28) {
      throw new IllegalArgumentException("--data fashion-mnist: the model's input " + spec.inputShape() + " holds "
          + spec.inputShape().size() + " values; a Fashion-MNIST image holds 784 (28 × 28). Use --data random.");
    }
    return FashionMnist.load(FashionMnist.defaultDirectory()).train().withFeatureShape(spec.inputShape());
  }
}
