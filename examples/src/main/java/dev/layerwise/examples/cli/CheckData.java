package dev.layerwise.examples.cli;

import dev.layerwise.Model;
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

/**
 * Data to gradient-check a saved model on, when the command line has only the model: standard-normal features of
 * the model's input shape with labels the loss takes (class indices, one-hot rows, 0/1 targets or normal targets),
 * or the first Fashion-MNIST training images reshaped to the model's input.
 */
final class CheckData {
  private CheckData() {}

  static Dataset random(Model model, Loss loss, int samples, long seed) {
    Shape in = model.inputs().get(0).shape();
    long values = (long) samples * in.size();
    if (values > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("--samples " + samples + ": that many inputs of shape " + in
          + " are " + values + " values, more than one Java array holds; take fewer samples");
    }
    SeededRandom random = new SeededRandom(seed);
    float[] x = new float[(int) values];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    Shape out = model.outputs().get(0).shape();
    if (loss instanceof SparseCategoricalCrossentropy) {
      int[] labels = new int[samples];
      for (int i = 0; i < samples; i++) {
        labels[i] = random.nextInt(out.last());
      }
      return Dataset.withClassLabels(x, in, labels);
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
    return Dataset.of(x, in, y, labelShape);
  }

  /** Fashion-MNIST's training images (784 values each) in the model's input shape. */
  static Dataset fashionMnist(Model model) {
    Shape in = model.inputs().get(0).shape();
    if (in.size() != 28 * 28) {
      throw new IllegalArgumentException("--data fashion-mnist: the model's input " + in + " holds " + in.size()
          + " values; a Fashion-MNIST image holds 784 (28 × 28). Use --data random.");
    }
    return FashionMnist.load(FashionMnist.defaultDirectory()).train().withFeatureShape(in);
  }
}
