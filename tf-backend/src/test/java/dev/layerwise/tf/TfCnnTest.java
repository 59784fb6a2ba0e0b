package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.SavedModelExport;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.Padding;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.regularizers.Regularizer;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.testing.SyntheticData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small CNN end to end: Conv2D → BN → ReLU → MaxPool → Flatten → Dropout → Dense, trained with fit. */
class TfCnnTest {
  @TempDir Path dir;

  private static Sequential cnn() {
    return Sequential.of(Input.shape(8, 8, 1),
        Conv2D.of(4, 3).withPadding(Padding.SAME).withUseBias(false)
            .withKernelRegularizer(Regularizer.l2(1e-4)),
        BatchNormalization.create(),
        dev.layerwise.layers.Activation.of(ActivationFn.RELU),
        MaxPooling2D.of(2),
        Flatten.create(),
        Dropout.rate(0.25),
        Dense.units(3)).withSeed(21);
  }

  /** 8×8 single-channel images labelled by a random linear teacher. */
  private static Dataset images(int n, long seed) {
    return SyntheticData.classification(n, 64, 3, seed).withFeatureShape(Shape.of(8, 8, 1));
  }

  @Test
  void trainsThroughFitAndExportsToTheSamePredictions() throws Exception {
    Dataset data = images(384, 3);
    try (CompiledModel m = cnn().compile(TfHarness.tf(), Optimizer.adam(0.01),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY)) {
      double before = m.evaluate(data).loss();
      Map<String, TensorValue> initial = m.backendModel().weights();
      History h = m.fit(data, FitOptions.builder().epochs(6).batchSize(32).seed(1).quiet().build());
      double after = m.evaluate(data).loss();
      assertTrue(after < 0.7 * before, "loss " + before + " -> " + after);
      double[] trainLoss = h.get("loss");
      assertTrue(trainLoss[trainLoss.length - 1] < trainLoss[0], "training loss " + Arrays.toString(trainLoss));
      assertTrue(h.get("regularization_loss")[0] > 0, "the L2 penalty is reported: " + h.keys());
      assertTrue(!Arrays.equals(initial.get("batch_normalization/moving_mean").data(),
          m.backendModel().weights().get("batch_normalization/moving_mean").data()), "fit moves the BN statistics");

      float[] expected = m.predict(data);
      Path exported = m.exportSavedModel(SavedModelExport.to(dir).withVersion(2));
      try (TfSavedModel served = TfSavedModel.load(exported)) {
        assertEquals(64, served.featureSize());
        float[] x = new float[data.size() * 64];
        data.copyRange(0, data.size(), x, null);
        float[] got = served.predict(x, data.size());
        assertEquals(expected.length, got.length);
        double maxDiff = 0;
        for (int i = 0; i < got.length; i++) {
          maxDiff = Math.max(maxDiff, Math.abs(got[i] - expected[i]));
        }
        assertTrue(maxDiff <= 1e-6, "max |reloaded − in-memory| = " + maxDiff);
      }
    }
  }
}
