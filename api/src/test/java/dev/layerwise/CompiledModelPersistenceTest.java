package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.io.ArchiveContents;
import dev.layerwise.io.ModelArchive;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.schedules.LearningRateSchedule;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.testing.FakeBackend;
import dev.layerwise.testing.FakeBackend.Call;
import dev.layerwise.testing.SyntheticData;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code save}, {@code load} and resuming, on the fake backend: it records every step the training loop asks
 * for (the shuffled batch, the learning rate, the step number, the dropout masks), so "resumed training takes
 * the same steps as an uninterrupted run" can be checked call by call.
 */
class CompiledModelPersistenceTest {
  private static final Dataset DATA = SyntheticData.classification(60, 6, 3, 9); // 4 batches of 16, the last 12
  private static final int STEPS = 4;

  @TempDir Path dir;

  /** Everything resuming has to carry: dropout masks, Adam's step count, a schedule, shuffling. */
  private static Sequential model() {
    return Sequential.of(Input.shape(6), Dense.units(8).withUseBias(false), BatchNormalization.create(),
        dev.layerwise.layers.Activation.of(ActivationFn.RELU), Dropout.rate(0.3), Dense.units(3)).withSeed(17);
  }

  private static final TrainingConfig CONFIG = TrainingConfig.of(
      Optimizer.adam(LearningRateSchedule.exponentialDecay(0.01, 3, 0.5)),
      Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY);

  private static FitOptions epochs(int n) {
    return FitOptions.builder().epochs(n).batchSize(16).quiet().build();
  }

  private static void assertSameStep(Call expected, Call actual, String where) {
    assertEquals(expected.step(), actual.step(), where + ": step");
    assertEquals(expected.learningRate(), actual.learningRate(), 0.0, where + ": learning rate");
    assertEquals(expected.size(), actual.size(), where + ": batch size");
    assertArrayEquals(expected.x(), actual.x(), where + ": features (shuffle)");
    assertArrayEquals(expected.y(), actual.y(), where + ": labels (shuffle)");
    assertEquals(expected.masks().keySet(), actual.masks().keySet(), where + ": masks");
    expected.masks().forEach((k, m) -> assertArrayEquals(m, actual.masks().get(k), where + ": dropout mask " + k));
  }

  @Test
  void trainingResumedFromAFileTakesExactlyTheStepsOfAnUninterruptedRun() {
    FakeBackend straight = new FakeBackend();
    try (CompiledModel m = model().compile(straight, CONFIG)) {
      m.fit(DATA, epochs(5));
    }
    List<Call> all = straight.onlyModel().calls("trainStep");
    assertEquals(5 * STEPS, all.size());

    Path file = dir.resolve("half.layerwise");
    try (CompiledModel m = model().compile(new FakeBackend(), CONFIG)) {
      m.fit(DATA, epochs(2));
      m.save(file);
    }
    FakeBackend resumedOn = new FakeBackend();
    try (CompiledModel m = CompiledModel.load(file, resumedOn)) {
      assertEquals(new TrainingState(2 * STEPS, 2), m.trainingState());
      m.fit(DATA, epochs(3));
      assertEquals(new TrainingState(5 * STEPS, 5), m.trainingState());
    }
    List<Call> resumed = resumedOn.onlyModel().calls("trainStep");
    assertEquals(3 * STEPS, resumed.size());
    for (int i = 0; i < resumed.size(); i++) {
      assertSameStep(all.get(2 * STEPS + i), resumed.get(i), "resumed step " + (i + 1));
    }

    // the check has teeth: a fresh model trained for 3 epochs takes different steps
    FakeBackend fresh = new FakeBackend();
    try (CompiledModel m = model().compile(fresh, CONFIG)) {
      m.fit(DATA, epochs(3));
    }
    Call first = fresh.onlyModel().calls("trainStep").get(0);
    assertEquals(1, first.step());
    assertNotEquals(all.get(2 * STEPS).learningRate(), first.learningRate());
    assertTrue(!java.util.Arrays.equals(all.get(2 * STEPS).x(), first.x()), "a new epoch shuffles differently");
  }

  @Test
  void loadRestoresTheModelConfigWeightsAndState() {
    Path file = dir.resolve("m.layerwise");
    Map<String, TensorValue> weights = new LinkedHashMap<>();
    FakeBackend fake = new FakeBackend();
    try (CompiledModel m = model().compile(fake, CONFIG.withDType(DType.FLOAT32))) {
      m.fit(DATA, epochs(1));
      int[] k = {0};
      m.backendModel().weights().forEach((name, w) -> {
        double[] d = new double[w.size()];
        for (int i = 0; i < d.length; i++) {
          d[i] = 0.1 * (i + 1) + k[0]; // float64 values: stored as <f8, nothing rounded
        }
        k[0]++;
        weights.put(name, new TensorValue(w.shape(), d));
      });
      m.backendModel().setWeights(weights);
      m.save(file);
    }
    FakeBackend other = new FakeBackend("other", java.util.Set.of());
    try (CompiledModel m = CompiledModel.load(file, other)) {
      assertEquals(model().spec(), m.spec());
      assertEquals(17, m.seed());
      assertEquals(CONFIG, m.config());
      assertEquals(weights, m.backendModel().weights());
      assertEquals(new TrainingState(STEPS, 1), m.trainingState());
      assertEquals(STEPS, m.iterations());
      FakeBackend.FakeModel impl = other.onlyModel();
      // compile uploads the seeded initial weights, load then replaces them with the saved ones and the slots
      assertEquals(2, impl.weightUpdates().size());
      assertEquals(weights, impl.weightUpdates().get(1));
      assertEquals(1, impl.calls("setOptimizerSlots").size());
      assertEquals(0, impl.calls("trainStep").size());
    }
    ArchiveContents c = ModelArchive.read(file);
    assertEquals("fake", c.receipt().get("backend"));
    assertEquals("17", c.receipt().get("seed"));
    assertEquals("FLOAT32", c.receipt().get("dtype"));
    assertEquals(Long.toString(STEPS), c.receipt().get("iterations"));
    assertTrue(c.receipt().containsKey("layerwise") && c.receipt().containsKey("saved_at"), "" + c.receipt());
  }

