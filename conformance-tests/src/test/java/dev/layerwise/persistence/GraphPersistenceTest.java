package dev.layerwise.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Model;
import dev.layerwise.Predictions;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.TrainingState;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Add;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.schedules.LearningRateSchedule;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.tf.TfSavedModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Saving, loading, resuming and serving a graph model — two inputs, a layer shared by both, a merge, dropout, batch
 * normalisation and two outputs with their own losses, weights and metrics — on both backends, held to what
 * {@code PersistenceAcrossBackendsTest} holds a Sequential to: exact round trips, resumed training equal to an
 * uninterrupted run, loading into the other backend, and a SavedModel predicting what the model does.
 */
class GraphPersistenceTest {
  /** float32 rounding of a few-term dot product: the bound for comparing a float64 model with float32 weights. */
  private static final double FLOAT32_PREDICTION_TOLERANCE = 1e-5;
  /** Single-threaded TF kernels are deterministic, and float32 weights and slots are stored exactly. */
  private static final double TF_RESUME_TOLERANCE = 1e-6;
  private static final int SIZE = 96;

  @TempDir Path dir;

  /**
   * left [4] → Dense(3) and right [3] → the shared encoder Dense(3, tanh) on each → Add → Dropout(0.2) →
   * class = BatchNormalization → Dense(3) (logits) and score = Dense(1).
   */
  static Model model() {
    Dense encoder = Dense.units(3).withActivation(ActivationFn.TANH).withName("encoder");
    SymbolicTensor left = Input.shape(4).withName("left").tensor();
    SymbolicTensor right = Input.shape(3).withName("right").tensor();
    SymbolicTensor sum = Dropout.rate(0.2).apply(Add.create().apply(encoder.apply(Dense.units(3).apply(left)),
        encoder.apply(right)));
    SymbolicTensor logits = Dense.units(3).withName("class").apply(BatchNormalization.create().apply(sum));
    return Model.of(List.of(left, right), List.of(logits, Dense.units(1).withName("score").apply(sum)))
        .withName("two_tower").withSeed(21);
  }

  static TrainingConfig config() {
    return TrainingConfig.of(Optimizer.adam(LearningRateSchedule.exponentialDecay(0.01, 8, 0.5)), Map.of(
        "class", Loss.sparseCategoricalCrossentropy().withFromLogits(true), "score", Loss.meanSquaredError()))
        .withLossWeight("score", 0.5).withMetrics("class", Metric.ACCURACY);
  }

  /** SIZE samples: left and right from sines, class 0–2 and score from their sums. */
  static Dataset data() {
    float[] left = new float[SIZE * 4];
    float[] right = new float[SIZE * 3];
    int[] classes = new int[SIZE];
    float[] score = new float[SIZE];
    for (int i = 0; i < SIZE; i++) {
      double s = 0;
      for (int j = 0; j < 4; j++) {
        left[i * 4 + j] = (float) Math.sin(0.37 * i + 1.1 * j);
        s += left[i * 4 + j];
      }
      for (int j = 0; j < 3; j++) {
        right[i * 3 + j] = (float) Math.cos(0.23 * i + 0.7 * j);
        s -= right[i * 3 + j];
      }
      classes[i] = s < -0.5 ? 0 : s < 0.5 ? 1 : 2;
      score[i] = (float) (0.3 * s);
    }
    return Dataset.builder().features("left", left, Shape.of(4)).features("right", right, Shape.of(3))
        .classLabels("class", classes).targets("score", score, Shape.of(1)).build();
  }

  private static FitOptions epochs(int n) {
    return FitOptions.builder().epochs(n).batchSize(16).quiet().build();
  }

  private static CompiledModel compile(String backend) {
    return model().compile(Backend.named(backend), config());
  }

  private static void assertClose(Map<String, TensorValue> expected, Map<String, TensorValue> actual,
      double tolerance, String what) {
    assertEquals(expected.keySet(), actual.keySet(), what);
    expected.forEach((n, v) -> assertArrayEquals(v.data(), actual.get(n).data(), tolerance, what + " " + n));
  }

  private static double maxDifference(Predictions a, Predictions b) {
    assertEquals(a.names(), b.names());
    double m = 0;
    for (String n : a.names()) {
      float[] x = a.get(n);
      float[] y = b.get(n);
      assertEquals(x.length, y.length, n);
      for (int i = 0; i < x.length; i++) {
        m = Math.max(m, Math.abs(x[i] - y[i]));
      }
    }
    return m;
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void resumingAGraphFromAFileMatchesAnUninterruptedRun(String backend) {
    double tolerance = backend.equals("reference") ? 0 : TF_RESUME_TOLERANCE;
    Map<String, TensorValue> weights;
    Map<String, TensorValue> slots;
    History last;
    try (CompiledModel m = compile(backend)) {
      m.fit(data(), epochs(2));
      last = m.fit(data(), epochs(2));
      weights = m.backendModel().weights();
      slots = m.backendModel().optimizerSlots();
    }
    Path file = dir.resolve(backend + ".layerwise");
    try (CompiledModel m = compile(backend)) {
      m.fit(data(), epochs(2));
      m.save(file);
    }
    try (CompiledModel m = CompiledModel.load(file, Backend.named(backend))) {
      assertEquals(Model.class, m.model().getClass());
      assertEquals(new TrainingState(12, 2), m.trainingState());
      History resumed = m.fit(data(), epochs(2));
      assertClose(weights, m.backendModel().weights(), tolerance, "weights");
      assertClose(slots, m.backendModel().optimizerSlots(), tolerance, "slots");
      assertEquals(last.keys(), resumed.keys());
      assertTrue(resumed.keys().containsAll(List.of("loss", "class_loss", "score_loss", "class_accuracy")),
          "" + resumed.keys());
      for (String key : last.keys()) {
        assertArrayEquals(last.get(key), resumed.get(key), tolerance, key);
      }
    }
  }

  @Test
  void aGraphSavedOnEitherBackendLoadsIntoBothAndPredictsTheSame() {
    for (String from : List.of("reference", "tensorflow")) {
      Path file = dir.resolve(from + ".layerwise");
      Predictions before;
      try (CompiledModel m = compile(from)) {
        m.fit(data(), epochs(1));
        before = m.predictOutputs(data());
        m.save(file);
      }
      for (String to : List.of("reference", "tensorflow")) {
        try (CompiledModel m = CompiledModel.load(file, Backend.named(to))) {
          double d = maxDifference(before, m.predictOutputs(data()));
          double tolerance = from.equals(to) ? 0 : FLOAT32_PREDICTION_TOLERANCE;
          assertTrue(d <= tolerance, "saved on " + from + ", loaded on " + to + ": predictions differ by " + d);
        }
      }
    }
  }

  @Test
  void aReferenceTrainedGraphServesThroughASavedModelWithNamedInputsAndOutputs() {
    Dataset data = data();
    try (CompiledModel m = compile("reference")) {
      m.fit(data, epochs(2));
      Predictions expected = m.predictOutputs(data);
      Path exported = m.exportSavedModel(dir.resolve("serving"));
      float[] left = new float[SIZE * 4];
      float[] right = new float[SIZE * 3];
      data.copyRange(0, SIZE, List.of(left, right), null);
      try (TfSavedModel served = TfSavedModel.load(exported)) {
        Predictions got = served.predict(Map.of("left", left, "right", right), SIZE);
        double d = maxDifference(expected, got);
        assertTrue(d <= FLOAT32_PREDICTION_TOLERANCE, "the SavedModel's predictions differ by " + d);
      }
    }
  }
}
