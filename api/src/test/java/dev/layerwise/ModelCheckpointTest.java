package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.io.ModelArchive;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.testing.FakeBackend;
import dev.layerwise.testing.SyntheticData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints during {@code fit}, on a backend whose per-epoch losses the test scripts. */
class ModelCheckpointTest {
  private static final int STEPS = 4; // 64 samples in batches of 16
  private static final Dataset DATA = SyntheticData.classification(64, 6, 3, 3);

  @TempDir Path dir;

  private static Sequential mlp() {
    return Sequential.of(Input.shape(6), Dense.units(8).withActivation(ActivationFn.TANH), Dense.units(3))
        .withSeed(5);
  }

  /** A model whose training loss in epoch e (1-based, counted across fits) is {@code losses[e - 1]}. */
  private static CompiledModel compile(double... losses) {
    FakeBackend fake = new FakeBackend().trainLoss(call -> losses[(int) ((call.step() - 1) / STEPS)]);
    return mlp().compile(fake, Optimizer.adam(0.01), Loss.sparseCategoricalCrossentropy().withFromLogits(true),
        Metric.ACCURACY);
  }

  private static FitOptions epochs(int n, FitCallback... callbacks) {
    return FitOptions.builder().epochs(n).batchSize(16).quiet().callbacks(callbacks).build();
  }

