package dev.layerwise.fitoptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.LossGradients;
import dev.layerwise.NdValue;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.testing.SyntheticData;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sample and class weights on both backends, through the public api: Keras 3's weighted losses
 * ({@code sum_over_batch_size}: the weighted per-sample losses summed and divided by the batch size), with the
 * expected values of Keras's losses_test.py; class weights train exactly as the sample weights they stand for; a
 * weight of 2 pulls the gradient as the sample given twice would, up to the batch-size factor.
 */
class SampleWeightsOnBothBackendsTest {
  /** Keras's assertAlmostEqual in losses_test.py: 3 decimals. */
  private static final double KERAS_DECIMALS = 1e-3;
  /** TF computes in float32 here; the reference in float64. */
  private static final double FLOAT32 = 2e-6;

  /** A model that is only its input: its outputs are the features, so the loss reads them as predictions. */
  private static CompiledModel identity(String backend, int width, Loss loss) {
    return Sequential.of(Input.shape(width)).compile(Backend.named(backend), Optimizer.sgd(0.1), loss);
  }

  private static double weightedLoss(String backend, Loss loss, float[] predictions, float[] labels,
      Shape labelShape, double[] weights) {
    int n = weights.length;
    int width = predictions.length / n;
    try (CompiledModel m = identity(backend, width, loss)) {
      Dataset d = Dataset.of(predictions, Shape.of(width), labels, labelShape).withSampleWeights(weights);
      return m.evaluate(d).loss();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void weightedLossesAreKerasValues(String backend) {
    // MeanSquaredErrorTest.test_sample_weighted: 767.8 / 6
    assertEquals(767.8 / 6, weightedLoss(backend, Loss.meanSquaredError(), new float[] {4, 8, 12, 8, 1, 3},
        new float[] {1, 9, 2, -5, -2, 6}, Shape.of(3), new double[] {1.2, 3.4}), 767.8 / 6 * FLOAT32);
    // CategoricalCrossentropyTest.test_sample_weighted, with logits: 0.31829
    float[] logits = {8, 1, 1, 0, 9, 1, 2, 3, 5};
    double[] w = {1.2, 3.4, 5.6};
    assertEquals(0.31829, weightedLoss(backend, Loss.categoricalCrossentropy().withFromLogits(true), logits,
        new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Shape.of(3), w), KERAS_DECIMALS);
    // SparseCategoricalCrossentropyTest.test_sample_weighted, with logits: the same 0.31829
    assertEquals(0.31829, weightedLoss(backend, Loss.sparseCategoricalCrossentropy().withFromLogits(true), logits,
        new float[] {0, 1, 2}, Shape.scalar(), w), KERAS_DECIMALS);
    // BinaryCrossentropyTest.test_sample_weighted, with logits and weights [4, 3]: 10.0
    assertEquals(10.0, weightedLoss(backend, Loss.binaryCrossentropy().withFromLogits(true),
        new float[] {10, -10, 10, 10, 10, -10}, new float[] {1, 0, 1, 0, 1, 1}, Shape.of(3), new double[] {4, 3}),
        KERAS_DECIMALS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void evaluateIsTheWeightedSumOverTheSampleCountAcrossBatches(String backend) {
    Dataset data = SyntheticData.classification(7, 4, 3, 5);
    double[] w = {0, 0.5, 1, 2, 3, 0.25, 1.5};
    try (CompiledModel m = classifier(backend)) {
      double sum = 0;
      for (int i = 0; i < 7; i++) {
        sum += w[i] * m.evaluate(data.slice(i, i + 1)).loss(); // each sample's own loss
      }
      double weighted = m.evaluate(data.withSampleWeights(w), 3).loss();
      assertEquals(sum / 7, weighted, Math.abs(sum / 7) * 1e-6, "divided by the 7 samples, not by Σw = 8.25");
    }
  }

  private static CompiledModel classifier(String backend) {
    return Sequential.of(Input.shape(4), Dense.units(5).withActivation(ActivationFn.TANH), Dense.units(3))
        .withSeed(7).compile(Backend.named(backend), Optimizer.adam(0.05),
            Loss.sparseCategoricalCrossentropy().withFromLogits(true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void classWeightsTrainExactlyAsTheirSampleWeights(String backend) {
    Dataset data = SyntheticData.classification(24, 4, 3, 9);
    Map<Integer, Double> byClass = Map.of(0, 0.5, 1, 2.0, 2, 1.0);
    double[] perSample = new double[24];
    for (int i = 0; i < 24; i++) {
      perSample[i] = byClass.get((int) data.label(i, 0));
    }
    FitOptions.Builder options = FitOptions.builder().epochs(2).batchSize(8).quiet();
    try (CompiledModel byClassWeight = classifier(backend); CompiledModel bySampleWeight = classifier(backend);
        CompiledModel unweighted = classifier(backend)) {
      var h1 = byClassWeight.fit(data, options.classWeight(byClass).build());
      var h2 = bySampleWeight.fit(data.withSampleWeights(perSample), options.classWeight(Map.of()).build());
      var h3 = unweighted.fit(data, options.build());
      assertEquals(h2.last("loss"), h1.last("loss"), 0.0);
      byClassWeight.weights().forEach((name, v) ->
          assertEquals(bySampleWeight.weight(name), v, backend + " " + name));
      assertTrue(h3.last("loss") != h1.last("loss"), "the weights change training");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void weightTwoPullsAsTheSampleTwiceScaledByTheBatchSize(String backend) {
    Dataset three = SyntheticData.classification(3, 4, 3, 13);
    float[] x = new float[4 * 4];
    float[] y = new float[4];
    for (int r = 0; r < 4; r++) { // samples 0, 0, 1, 2
      int i = Math.max(0, r - 1);
      for (int j = 0; j < 4; j++) {
        x[4 * r + j] = three.feature(i, j);
      }
      y[r] = three.label(i, 0);
    }
    Dataset duplicated = Dataset.of(x, Shape.of(4), y, Shape.scalar());
    try (CompiledModel m = classifier(backend)) {
      LossGradients weighted = m.gradients(three.withSampleWeights(new double[] {2, 1, 1}));
      LossGradients twice = m.gradients(duplicated);
      // (2ℓ₀ + ℓ₁ + ℓ₂)/3 against (2ℓ₀ + ℓ₁ + ℓ₂)/4: the same direction, 4/3 as long
      assertEquals(4.0 / 3 * twice.loss(), weighted.loss(), 1e-6 * weighted.loss());
      for (String name : m.weightNames()) {
        float[] a = weighted.weight(name).toFloatArray();
        float[] b = twice.weight(name).toFloatArray();
        for (int i = 0; i < a.length; i++) {
          assertEquals(4.0 / 3 * b[i], a[i], 1e-5 * (1 + Math.abs(a[i])), backend + " " + name + "[" + i + "]");
        }
      }
    }
  }
}