  @Test
  void aModelWithoutASeedIsSavedWithTheSeedItWasCompiledWith() {
    Path file = dir.resolve("unseeded.layerwise");
    long seed;
    Map<String, TensorValue> initial;
    Sequential unseeded = Sequential.of(Input.shape(6), Dense.units(3));
    try (CompiledModel m = unseeded.compile(new FakeBackend(), CONFIG)) {
      seed = m.seed();
      initial = m.backendModel().weights();
      m.save(file);
    }
    assertEquals(java.util.OptionalLong.of(seed), ModelArchive.read(file).model().seed());
    try (CompiledModel m = CompiledModel.load(file, new FakeBackend())) {
      assertEquals(seed, m.seed());
      assertEquals(initial, m.backendModel().weights());
    }
  }

  @Test
  void contentsIsWhatSaveWrites() {
    Path file = dir.resolve("c.layerwise");
    try (CompiledModel m = model().compile(new FakeBackend(), CONFIG)) {
      m.fit(DATA, epochs(1));
      ArchiveContents c = m.contents();
      m.save(file);
      ArchiveContents read = ModelArchive.read(file);
      assertEquals(c.weights(), read.weights());
      assertEquals(c.slots(), read.slots());
      assertEquals(c.state(), read.state());
      assertEquals(c.training(), read.training());
      assertEquals(c.model().spec(), read.model().spec());
      // Adam: m and v for every trainable weight
      long trainable = m.spec().weightSpecs().values().stream().filter(w -> w.trainable()).count();
      assertEquals(2 * trainable, read.slots().size());
    }
  }

  @Test
  void aClosedModelCannotBeSavedAndAFailedLoadCompilesNothing() {
    CompiledModel m = model().compile(new FakeBackend(), CONFIG);
    m.close();
    Path file = dir.resolve("closed.layerwise");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.save(file));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertTrue(!file.toFile().exists());

    FakeBackend fake = new FakeBackend();
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> CompiledModel.load(file, fake));
    assertEquals("model archive not found: " + file, missing.getMessage());
    assertEquals(List.of(), fake.models());
  }

  @Test
  void saveRefusesANonFiniteModelUnlessAllowed() throws Exception {
    try (CompiledModel m = model().compile(new FakeBackend(), CONFIG)) {
      double[] kernel = m.backendModel().weights().get("dense_1/kernel").data().clone();
      kernel[5] = Double.NaN;
      m.backendModel().setWeights(Map.of("dense_1/kernel", new TensorValue(Shape.of(8, 3), kernel)));
      Path file = dir.resolve("nan.layerwise");
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.save(file));
      assertEquals("save: model 'sequential' holds a non-finite value (weight 'dense_1/kernel' [8, 3] element 5 is"
          + " NaN) and would predict nonsense; nothing was written to " + file + ". Use save(file,"
          + " NonFinite.ALLOW) to keep it anyway", e.getMessage());
      assertTrue(!file.toFile().exists(), "nothing written");
      assertThrows(IllegalStateException.class, () -> m.save(file, NonFinite.REFUSE));

      m.save(file, NonFinite.ALLOW);
      try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
        byte[] npy = zip.getInputStream(zip.getEntry("weights/dense_1/kernel.npy")).readAllBytes();
        double[] saved = dev.layerwise.io.Npy.read(npy, "dense_1/kernel").data();
        assertTrue(Double.isNaN(saved[5]), "the NaN is in the file");
        assertEquals((float) kernel[4], (float) saved[4], "the other values as they were");
      }
    }
  }

  @Test
  void aNonFiniteSlotIsNamedAfterEveryWeight() {
    TensorValue finite = new TensorValue(Shape.of(2), new double[] {1, 2});
    TensorValue inf = new TensorValue(Shape.of(2), new double[] {0, Double.NEGATIVE_INFINITY});
    ArchiveContents c = new ArchiveContents(model(), CONFIG, Map.of("dense/kernel", finite),
        Map.of("dense/kernel/m", finite, "dense/kernel/v", inf), TrainingState.START, Map.of());
    assertEquals("optimizer slot 'dense/kernel/v' [2] element 1 is -Infinity", c.firstNonFinite().orElseThrow());
    ArchiveContents clean = new ArchiveContents(model(), CONFIG, Map.of("dense/kernel", finite), Map.of(),
        TrainingState.START, Map.of());
    assertTrue(clean.firstNonFinite().isEmpty());
  }
}
