package dev.layerwise.callbacks;

import static dev.layerwise.callbacks.EarlyStoppingTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CallbackState;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Progress;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.schedules.LearningRateSchedule;
import dev.layerwise.testing.FakeBackend;
import dev.layerwise.testing.FakeBackend.Call;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The callbacks inside real fits, on a backend that answers scripted losses: the hooks' order and logs, stops with
 * their reasons, rates set by callbacks, initialEpoch, the CSV file, callback states through save and load.
 */
class FitWithCallbacksTest {
  @TempDir Path dir;
  private final FakeBackend fake = new FakeBackend();

  private CompiledModel model(Optimizer optimizer) {
    return Sequential.of(Input.shape(2), Dense.units(1)).withSeed(3).compile(fake, optimizer,
        Loss.meanSquaredError());
  }

  private static Dataset data(int n) {
    float[] x = new float[2 * n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;
      y[i] = i % 2;
    }
    return Dataset.of(x, Shape.of(2), y, Shape.of(1));
  }

  private static FitOptions.Builder quiet(int epochs) {
    return FitOptions.builder().epochs(epochs).batchSize(2).shuffle(false).quiet();
  }

  @Test
  void hooksRunInOrderWithTheStepsOwnLoss() {
    fake.trainLoss(Call::step); // step t returns loss t
    List<String> seen = new ArrayList<>();
    LambdaCallback hooks = LambdaCallback.builder()
        .onTrainBegin(c -> seen.add("train " + c.initialEpoch() + ".." + c.epochs()))
        .onEpochBegin((e, n) -> seen.add("epoch " + e))
        .onBatchBegin((e, s, n) -> seen.add("begin " + s + "/" + n))
        .onBatchEnd(l -> seen.add("end " + l.step() + " step loss " + l.stepLoss() + " mean " + l.get("loss")))
        .onEpochEnd(l -> seen.add("epoch end " + l.epoch()))
        .onTrainEnd(h -> seen.add("train end " + h.stopReason()))
        .build();
    try (CompiledModel m = model(Optimizer.sgd(0.1))) {
      m.fit(data(4), quiet(1).callbacks(hooks).build());
    }
    assertEquals(List.of("train 0..1", "epoch 1", "begin 1/2", "end 1 step loss 1.0 mean 1.0", "begin 2/2",
        "end 2 step loss 2.0 mean 1.5", "epoch end 1", "train end completed"), seen);
  }

  @Test
  void needsEveryStepIsAskedOfEachCallback() {
    assertFalse(LambdaCallback.builder().onEpochEnd(l -> {}).build().needsEveryStep());
    assertTrue(LambdaCallback.builder().onBatchEnd(l -> {}).build().needsEveryStep());
    assertTrue(LambdaCallback.builder().onBatchBegin((e, s, n) -> {}).build().needsEveryStep());
    assertFalse(EarlyStopping.builder().build().needsEveryStep());
    assertFalse(quiet(1).callbacks(Progress.toLog(), EarlyStopping.builder().build()).build().needsEveryStep());
    assertTrue(quiet(1).callbacks(LambdaCallback.builder().onBatchEnd(l -> {}).build()).build().needsEveryStep());
  }

  @Test
  void initialEpochRunsTheEpochsAfterItNumberedOn() {
    try (CompiledModel m = model(Optimizer.sgd(0.1))) {
      History h = m.fit(data(4), quiet(6).initialEpoch(3).build());
      assertArrayEquals(new int[] {4, 5, 6}, h.epochNumbers());
      assertEquals(3, h.epochCount());
      assertEquals(6, fake.onlyModel().calls("trainStep").size());
    }
    assertMessage("initialEpoch must be below epochs (epochs is the index of the last epoch, as in Keras:"
        + " initialEpoch(3).epochs(6) runs epochs 4 to 6), got initialEpoch 6 and epochs 6",
        () -> quiet(6).initialEpoch(6).build());
    assertMessage("initialEpoch must be ≥ 0, got -1", () -> FitOptions.builder().initialEpoch(-1));
  }

