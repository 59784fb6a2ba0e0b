package dev.layerwise.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.SavedModelExport;
import dev.layerwise.Sequential;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Normalization;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.schedules.LearningRateSchedule;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.testing.SyntheticData;
import dev.layerwise.tf.TfSavedModel;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saving and loading across the two backends: round trips, resuming training from a file, and serving a
 * reference-trained model through a TensorFlow SavedModel.
 */
class PersistenceAcrossBackendsTest {
  private static final Backend TF = Backend.named("tensorflow");
  private static final Backend REF = Backend.named("reference");
  /** float32 rounding of a few-term dot product: the bound for comparing a float64 model with float32 weights. */
  private static final double FLOAT32_PREDICTION_TOLERANCE = 1e-5;

  @TempDir Path dir;

  /**
   * Everything resume has to carry: BN moving statistics, dropout masks, Adam slots and a schedule; and a
   * Normalization adapted to the data, whose statistics fit must leave alone and the archive carry across.
   */
  private static Sequential model() {
    return Sequential.of(Input.shape(6), Normalization.adaptedTo(DATA), Dense.units(8).withUseBias(false), BatchNormalization.create(),
        dev.layerwise.layers.Activation.of(ActivationFn.RELU), Dropout.rate(0.2), Dense.units(3)).withSeed(17);
  }

  private static CompiledModel compile(Backend backend) {
    return model().compile(backend, Optimizer.adam(LearningRateSchedule.exponentialDecay(0.01, 8, 0.5)),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY);
  }

  private static final Dataset DATA = SyntheticData.classification(128, 6, 3, 5);

  private static FitOptions epochs(int n) {
    return FitOptions.builder().epochs(n).batchSize(16).quiet().build();
  }

  private static double maxDifference(float[] a, float[] b) {
    assertEquals(a.length, b.length);
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  @Test
  void resumingFromAFileOnTheReferenceBackendIsExactlyAnUninterruptedRun() {
    resume(REF, 0.0);
  }

  @Test
  void resumingFromAFileOnTensorflowMatchesAnUninterruptedRun() {
    // Single-threaded TF CPU kernels are deterministic and float32 weights and slots are stored exactly.
    resume(TF, 1e-6);
  }

  private void resume(Backend backend, double tolerance) {
    Map<String, TensorValue> uninterrupted;
    try (CompiledModel m = compile(backend)) {
      m.fit(DATA, epochs(4));
      uninterrupted = m.backendModel().weights();
    }
    Path file = dir.resolve(backend.name() + ".layerwise");
    try (CompiledModel m = compile(backend)) {
      m.fit(DATA, epochs(2));
      m.save(file);
    }
    try (CompiledModel m = CompiledModel.load(file, backend)) {
      assertEquals(2, m.trainingState().epochs());
      assertEquals(16, m.trainingState().iterations());
      m.fit(DATA, epochs(2));
      Map<String, TensorValue> resumed = m.backendModel().weights();
      assertEquals(uninterrupted.keySet(), resumed.keySet());
      uninterrupted.forEach((name, w) -> assertArrayEquals(w.data(), resumed.get(name).data(), tolerance, name));
    }
  }

  @Test
  void saveThenLoadPredictsIdenticallyOnEachBackend() {
    for (Backend b : new Backend[] {TF, REF}) {
      Path file = dir.resolve("roundtrip-" + b.name() + ".layerwise");
      float[] before;
      try (CompiledModel m = compile(b)) {
        m.fit(DATA, epochs(1));
        before = m.predict(DATA);
        m.save(file);
      }
      try (CompiledModel m = CompiledModel.load(file, b)) {
        assertArrayEquals(before, m.predict(DATA), 0f, b.name());
      }
    }
  }

  @Test
  void aModelSavedOnOneBackendLoadsIntoTheOther() {
    Path fromTf = dir.resolve("tf.layerwise");
    Path fromRef = dir.resolve("ref.layerwise");
    float[] tfPredictions;
    float[] refPredictions;
    try (CompiledModel m = compile(TF)) {
      m.fit(DATA, epochs(1));
      tfPredictions = m.predict(DATA);
      m.save(fromTf);
    }
    try (CompiledModel m = compile(REF)) {
      m.fit(DATA, epochs(1));
      refPredictions = m.predict(DATA);
      m.save(fromRef);
    }
    try (CompiledModel m = CompiledModel.load(fromTf, REF)) {
      double d = maxDifference(tfPredictions, m.predict(DATA));
      assertTrue(d <= FLOAT32_PREDICTION_TOLERANCE, "TF-saved model on the reference backend differs by " + d);
    }
    try (CompiledModel m = CompiledModel.load(fromRef, TF)) {
      double d = maxDifference(refPredictions, m.predict(DATA));
      assertTrue(d <= FLOAT32_PREDICTION_TOLERANCE, "reference-saved model on TF differs by " + d);
      assertEquals("reference", dev.layerwise.io.ModelArchive.read(fromRef).receipt().get("backend"));
    }
  }

  @Test
  void aReferenceTrainedModelServesThroughASavedModel() {
    try (CompiledModel m = compile(REF)) {
      m.fit(DATA, epochs(2));
      float[] expected = m.predict(DATA);
      Path exported = m.exportSavedModel(SavedModelExport.to(dir.resolve("serving")).withVersion(7));
      assertEquals(dir.resolve("serving/7"), exported);
      try (TfSavedModel served = TfSavedModel.load(exported)) {
        float[] x = new float[DATA.size() * 6];
        DATA.copyRange(0, DATA.size(), x, null);
        double d = maxDifference(expected, served.predict(x, DATA.size()));
        assertTrue(d <= FLOAT32_PREDICTION_TOLERANCE, "SavedModel of a reference-trained model differs by " + d);
      }
    }
  }
}
