package dev.layerwise.examples;

import static dev.layerwise.examples.SnippetAssertions.assertClose;
import static dev.layerwise.examples.SnippetAssertions.outputShape;
import static dev.layerwise.examples.SnippetAssertions.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.Initializer;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.WeightSpec;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.NdValue;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The samples of {@code docs/normalization-and-dropout.md} ({@link NormalizationSnippets}) build and run as the page
 * says.
 */
class NormalizationSnippetsTest {
  @Test
  void theNormalizationSamplesHaveTheDocumentedWeights() {
    Sequential dense = NormalizationSnippets.batchNormDense();
    assertEquals(1, weights(dense, "dense").size(), "no bias before batch norm");
    assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"),
        weights(dense, "batch_normalization").stream().map(WeightSpec::name).toList());
    assertFalse(dense.summary().contains("Note:"));
    assertTrue(NormalizationSnippets.batchNormRedundantBias().summary().contains("Note: Dense 'dense' has a bias"));

    Sequential conv = NormalizationSnippets.batchNormConv();
    BatchNormalization bn = (BatchNormalization) conv.layer("batch_normalization");
    assertEquals(0.9, bn.momentum());
    assertEquals(1e-5, bn.epsilon());
    for (WeightSpec w : weights(conv, "batch_normalization")) {
      assertEquals(Shape.of(32), w.shape(), w.name());
    }
    BatchNormalization defaults = BatchNormalization.create();
    assertEquals(0.99, defaults.momentum());
    assertEquals(1e-3, defaults.epsilon());

    assertEquals(Shape.of(512), outputShape(NormalizationSnippets.dropout(), "dropout"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void batchNormMovesItsStatisticsWithTheBiasedVarianceAndUsesThemAtInference(String name) {
    Backend backend = Backend.named(name);
    int n = 8;
    Dataset batch = Dataset.of(features(n, 11), Shape.of(3), new float[n * 3], Shape.of(3));
    Map<String, NdValue> w = NormalizationSnippets.batchNormMovingStatistics(backend, batch);
    float[] x = features(n, 11);
    for (int c = 0; c < 3; c++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += x[i * 3 + c] / (double) n;
      }
      double biased = 0;
      for (int i = 0; i < n; i++) {
        biased += (x[i * 3 + c] - mean) * (x[i * 3 + c] - mean) / n;
      }
      assertEquals(0.1 * mean, w.get("batch_normalization/moving_mean").getFlat(c), 1e-6, "moving mean " + c);
      assertEquals(0.9 + 0.1 * biased, w.get("batch_normalization/moving_variance").getFlat(c), 1e-6,
          "moving variance " + c + " (Bessel-corrected would be " + (0.9 + 0.1 * biased * n / (n - 1)) + ")");
    }

    // Inference uses the moving statistics (and the updated γ, β), one sample at a time.
    Sequential model = Sequential.of(Input.shape(3), BatchNormalization.create().withMomentum(0.9));
    try (CompiledModel m = model.compile(backend, Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      m.fit(batch, FitOptions.builder().batchSize(n).quiet().build());
      Map<String, NdValue> v = m.weights();
      float[] y = m.predict(x);
      float[] single = m.predict(Arrays.copyOf(x, 3));
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < 3; c++) {
          double expected = v.get("batch_normalization/gamma").getFlat(c)
              * (x[i * 3 + c] - v.get("batch_normalization/moving_mean").getFlat(c))
              / Math.sqrt(v.get("batch_normalization/moving_variance").getFlat(c) + 1e-3)
              + v.get("batch_normalization/beta").getFlat(c);
          assertEquals(expected, y[i * 3 + c], 1e-5, "inference output " + i + "," + c);
        }
      }
      assertClose(Arrays.copyOf(y, 3), single, 1e-6, "a sample alone");
    }
  }

  private static float[] features(int n, long seed) {
    SeededRandom r = new SeededRandom(seed);
    float[] x = new float[n * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (2 + 3 * r.nextGaussian());
    }
    return x;
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void dropoutIsInvertedInTrainingAndTheIdentityAtInference(String name) {
    // y = Dense(1, kernel 1)(Dropout(0.5)(x)) with x = 1: 0 or 2 in training (mean 1), exactly 1 at inference.
    int n = 1000;
    float[] ones = new float[n];
    Arrays.fill(ones, 1f);
    Dataset data = Dataset.of(ones, Shape.of(1), new float[n], Shape.of(1));
    Sequential model = Sequential.of(Input.shape(1), Dropout.rate(0.5),
        Dense.units(1).withUseBias(false).withKernelInitializer(Initializer.ones()));
    try (CompiledModel m = model.compile(Backend.named(name), Optimizer.sgd(1e-9), Loss.meanSquaredError())) {
      assertEquals(1.0, m.evaluate(data).loss(), 1e-9, "inference: y = 1, loss (1 − 0)² = 1");
      float[] y = m.predict(data);
      for (float v : y) {
        assertEquals(1f, v);
      }
      History h = m.fit(data, FitOptions.builder().batchSize(n).quiet().build());
      // training: y² is 4 for a kept unit, 0 for a dropped one; unscaled dropout would give 0.5
      double loss = h.last("loss");
      assertTrue(loss > 1.7 && loss < 2.3, "training loss " + loss + " should be 4·(share kept) ≈ 2");
    }
  }
}
