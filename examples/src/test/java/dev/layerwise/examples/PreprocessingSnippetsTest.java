package dev.layerwise.examples;

import static dev.layerwise.examples.SnippetAssertions.assertClose;
import static dev.layerwise.examples.SnippetAssertions.outputShape;
import static dev.layerwise.examples.SnippetAssertions.weights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Rescaling;
import dev.layerwise.layers.Normalization;
import dev.layerwise.layers.WeightSpec;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The samples of {@code docs/preprocessing-and-augmentation.md} ({@link PreprocessingSnippets}) run as described. */
class PreprocessingSnippetsTest {
  private static final Shape IMAGE = Shape.of(28, 28, 1);

  /** Eight 28 × 28 images of raw pixels: image k is the constant 10·k + (row mod 3), k = 0..7. */
  private static Dataset pixels() {
    float[] x = new float[8 * 784];
    int[] y = new int[8];
    for (int k = 0; k < 8; k++) {
      for (int i = 0; i < 784; i++) {
        x[k * 784 + i] = 10 * k + (i / 28) % 3;
      }
      y[k] = k % 10;
    }
    return Dataset.withClassLabels(x, IMAGE, y);
  }

  @Test
  void rescalingOwnsNoWeightsAndBothBackendsAgree() {
    Sequential model = PreprocessingSnippets.rescaling().withSeed(3); // the same initial weights on both
    assertTrue(weights(model, "rescaling").isEmpty());
    float[] x = new float[2 * 784];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 256;
    }
    assertClose(SnippetAssertions.predict(Backend.named("reference"), model, x),
        SnippetAssertions.predict(Backend.named("tensorflow"), model, x), 1e-5, "rescaled predictions");
  }

  /**
   * The adapted statistics by hand: over the 8 images the mean is 10·3.5 + (row mod 3 averaged over 28 rows:
   * 27/28) and the variance 100·Var(k) + Var(row mod 3) = 100·5.25 + (45/28 − (27/28)²); fit leaves them alone.
   */
  @Test
  void theAdaptedStatisticsAreTheTrainingImagesAndFitKeepsThem() {
    Dataset train = pixels();
    Sequential model = PreprocessingSnippets.adapted(train);
    Normalization norm = (Normalization) model.layer("normalization");
    double rowMean = 27 / 28.0;
    assertArrayEquals(new double[] {35 + rowMean}, norm.mean(), 1e-12);
    assertArrayEquals(new double[] {525 + (45 / 28.0 - rowMean * rowMean)}, norm.variance(), 1e-9);
    assertEquals(List.of(false, false), weights(model, "normalization").stream().map(WeightSpec::trainable)
        .toList());
    for (String backend : List.of("reference", "tensorflow")) {
      try (CompiledModel m = model.compile(Backend.named(backend), Optimizer.adam(0.01),
          Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
        m.fit(train, FitOptions.builder().epochs(1).batchSize(4).quiet().build());
        assertEquals((float) norm.mean()[0], m.weight("normalization/mean").getFloat(0), backend);
        assertEquals((float) norm.variance()[0], m.weight("normalization/variance").getFloat(0), backend);
      }
    }
  }

  @Test
  void givenStatisticsAndMeanOnly() {
    Normalization[] n = PreprocessingSnippets.given();
    assertEquals(58.40 * 58.40, n[0].variance()[0], 1e-9);
    assertTrue(n[1].isMeanOnly());
    assertEquals(List.of("mean"), n[1].weights(Shape.of(4, 4, 3)).stream().map(WeightSpec::name).toList());
  }

  @Test
  void resizeThenCropGivesTheModelsSizeOnBothBackends() {
    Sequential model = PreprocessingSnippets.resizeAndCrop().withSeed(3);
    assertEquals(Shape.of(32, 32, 3), outputShape(model, "resizing"));
    assertEquals(Shape.of(28, 28, 3), outputShape(model, "center_crop"));
    float[] x = new float[2 * 36 * 40 * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(i);
    }
    assertClose(SnippetAssertions.predict(Backend.named("reference"), model, x),
        SnippetAssertions.predict(Backend.named("tensorflow"), model, x), 1e-5, "resized and cropped predictions");
  }

  /**
   * The rotation-and-zoom sample trains on both backends (no gradient is asked of the warps), both end with the
   * same weights from the same seed, and prediction skips the augmentation: it equals the model without the two
   * layers given the trained weights.
   */
  @Test
  void rotationAndZoomTrainAlikeOnBothBackendsAndPredictionSkipsThem() {
    Sequential model = PreprocessingSnippets.rotationAndZoom().withSeed(3);
    Dataset train = pixels();
    float[][] kernels = new float[2][];
    int k = 0;
    for (String backend : List.of("reference", "tensorflow")) {
      try (CompiledModel m = model.compile(Backend.named(backend), Optimizer.sgd(0.01),
          Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
        m.fit(train, FitOptions.builder().epochs(1).batchSize(4).seed(7).quiet().build());
        kernels[k++] = m.weight("conv2d/kernel").toFloatArray();
        float[] x = new float[784];
        for (int i = 0; i < x.length; i++) {
          x[i] = i % 256;
        }
        Sequential plain = Sequential.of(Input.shape(28, 28, 1), Rescaling.of(1 / 255.0), Conv2D.of(16, 3),
            Flatten.create(), Dense.units(10));
        try (CompiledModel p = plain.compile(Backend.named(backend), Optimizer.sgd(0.01), Loss.meanSquaredError())) {
          p.setWeights(m.weights());
          assertClose(p.predict(x), m.predict(x), 0, backend + ": prediction without augmentation");
        }
      }
    }
    assertClose(kernels[0], kernels[1], 1e-4, "conv2d/kernel after one epoch on each backend");
  }
}
