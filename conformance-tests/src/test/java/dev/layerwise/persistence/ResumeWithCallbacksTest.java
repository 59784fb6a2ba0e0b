package dev.layerwise.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CallbackState;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitCallback;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.callbacks.CSVLogger;
import dev.layerwise.callbacks.EarlyStopping;
import dev.layerwise.callbacks.LambdaCallback;
import dev.layerwise.callbacks.ReduceLROnPlateau;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Resumed training with callbacks is the uninterrupted training, on both backends: 6 epochs with EarlyStopping,
 * ReduceLROnPlateau and a CSVLogger ≡ 3 epochs, save, load, 3 more from {@code initialEpoch(3)}: the same weights
 * bit for bit, the same history values, the same learning rate at every update, the same CSV file. And a run saved
 * by a checkpoint at the end of epoch 3 (the file a crashed run leaves), resumed, ends as the run that went on,
 * early stopping's best weights (kept in the archive) included.
 */
class ResumeWithCallbacksTest {
  @TempDir Path dir;

  private static Dataset data(int n, double shift) {
    float[] x = new float[2 * n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = (float) Math.sin(0.7 * i + shift);
      x[2 * i + 1] = (float) Math.cos(1.3 * i);
      y[i] = (float) (x[2 * i] * x[2 * i + 1] + 0.3 * shift);
    }
    return Dataset.of(x, Shape.of(2), y, Shape.of(1));
  }

  private static FitCallback[] callbacks(Path csv, boolean append) {
    return callbacks(csv, append, false);
  }

  private static FitCallback[] callbacks(Path csv, boolean append, boolean restoreBestWeights) {
    // minDelta 0.5 on val_loss: nothing after the first epoch counts, so the plateau halves the rate after epochs
    // 2 and 4 (a cooldown of 2 skips epochs 3 and 5; the split falls inside it) and early stopping's wait grows to
    // 5 without stopping
    return new FitCallback[] {
        ReduceLROnPlateau.builder().patience(1).factor(0.5).cooldown(2).minDelta(0.5).build(),
        EarlyStopping.builder().monitor("val_loss").minDelta(0.5).patience(6).restoreBestWeights(restoreBestWeights)
            .build(),
        CSVLogger.to(csv).append(append)};
  }

  private static FitOptions.Builder options(int epochs) {
    return FitOptions.builder().epochs(epochs).batchSize(4).validationData(data(6, 1)).quiet();
  }

  private static CompiledModel compile(String backend) {
    return Sequential.of(Input.shape(2), Dense.units(4).withActivation(ActivationFn.TANH), Dense.units(1))
        .withSeed(17).compile(Backend.named(backend), Optimizer.adam(0.05), Loss.meanSquaredError());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void threePlusThreeEpochsAreSixEpochs(String backend) throws Exception {
    Path wholeCsv = dir.resolve("whole.csv");
    Path splitCsv = dir.resolve("split.csv");
    Path saved = dir.resolve("after3.layerwise");
    History whole;
    try (CompiledModel m = compile(backend)) {
      whole = m.fit(data(12, 0), options(6).callbacks(callbacks(wholeCsv, false)).build());
      assertEquals("completed", whole.stopReason());
      double[] rates = whole.learningRates();
      assertArrayEquals(new double[] {0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125}, whole.get("learning_rate"), 1e-15,
          "reductions after epochs 2 and 4");
      try (CompiledModel first = compile(backend)) {
        first.fit(data(12, 0), options(3).callbacks(callbacks(splitCsv, false)).build());
        first.save(saved);
      }
      History rest;
      try (CompiledModel resumed = CompiledModel.load(saved, Backend.named(backend))) {
        rest = resumed.fit(data(12, 0), options(6).initialEpoch(3).callbacks(callbacks(splitCsv, true)).build());
        assertEquals(m.weights(), resumed.weights(), "the weights, bit for bit");
        // the states saved after the resumed fit give the same bytes twice
        ReproducibleSaves.save(resumed, dir.resolve("a.layerwise"));
        ReproducibleSaves.save(resumed, dir.resolve("b.layerwise"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.layerwise")),
            Files.readAllBytes(dir.resolve("b.layerwise")));
        assertEquals(m.callbackStates(), resumed.callbackStates(), "the callbacks' states");
      }
      assertArrayEquals(new int[] {4, 5, 6}, rest.epochNumbers());
      for (int e = 0; e < 3; e++) {
        assertEquals(whole.epoch(3 + e), rest.epoch(e), "epoch " + (4 + e));
      }
      double[] wholeRates = whole.learningRates();
      assertArrayEquals(Arrays.copyOfRange(wholeRates, wholeRates.length / 2, wholeRates.length),
          rest.learningRates(), "the rate of every update of epochs 4 to 6");
    }
    assertEquals(Files.readAllLines(wholeCsv), Files.readAllLines(splitCsv), "the CSV log");
    assertEquals(7, Files.readAllLines(splitCsv).size(), "one header and six epochs");
    assertTrue(Files.readAllLines(splitCsv).get(0).startsWith("epoch,"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void aRunResumedFromItsEpochThreeCheckpointEndsAsTheRunThatWentOn(String backend) {
    Path checkpoint = dir.resolve("epoch3.layerwise");
    // saves after the resumable callbacks took epoch 3 in, as a ModelCheckpoint placed last does
    LambdaCallback saveAtThree = LambdaCallback.builder().onTrainBegin(c -> context[0] = c)
        .onEpochEnd(logs -> {
          if (logs.epoch() == 3) {
            context[0].model().save(checkpoint);
          }
        }).build();
    FitCallback[] tracked = callbacks(dir.resolve("whole.csv"), false, true);
    FitCallback[] withSave = Arrays.copyOf(tracked, tracked.length + 1);
    withSave[tracked.length] = saveAtThree;
    try (CompiledModel m = compile(backend)) {
      History whole = m.fit(data(12, 0), options(6).callbacks(withSave).build());
      try (CompiledModel resumed = CompiledModel.load(checkpoint, Backend.named(backend))) {
        CallbackState saved = resumed.callbackStates().get(1);
        assertEquals("EarlyStopping(val_loss)", saved.key());
        assertEquals(1.0, saved.require("best_epoch"), "nothing improves by minDelta after epoch 1");
        assertEquals(2.0, saved.require("wait"));
        History rest = resumed.fit(data(12, 0), options(6).initialEpoch(3).callbacks(callbacks(dir.resolve(
            "rest.csv"), false, true)).build());
        for (int e = 0; e < 3; e++) {
          assertEquals(whole.epoch(3 + e), rest.epoch(e), "epoch " + (4 + e));
        }
        assertEquals(m.weights(), resumed.weights(), "both restored the same weights, bit for bit");
        assertEquals(saved.weights(), m.weights(), "epoch 1's, which the checkpoint kept");
      }
    }
  }

  private final dev.layerwise.FitContext[] context = new dev.layerwise.FitContext[1];
}
