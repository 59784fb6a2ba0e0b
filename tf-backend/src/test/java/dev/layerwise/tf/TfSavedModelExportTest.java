package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.SavedModelExport;
import dev.layerwise.Sequential;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.testing.SyntheticData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Signature;
import org.tensorflow.proto.DataType;

class TfSavedModelExportTest {
  @TempDir Path dir;

  private static Sequential model() {
    return Sequential.of(Input.shape(2, 3), Flatten.create(), Dense.units(5).withActivation(ActivationFn.RELU),
        Dense.units(4)).withSeed(1);
  }

  private static Dataset data() {
    return SyntheticData.classification(64, 6, 4, 2).withFeatureShape(dev.layerwise.Shape.of(2, 3));
  }

  @Test
  void exportsAServingSignatureThatReloadsToTheSamePredictions() throws Exception {
    Dataset data = data();
    try (CompiledModel m = model().compile(Backend.named("tensorflow"), Optimizer.adam(0.01),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY)) {
      m.fit(data, FitOptions.builder().epochs(2).batchSize(16).quiet().build());
      Path exported = m.exportSavedModel(SavedModelExport.to(dir).withVersion(3));
      assertEquals(dir.resolve("3"), exported);
      assertTrue(Files.isRegularFile(exported.resolve("saved_model.pb")));
      assertTrue(Files.isDirectory(exported.resolve("variables")));
      try (var listing = Files.list(dir)) {
        assertEquals(1, listing.count(), "no staging folder is left behind");
      }
      float[] expected = m.predict(data);
      try (TfSavedModel served = TfSavedModel.load(exported)) {
        Signature sig = served.signature();
        assertEquals("tensorflow/serving/predict", sig.methodName());
        assertEquals("serving_default", sig.key());
        assertEquals(java.util.Set.of("x"), sig.inputNames());
        assertEquals(java.util.Set.of("logits"), sig.outputNames());
        assertEquals(DataType.DT_FLOAT, sig.getInputs().get("x").dataType);
        assertEquals(-1L, sig.getInputs().get("x").shape.get(0));
        assertEquals(4L, sig.getOutputs().get("logits").shape.get(1));
        float[] x = new float[data.size() * 6];
        data.copyRange(0, data.size(), x, null);
        float[] got = served.predict(x, data.size());
        double maxDiff = 0;
        for (int i = 0; i < got.length; i++) {
          maxDiff = Math.max(maxDiff, Math.abs(got[i] - expected[i]));
        }
        assertTrue(maxDiff <= 1e-6, "max |reloaded − in-memory| = " + maxDiff);
      }
    }
  }

  @Test
  void refusesToOverwriteAnExistingVersionUnlessAsked() throws Exception {
    try (CompiledModel m = model().compile(Backend.named("tensorflow"), Optimizer.sgd(0.1),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      m.exportSavedModel(SavedModelExport.to(dir));
      long before = Files.getLastModifiedTime(dir.resolve("1/saved_model.pb")).toMillis();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> m.exportSavedModel(SavedModelExport.to(dir)));
      assertTrue(e.getMessage().contains("already exists"), e.getMessage());
      assertEquals(before, Files.getLastModifiedTime(dir.resolve("1/saved_model.pb")).toMillis());
      m.exportSavedModel(SavedModelExport.to(dir).withOverwrite(true));
      assertTrue(Files.isRegularFile(dir.resolve("1/saved_model.pb")));
    }
  }

  @Test
  void loadingAMissingFolderIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TfSavedModel.load(dir.resolve("nothing/1")));
    assertTrue(e.getMessage().contains("no SavedModel"), e.getMessage());
  }
}
