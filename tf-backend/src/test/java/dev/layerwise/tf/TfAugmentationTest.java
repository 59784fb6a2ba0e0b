package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.ForwardOptions;
import dev.layerwise.NdValue;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.FlipMode;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.RandomContrast;
import dev.layerwise.layers.RandomCrop;
import dev.layerwise.layers.RandomFlip;
import dev.layerwise.layers.RandomTranslation;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Augmentation on TF outside training: predict, evaluate, the archive and the exported SavedModel all skip it (the
 * crop takes its centred window, resized), while fit's steps do augment.
 */
class TfAugmentationTest {
  private static final int N = 8;
  private static final Shape IMAGE = Shape.of(6, 6, 1);
  @TempDir Path dir;

  private static Sequential model() {
    return Sequential.of(Input.shape(6, 6, 1), RandomFlip.of(FlipMode.HORIZONTAL), RandomTranslation.of(0.2, 0.2),
        RandomContrast.of(0.3).withValueRange(-10, 10), RandomCrop.of(4, 4).withPadding(1), Flatten.create(),
        Dense.units(3)).withSeed(5);
  }

  private static final float[] X = pixels();

  private static float[] pixels() {
    Random r = new Random(3);
    float[] x = new float[N * IMAGE.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextFloat();
    }
    return x;
  }

  private static Dataset data() {
    float[] x = X;
    int[] labels = new int[N];
    for (int i = 0; i < N; i++) {
      labels[i] = i % 3;
    }
    return Dataset.withClassLabels(x, IMAGE, labels);
  }

  private static TrainingConfig config() {
    return TrainingConfig.of(Optimizer.sgd(0.1), Loss.sparseCategoricalCrossentropy().withFromLogits(true));
  }

  @Test
  void predictEvaluateTheArchiveAndTheSavedModelSkipAugmentation() {
    Dataset data = data();
    try (CompiledModel m = model().compile(TfHarness.tf(), config())) {
      m.fit(data, FitOptions.builder().epochs(2).batchSize(4).quiet().build());
      float[] predicted = m.predict(data);
      // inference passes the image through the flip, translation and contrast; the crop, as Keras, takes the largest
      // centred window of its 1:1 aspect, here the whole 6 × 6 image, and resizes it to 4 × 4
      NdValue x = m.forward(data, ForwardOptions.inference().withLayerOutputs("random_contrast", "random_crop"))
          .layerOutput("random_contrast");
      assertArrayEquals(X, x.toFloatArray(), 0f);
      try (CompiledModel plain = Sequential.of(Input.shape(6, 6, 1), dev.layerwise.layers.Resizing.to(4, 4),
          Flatten.create(), Dense.units(3)).compile(TfHarness.tf(), config())) {
        plain.setWeights("dense", m.weights("dense"));
        assertArrayEquals(plain.predict(data), predicted, 1e-6f, "predict = the model without augmentation");
        assertEquals(plain.evaluate(data).loss(), m.evaluate(data).loss(), 1e-6, "evaluate likewise");
      }
      float[] augmented = m.forward(data, ForwardOptions.training()).output().toFloatArray();
      assertFalse(java.util.Arrays.equals(augmented, predicted), "a training pass augments");
      try (TfSavedModel served = TfSavedModel.load(m.exportSavedModel(dir.resolve("export")))) {
        assertArrayEquals(predicted, served.predict(X, N), 1e-6f,
            "the SavedModel fed x gives predict(x)");
      }
      Path archive = dir.resolve("augmented.layerwise");
      m.save(archive);
      try (CompiledModel loaded = CompiledModel.load(archive, TfHarness.tf())) {
        assertEquals(m.spec().nodes(), loaded.spec().nodes(), "every layer's config comes back");
        assertArrayEquals(predicted, loaded.predict(data), 0f);
      }
    }
  }
}
