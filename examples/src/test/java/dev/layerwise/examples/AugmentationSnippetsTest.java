package dev.layerwise.examples;

import static dev.layerwise.examples.SnippetAssertions.assertClose;
import static dev.layerwise.examples.SnippetAssertions.outputShape;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.Augmentation;
import dev.layerwise.layers.FillMode;
import dev.layerwise.layers.Interpolation;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.RandomTranslation;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The augmentation samples of {@code docs/preprocessing-and-augmentation.md} ({@link AugmentationSnippets}): they
 * train alike on both backends (the same draws), and predict as the same model without its augmentation layers.
 */
class AugmentationSnippetsTest {

  private static CompiledModel compiled(Sequential model, String backend) {
    return model.compile(Backend.named(backend), Optimizer.sgd(0.01),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true));
  }

  /** The model without its augmentation layers, with the trained model's weights. */
  private static float[] predictWithoutAugmentation(Sequential model, CompiledModel trained, float[] x) {
    List<Layer> kept = model.layers().stream().filter(l -> !(l instanceof Augmentation)).toList();
    try (CompiledModel plain = Sequential.of(kept).compile(Backend.named("tensorflow"), Optimizer.sgd(0.01),
        Loss.meanSquaredError())) {
      plain.setWeights(trained.weights());
      return plain.predict(x);
    }
  }

  private static float[] pixels(Dataset data, Shape image) {
    float[] x = new float[data.size() * image.size()];
    data.copyRange(0, data.size(), x, new float[data.size()]);
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.round(Math.abs(x[i]) * 80) % 256; // whole pixel values in [0, 255]
    }
    return x;
  }

  @Test
  void theClothesModelTrainsAlikeOnBothBackendsAndPredictsWithoutAugmenting() {
    Shape image = Shape.of(28, 28, 1);
    Sequential model = AugmentationSnippets.clothes().withSeed(3);
    float[] x = pixels(SnippetAssertions.random(8, image, 10, 4), image);
    int[] labels = {0, 1, 2, 3, 4, 5, 6, 7};
    Dataset data = Dataset.withClassLabels(x, image, labels);
    try (CompiledModel tf = compiled(model, "tensorflow"); CompiledModel ref = compiled(model, "reference")) {
      FitOptions once = FitOptions.builder().epochs(1).batchSize(4).quiet().build();
      tf.fit(data, once);
      ref.fit(data, once);
      assertClose(ref.weight("dense/kernel").toFloatArray(), tf.weight("dense/kernel").toFloatArray(), 1e-4,
          "Dense kernels after one augmented epoch");
      assertClose(predictWithoutAugmentation(model, tf, x), tf.predict(x), 1e-6, "predict skips augmentation");
    }
  }

  @Test
  void theCifarModelsCropIsTheIdentityAtInference() {
    Shape image = Shape.of(32, 32, 3);
    Sequential model = AugmentationSnippets.cifar().withSeed(5);
    assertEquals(Shape.of(32, 32, 3), outputShape(model, "random_crop"));
    float[] x = pixels(SnippetAssertions.random(2, image, 10, 6), image);
    try (CompiledModel tf = compiled(model, "tensorflow")) {
      assertClose(predictWithoutAugmentation(model, tf, x), tf.predict(x), 1e-6, "predict skips augmentation");
    }
  }

  @Test
  void translationOptionsSetWhatTheCommentsSay() {
    RandomTranslation shift = AugmentationSnippets.translationOptions();
    assertEquals(List.of(-0.2, 0.0, -0.2, 0.2), List.of(shift.heightLower(), shift.heightUpper(), shift.widthLower(),
        shift.widthUpper()));
    assertEquals(FillMode.CONSTANT, shift.fillMode());
    assertEquals(0.0, shift.fillValue());
    assertEquals(Interpolation.BILINEAR, shift.interpolation());
  }
}
