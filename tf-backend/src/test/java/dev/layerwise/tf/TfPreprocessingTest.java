package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.NdValue;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Normalization;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's must-show for preprocessing: a model holding a Normalization adapted on raw training pixels keeps the
 * statistics through fit, the archive and the SavedModel, and the SavedModel fed raw pixels predicts what the
 * model in memory predicts — which is what the same Dense predicts on pixels standardised by hand.
 */
class TfPreprocessingTest {
  private static final int N = 48;
  private static final Shape IMAGE = Shape.of(4, 4, 3);
  @TempDir Path dir;

  /** Raw pixels, 0..255, each channel with its own spread: channel c in [0, 64·(c + 1)). */
  private static float[] pixels() {
    Random r = new Random(16);
    float[] x = new float[N * IMAGE.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(64 * (i % 3 + 1));
    }
    return x;
  }

  private static int[] labels() {
    int[] y = new int[N];
    for (int i = 0; i < N; i++) {
      y[i] = i % 3;
    }
    return y;
  }

  private static TrainingConfig config() {
    return TrainingConfig.of(Optimizer.adam(0.01), Loss.sparseCategoricalCrossentropy().withFromLogits(true));
  }

  @Test
  void anAdaptedNormalizationShipsInTheSavedModelAndFitLeavesItAlone() {
    float[] x = pixels();
    Dataset train = Dataset.withClassLabels(x, IMAGE, labels());
    Normalization norm = Normalization.adaptedTo(train);
    // the statistics by hand: per channel, over every pixel of every image
    double[] mean = new double[3];
    double[] variance = new double[3];
    int perChannel = N * 16;
    for (int i = 0; i < x.length; i++) {
      mean[i % 3] += x[i] / (double) perChannel;
    }
    for (int i = 0; i < x.length; i++) {
      variance[i % 3] += (x[i] - mean[i % 3]) * (x[i] - mean[i % 3]) / perChannel;
    }
    assertArrayEquals(mean, norm.mean(), 1e-9);
    assertArrayEquals(variance, norm.variance(), 1e-7);

    Sequential model = Sequential.of(Input.shape(4, 4, 3), norm, Flatten.create(), Dense.units(3)).withSeed(4);
    try (CompiledModel m = model.compile(TfHarness.tf(), config())) {
      NdValue kernelBefore = m.weight("dense/kernel");
      m.fit(train, FitOptions.builder().epochs(2).batchSize(16).quiet().build());
      assertFalse(kernelBefore.allClose(m.weight("dense/kernel"), 0, 1e-4), "fit trained the Dense");
      assertArrayEquals(toFloats(mean), m.weight("normalization/mean").toFloatArray(), 1e-4f);
      assertArrayEquals(toFloats(variance), m.weight("normalization/variance").toFloatArray(), 1e-2f);
      assertArrayEquals(toFloats(norm.mean()), m.weight("normalization/mean").toFloatArray(), 0,
          "fit never moves the statistics");
      assertArrayEquals(toFloats(norm.variance()), m.weight("normalization/variance").toFloatArray(), 0);

      float[] inMemory = m.predict(train);
      try (TfSavedModel served = TfSavedModel.load(m.exportSavedModel(dir.resolve("export")))) {
        assertClose(inMemory, served.predict(x, N), "SavedModel fed raw pixels");
      }
      try (CompiledModel byHand = Sequential.of(Input.shape(4, 4, 3), Flatten.create(), Dense.units(3))
          .compile(TfHarness.tf(), config())) {
        byHand.setWeights("dense", m.weights("dense"));
        float[] standardised = new float[x.length];
        for (int i = 0; i < x.length; i++) {
          standardised[i] = (float) ((x[i] - mean[i % 3]) / Math.sqrt(variance[i % 3]));
        }
        assertClose(inMemory, byHand.predict(Dataset.featuresOnly(standardised, IMAGE)), "Dense on pixels"
            + " standardised by hand");
      }
      Path archive = dir.resolve("model.lw");
      m.save(archive);
      try (CompiledModel loaded = CompiledModel.load(archive, TfHarness.tf())) {
        assertEquals(m.weights("normalization"), loaded.weights("normalization"));
        assertClose(inMemory, loaded.predict(train), "model loaded from its archive");
      }
    }
  }

  /** Keras's divisor max(√σ², ε): a constant feature (σ² = 0) is divided by 1e-7 on TF too, not by 0. */
  @Test
  void aZeroVarianceDividesByEpsilon() {
    Sequential model = Sequential.of(Input.shape(2), Normalization.of(new double[] {1, 3}, new double[] {0, 4}));
    try (CompiledModel m = model.compile(TfHarness.tf(), TrainingConfig.of(Optimizer.sgd(0.1),
        Loss.meanSquaredError()))) {
      float[] y = m.predict(new float[] {1, 5, 1.5f, 1});
      assertArrayEquals(new float[] {0, 1, 5e6f, -1}, y, 1f);
      assertEquals(5e6f, y[2], 5e6f * 1e-6f);
    }
  }

  private static float[] toFloats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  private static void assertClose(float[] expected, float[] got, String what) {
    assertEquals(expected.length, got.length, what);
    for (int i = 0; i < got.length; i++) {
      assertTrue(Math.abs(expected[i] - got[i]) <= 1e-5 * Math.max(1, Math.abs(expected[i])),
          what + " at " + i + ": expected " + expected[i] + ", got " + got[i]);
    }
  }
}