  @Test
  void aStopBetweenStepsEndsTheEpochThereAndKeepsTheReason() {
    LambdaCallback stopper = LambdaCallback.builder().onTrainBegin(c -> ctx[0] = c)
        .onBatchEnd(l -> ctx[0].stopTraining("enough after step " + l.step())).build();
    try (CompiledModel m = model(Optimizer.sgd(0.1))) {
      History h = m.fit(data(8), quiet(3).validationData(data(2)).callbacks(stopper).build());
      assertEquals("enough after step 1", h.stopReason());
      assertEquals(1, fake.onlyModel().calls("trainStep").size());
      assertEquals(1, h.epochCount(), "the epoch still ends, validation included");
      assertTrue(h.keys().contains("val_loss"));
    }
  }

  private final dev.layerwise.FitContext[] ctx = new dev.layerwise.FitContext[1];

  @Test
  void theHistoryOfADivergedOrCancelledFitSaysSo() {
    fake.trainLoss(c -> c.step() == 3 ? Double.NaN : 1.0);
    try (CompiledModel m = model(Optimizer.sgd(0.1))) {
      dev.layerwise.TrainingDivergedException e = org.junit.jupiter.api.Assertions.assertThrows(
          dev.layerwise.TrainingDivergedException.class, () -> m.fit(data(4), quiet(3).build()));
      assertTrue(e.history().stopReason().startsWith("diverged: "), e.history().stopReason());
    }
    fake.trainLoss(c -> 1.0);
    LambdaCallback interrupt = LambdaCallback.builder().onEpochEnd(l -> Thread.currentThread().interrupt()).build();
    try (CompiledModel m = model(Optimizer.sgd(0.1))) {
      dev.layerwise.FitCancelledException e = org.junit.jupiter.api.Assertions.assertThrows(
          dev.layerwise.FitCancelledException.class, () -> m.fit(data(4), quiet(3).callbacks(interrupt).build()));
      assertTrue(Thread.interrupted(), "the flag stays set (cleared here)");
      assertEquals("cancelled: its thread was interrupted", e.history().stopReason());
      assertEquals(1, e.history().epochCount());
    }
  }

  @Test
  void earlyStoppingInAFitRecordsWhy() {
    fake.evaluateLoss(c -> new double[] {0.5, 0.4, 0.45, 0.46, 0.47, 0.48}[fake.onlyModel().calls("evaluate")
        .size() - 1]);
    try (CompiledModel m = model(Optimizer.sgd(0.1))) {
      History h = m.fit(data(4), quiet(6).validationData(data(2)).callbacks(EarlyStopping.builder().patience(2)
          .build()).build());
      assertEquals("EarlyStopping: val_loss did not improve for 2 epochs (best 0.4 at epoch 2)", h.stopReason());
      assertArrayEquals(new int[] {1, 2, 3, 4}, h.epochNumbers());
    }
  }

  @Test
  void learningRateSchedulerSetsEachEpochsRate() {
    try (CompiledModel m = model(Optimizer.adam(0.03))) {
      // Keras: lr / 2 at every epoch from 0.03 gives 0.03 / 4 in the second epoch
      History h = m.fit(data(4), quiet(2).callbacks(LearningRateScheduler.of((e, lr) -> lr / 2)).build());
      assertArrayEquals(new double[] {0.015, 0.0075}, h.get("learning_rate"), 1e-15);
      // Keras: 1 / (2 + epoch) in the first epoch is 0.5
      History first = m.fit(data(4), quiet(1).callbacks(LearningRateScheduler.ofEpoch(e -> 1.0 / (2 + e))).build());
      assertEquals(0.5, first.last("learning_rate"));
    }
    LearningRateScheduler negative = LearningRateScheduler.ofEpoch(e -> -1);
    try (CompiledModel m = model(Optimizer.sgd(0.1))) {
      assertMessage("LearningRateScheduler: the schedule gave -1.0 for epoch index 0; a learning rate must be finite"
          + " and ≥ 0", () -> m.fit(data(4), quiet(1).callbacks(negative).build()));
    }
  }