  private static List<String> files(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static int savedEpochs(Path file) {
    return ModelArchive.read(file).state().epochs();
  }

  @Test
  void everyEpochWritesOneLoadableFilePerEpochNamedByTheEpochsDone() throws IOException {
    Path folder = dir.resolve("ckpt");
    try (CompiledModel m = compile(1, 1, 1, 1, 1)) {
      ModelCheckpoint every = ModelCheckpoint.everyEpoch(m, folder);
      m.fit(DATA, epochs(3, every));
      assertEquals(List.of("epoch-0001.layerwise", "epoch-0002.layerwise", "epoch-0003.layerwise"), files(folder));
      for (int e = 1; e <= 3; e++) {
        TrainingState state = ModelArchive.read(folder.resolve(String.format("epoch-%04d.layerwise", e))).state();
        assertEquals(new TrainingState((long) STEPS * e, e), state);
      }
      // a second fit continues the numbering
      m.fit(DATA, epochs(2, every));
      assertEquals(5, files(folder).size());
      assertEquals(5, savedEpochs(folder.resolve("epoch-0005.layerwise")));
    }
    try (CompiledModel loaded = CompiledModel.load(folder.resolve("epoch-0002.layerwise"), new FakeBackend())) {
      assertEquals(new TrainingState(2 * STEPS, 2), loaded.trainingState());
    }
  }

  @Test
  void keepLastKeepsExactlyTheNewestFiles() throws IOException {
    try (CompiledModel m = compile(1, 1, 1, 1, 1, 1)) {
      ModelCheckpoint ckpt = ModelCheckpoint.everyEpoch(m, dir).keepLast(2);
      List<List<String>> seen = new ArrayList<>();
      FitCallback after = new FitCallback() {
        @Override
        public void onEpochEnd(EpochLogs logs) {
          try {
            seen.add(files(dir));
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        }
      };
      m.fit(DATA, epochs(5, ckpt, after));
      assertEquals(List.of(
          List.of("epoch-0001.layerwise"),
          List.of("epoch-0001.layerwise", "epoch-0002.layerwise"),
          List.of("epoch-0002.layerwise", "epoch-0003.layerwise"),
          List.of("epoch-0003.layerwise", "epoch-0004.layerwise"),
          List.of("epoch-0004.layerwise", "epoch-0005.layerwise")), seen);
      assertEquals(4, savedEpochs(dir.resolve("epoch-0004.layerwise")));
      assertEquals(5, savedEpochs(dir.resolve("epoch-0005.layerwise")));
      m.fit(DATA, epochs(1, ckpt));
      assertEquals(List.of("epoch-0005.layerwise", "epoch-0006.layerwise"), files(dir));
    }
  }

  /** After each epoch, which epoch best.layerwise holds (0 if there is none). */
  private static final class BestRecorder implements FitCallback {
    final Path file;
    final List<Integer> epochs = new ArrayList<>();

    BestRecorder(Path file) {
      this.file = file;
    }

    @Override
    public void onEpochEnd(EpochLogs logs) {
      epochs.add(Files.exists(file) ? savedEpochs(file) : 0);
    }
  }

  @Test
  void bestOnlyRewritesTheFileOnlyWhenTheLossImproves() throws IOException {
    try (CompiledModel m = compile(5, 3, 4, 2, 2, 6)) {
      BestRecorder best = new BestRecorder(dir.resolve("best.layerwise"));
      m.fit(DATA, epochs(6, ModelCheckpoint.bestOnly(m, dir, "loss"), best));
      // 5 → saved; 3 better; 4 worse; 2 better; 2 equal is no improvement; 6 worse
      assertEquals(List.of(1, 2, 2, 4, 4, 4), best.epochs);
      assertEquals(List.of("best.layerwise"), files(dir));
    }
  }

  @Test
  void withDirectionOverridesTheInferredOne() {
    try (CompiledModel m = compile(5, 3, 4, 2, 7, 6)) {
      BestRecorder best = new BestRecorder(dir.resolve("best.layerwise"));
      ModelCheckpoint max = ModelCheckpoint.bestOnly(m, dir, "loss").withDirection(ModelCheckpoint.Direction.MAX);
      m.fit(DATA, epochs(6, max, best));
      assertEquals(List.of(1, 1, 1, 1, 5, 5), best.epochs);
    }
  }

  /**
   * Calls the callback directly with crafted logs; before each call the model's weights are set to a marker, so
   * the saved file tells which call wrote it.
   */
  private int[] savedAt(String monitor, ModelCheckpoint.Direction direction, double... values) {
    int[] markers = new int[values.length];
    try (CompiledModel m = compile(1)) {
      ModelCheckpoint ckpt = ModelCheckpoint.bestOnly(m, dir, monitor);
      if (direction != null) {
        ckpt = ckpt.withDirection(direction);
      }
      for (int e = 1; e <= values.length; e++) {
        Map<String, TensorValue> w = new LinkedHashMap<>(m.backendModel().weights());
        w.put("dense/bias", TensorValue.filled(w.get("dense/bias").shape(), e));
        m.backendModel().setWeights(w);
        ckpt.onEpochEnd(new EpochLogs(e, values.length, STEPS, 0.1, Map.of(monitor, values[e - 1], "other", 0.0)));
        markers[e - 1] = (int) ModelArchive.read(dir.resolve("best.layerwise")).weights().get("dense/bias").get(0);
      }
    }
    return markers;
  }

  @Test
  void accuracyLikeKeysAreMaximisedAndEverythingElseMinimised() {
    assertEquals(List.of(1, 2, 2, 4, 4), List.of(box(savedAt("val_accuracy", null, 0.5, 0.7, 0.6, 0.9, 0.1))));
    assertEquals(List.of(1, 2, 2, 2), List.of(box(savedAt("accuracy", null, 0.5, 0.7, 0.7, 0.6))));
    assertEquals(List.of(1, 2, 2, 4), List.of(box(savedAt("val_acc", null, 0.1, 0.2, 0.15, 0.3))));
    assertEquals(List.of(1, 1, 3, 3), List.of(box(savedAt("val_loss", null, 0.5, 0.7, 0.3, 0.4))));
    assertEquals(List.of(1, 1, 3, 4), List.of(box(savedAt("mse", null, 0.5, 0.7, 0.3, 0.2))));
    assertEquals(List.of(1, 1, 3), List.of(box(savedAt("val_accuracy", ModelCheckpoint.Direction.MIN, 0.5, 0.7,
        0.3))));
  }

  private static Integer[] box(int[] a) {
    return java.util.Arrays.stream(a).boxed().toArray(Integer[]::new);
  }

  @Test
  void anUnknownMonitorKeyNamesTheKeyAndTheKeysThereAre() throws IOException {
    try (CompiledModel m = compile(1, 1)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> m.fit(DATA, epochs(2, ModelCheckpoint.bestOnly(m, dir, "val_loss"))));
      assertTrue(e.getMessage().contains("'val_loss'"), e.getMessage());
      String keys = e.getMessage().substring(e.getMessage().indexOf('['), e.getMessage().indexOf(']') + 1);
      assertEquals(List.of("accuracy", "learning_rate", "loss"),
          Stream.of(keys.substring(1, keys.length() - 1).split(", ")).sorted().toList(), e.getMessage());
      assertTrue(e.getMessage().contains("validation data"), e.getMessage());
      assertEquals(List.of(), files(dir), "nothing is saved");
      assertEquals(1, m.trainingState().epochs(), "the error stops training after the first epoch");
    }
  }

  @Test
  void badArgumentsAreNamed() {
    try (CompiledModel m = compile(1)) {
      ModelCheckpoint every = ModelCheckpoint.everyEpoch(m, dir);
      for (int k : new int[] {0, -1}) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> every.keepLast(k));
        assertEquals("ModelCheckpoint: keepLast must be positive, got " + k, e.getMessage());
      }
      assertEquals("ModelCheckpoint: dir",
          assertThrows(NullPointerException.class, () -> ModelCheckpoint.everyEpoch(m, null)).getMessage());
      assertEquals("ModelCheckpoint: model",
          assertThrows(NullPointerException.class, () -> ModelCheckpoint.everyEpoch(null, dir)).getMessage());
      assertEquals("ModelCheckpoint: dir",
          assertThrows(NullPointerException.class, () -> ModelCheckpoint.bestOnly(m, null, "loss")).getMessage());
      assertEquals("ModelCheckpoint: monitor",
          assertThrows(NullPointerException.class, () -> ModelCheckpoint.bestOnly(m, dir, null)).getMessage());
      ModelCheckpoint best = ModelCheckpoint.bestOnly(m, dir, "loss");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> best.keepLast(2));
      assertTrue(e.getMessage().contains("keepLast"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> every.withDirection(ModelCheckpoint.Direction.MAX));
      assertTrue(e.getMessage().contains("bestOnly"), e.getMessage());
      NullPointerException npe = assertThrows(NullPointerException.class, () -> best.withDirection(null));
      assertTrue(npe.getMessage().contains("direction"), npe.getMessage());
    }
  }

  @Test
  void aCheckpointFolderThatDoesNotExistIsCreated() throws IOException {
    Path folder = dir.resolve("a/b/c");
    assertFalse(Files.exists(folder));
    try (CompiledModel m = compile(1)) {
      m.fit(DATA, epochs(1, ModelCheckpoint.everyEpoch(m, folder)));
    }
    assertEquals(List.of("epoch-0001.layerwise"), files(folder));
  }
}