  @Test
  void thePlateauScalesAScheduleInsteadOfReplacingIt() {
    LearningRateSchedule decay = LearningRateSchedule.exponentialDecay(0.1, 2, 0.5); // 0.1 · 0.5^(t / 2)
    fake.evaluateLoss(c -> 1.0);
    try (CompiledModel m = model(Optimizer.sgd(decay))) {
      History h = m.fit(data(4), quiet(3).validationData(data(2)).callbacks(ReduceLROnPlateau.builder().patience(1)
          .factor(0.1).build()).build());
      double[] rates = h.learningRates();
      // updates 1..6, two an epoch; the flat val_loss reduces after epoch 2, so epoch 3's updates are scaled
      for (int t = 0; t < 4; t++) {
        assertEquals(decay.at(t), rates[t], 1e-15, "update " + (t + 1));
      }
      assertEquals(decay.at(4) * 0.1, rates[4], 1e-15);
      assertEquals(decay.at(5) * 0.1, rates[5], 1e-15);
    }
  }

  @Test
  void twoCallbacksWithOneStateKeyAreRefused() {
    try (CompiledModel m = model(Optimizer.sgd(0.1))) {
      assertMessage("fit: two callbacks have the state key 'EarlyStopping(val_loss)'", () -> m.fit(data(4),
          quiet(2).callbacks(EarlyStopping.builder().build(), EarlyStopping.builder().patience(3).build()).build()));
    }
  }

  @Test
  void callbackStatesGoThroughSaveAndLoadAndBindOnResume() {
    fake.evaluateLoss(c -> 1.0);
    Path file = dir.resolve("m.layerwise");
    try (CompiledModel m = model(Optimizer.sgd(0.1))) {
      m.fit(data(4), quiet(3).validationData(data(2)).callbacks(ReduceLROnPlateau.builder().patience(1).build(),
          EarlyStopping.builder().patience(5).build()).build());
      assertEquals(List.of("ReduceLROnPlateau(val_loss)", "EarlyStopping(val_loss)"),
          m.callbackStates().stream().map(CallbackState::key).toList());
      m.save(file);
    }
    try (CompiledModel loaded = CompiledModel.load(file, fake)) {
      assertEquals(2, loaded.callbackStates().size());
      assertEquals(0.01, loaded.callbackStates().get(0).require("scale"), 1e-15);
      assertEquals(2.0, loaded.callbackStates().get(1).require("wait"));
      ReduceLROnPlateau plateau = ReduceLROnPlateau.builder().patience(1).build();
      History h = loaded.fit(data(4), quiet(4).initialEpoch(3).validationData(data(2)).callbacks(plateau).build());
      // epochs 2 and 3 each reduced (cooldown 0), so epoch 4 trains at 0.1 · 0.1², then reduces once more
      assertEquals(0.1 * 0.01, h.learningRates()[0], 1e-15);
      assertEquals(0.001, plateau.scale(), 1e-15);
      assertEquals(List.of("ReduceLROnPlateau(val_loss)"),
          loaded.callbackStates().stream().map(CallbackState::key).toList(), "the unmatched state is dropped");
    }
  }

  @Test
  void csvLoggerWritesSortedColumnsAndAppendsWithoutASecondHeader() throws Exception {
    fake.trainLoss(Call::step).evaluateLoss(c -> 0.25);
    Path csv = dir.resolve("log.csv");
    try (CompiledModel m = model(Optimizer.sgd(0.5))) {
      m.fit(data(2), quiet(2).validationData(data(2)).callbacks(CSVLogger.to(csv)).build());
      m.fit(data(2), quiet(3).initialEpoch(2).validationData(data(2)).callbacks(CSVLogger.to(csv).append(true))
          .build());
    }
    assertEquals(List.of("epoch,learning_rate,loss,val_loss", "0,0.5,1.0,0.25", "1,0.5,2.0,0.25",
        "2,0.5,3.0,0.25"), Files.readAllLines(csv));
    try (CompiledModel m = model(Optimizer.sgd(0.5))) {
      m.fit(data(2), quiet(1).callbacks(CSVLogger.to(csv).separator('\t')).build());
    }
    assertEquals(List.of("epoch\tlearning_rate\tloss", "0\t0.5\t1.0"), Files.readAllLines(csv), "replaced");
    assertMessage("separator must not be a line break or a quote, got '\"'", () -> CSVLogger.to(csv).separator('"'));
  }
}
