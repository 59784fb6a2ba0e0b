package dev.layerwise.callbacks;

import static dev.layerwise.callbacks.ManualContext.logs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CallbackState;
import dev.layerwise.CompiledModel;
import dev.layerwise.History;
import dev.layerwise.NdValue;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.testing.FakeBackend;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * EarlyStopping fed fixed sequences of monitored values, as Keras's early_stopping_test does; the weights of an
 * epoch are stood for by a bias holding the epoch's number (Keras's DummyModel).
 */
class EarlyStoppingTest {

  /** Feeds {@code values} as epochs 1, 2, …; returns the epoch training stopped after, or 0. */
  private static int run(EarlyStopping stop, ManualContext context, String key, double... values) {
    stop.onTrainBegin(context);
    for (int e = 1; e <= values.length; e++) {
      if (context.model() != null) {
        context.model().setWeight("dense/bias", NdValue.of(Shape.of(1), (float) e));
      }
      stop.onEpochEnd(logs(e, key, values[e - 1]));
      if (context.stopRequested()) {
        stop.onTrainEnd(new History());
        return e;
      }
    }
    stop.onTrainEnd(new History());
    return 0;
  }

  private static CompiledModel dummyModel() {
    return Sequential.of(Input.shape(1), Dense.units(1)).withSeed(1).compile(new FakeBackend(), Optimizer.sgd(0.1),
        Loss.meanSquaredError());
  }

  private static double epochOfWeights(CompiledModel m) {
    return m.weight("dense/bias").getFlat(0);
  }

  @Test
  void patienceCountsEpochsWithoutImprovement() {
    // Keras: losses 10, 9, 8, 9, 8.9, 8.8, …; stopped at 0-based epoch max(patience, 1) + 2, so 1-based + 3
    double[] losses = {10, 9, 8, 9, 8.9, 8.8, 8.7, 8.6, 8.5};
    for (int patience = 0; patience <= 3; patience++) {
      ManualContext context = new ManualContext(0.1);
      EarlyStopping stop = EarlyStopping.builder().monitor("loss").patience(patience).build();
      assertEquals(Math.max(patience, 1) + 3, run(stop, context, "loss", losses), "patience " + patience);
      assertEquals(8, stop.best());
      assertEquals(3, stop.bestEpoch());
    }
  }

  @Test
  void theReasonNamesTheMonitorTheWaitAndTheBest() {
    ManualContext context = new ManualContext(0.1);
    run(EarlyStopping.builder().monitor("val_loss").patience(2).build(), context, "val_loss", 0.5, 0.41, 0.45, 0.42);
    assertEquals("EarlyStopping: val_loss did not improve for 2 epochs (best 0.41 at epoch 2)", context.stopReason);
  }

  @Test
  void restoresTheBestEpochsWeightsWhenItStops() {
    try (CompiledModel m = dummyModel()) {
      ManualContext context = new ManualContext(m, 0.1);
      EarlyStopping stop = EarlyStopping.builder().patience(2).restoreBestWeights(true).build();
      // Keras: val_loss 0.2, 0.15, 0.1, 0.11, 0.12 with patience 2 stops at the fifth epoch; the best is the third
      assertEquals(5, run(stop, context, "val_loss", 0.2, 0.15, 0.1, 0.11, 0.12));
      assertEquals(3, epochOfWeights(m));
    }
  }

  @Test
  void anEpochThatImprovesButMissesTheBaselineDoesNotResetTheWait() {
    try (CompiledModel m = dummyModel()) {
      ManualContext context = new ManualContext(m, 0.1);
      EarlyStopping stop = EarlyStopping.builder().patience(5).baseline(0.5).restoreBestWeights(true).build();
      // Keras: nothing beats the baseline 0.5, so it stops after 5 epochs and restores the best, the third
      assertEquals(5, run(stop, context, "val_loss", 0.9, 0.8, 0.7, 0.71, 0.72, 0.73));
      assertEquals(3, epochOfWeights(m));
      assertTrue(context.stopReason.contains("on the baseline 0.5"), context.stopReason);
    }
  }

  @Test
  void restoresTheBestWeightsWhenAnotherCallbackStops() {
    try (CompiledModel m = dummyModel()) {
      ManualContext context = new ManualContext(m, 0.1);
      EarlyStopping stop = EarlyStopping.builder().patience(5).baseline(0.5).restoreBestWeights(true).build();
      stop.onTrainBegin(context);
      double[] losses = {0.9, 0.8, 0.7, 0.71};
      for (int e = 1; e <= losses.length; e++) {
        m.setWeight("dense/bias", NdValue.of(Shape.of(1), (float) e));
        stop.onEpochEnd(logs(e, "val_loss", losses[e - 1]));
      }
      assertNull(context.stopReason, "its own patience is not used up");
      stop.onTrainEnd(new History()); // another callback ended training after epoch 4
      assertEquals(3, epochOfWeights(m));
    }
  }

  @Test
  void startFromEpochWatchesOnlyAfterTheWarmUp() {
    ManualContext context = new ManualContext(0.1);
    EarlyStopping stop = EarlyStopping.builder().monitor("loss").patience(0).startFromEpoch(2).build();
    // Worse and worse from the start: epochs 1 and 2 are the warm-up, epoch 3 sets the best, epoch 4 stops
    assertEquals(4, run(stop, context, "loss", 1, 2, 3, 4, 5));
    assertEquals(3, stop.bestEpoch());
  }

  @Test
  void minDeltaIsTheSmallestChangeThatCounts() {
    ManualContext context = new ManualContext(0.1);
    EarlyStopping stop = EarlyStopping.builder().monitor("val_accuracy").minDelta(0.05).patience(1).build();
    // max mode: 0.5 then 0.54 (+0.04 < 0.05: no improvement) stops at epoch 2
    assertEquals(2, run(stop, context, "val_accuracy", 0.5, 0.54, 0.9));
    assertEquals(0.5, stop.best());
  }

  @Test
  void trainBeginForgetsTheLastRun() {
    ManualContext context = new ManualContext(0.1);
    EarlyStopping stop = EarlyStopping.builder().monitor("loss").patience(3).build();
    run(stop, context, "loss", 0.1, 0.2);
    stop.onTrainBegin(new ManualContext(0.1));
    assertTrue(Double.isNaN(stop.best()));
    assertEquals(0, stop.waited());
    assertEquals(0, stop.bestEpoch());
  }

  @Test
  void theStateContinuesInAnotherInstance() {
    EarlyStopping first = EarlyStopping.builder().monitor("loss").patience(3).build();
    run(first, new ManualContext(0.1), "loss", 10, 9, 8, 9);
    CallbackState state = first.state();
    assertEquals("EarlyStopping(loss)", state.key());
    assertEquals(Map.of("wait", 1.0, "best_epoch", 3.0, "best", 8.0), state.values());

    EarlyStopping resumed = EarlyStopping.builder().monitor("loss").patience(3).build();
    ManualContext context = new ManualContext(0.1);
    resumed.onTrainBegin(context);
    resumed.restore(state);
    resumed.onEpochEnd(logs(5, "loss", 8.9));
    assertNull(context.stopReason);
    resumed.onEpochEnd(logs(6, "loss", 8.8));
    assertEquals("EarlyStopping: loss did not improve for 3 epochs (best 8 at epoch 3)", context.stopReason);
  }

  @Test
  void modeIsInferredFromTheMonitorsName() {
    ManualContext context = new ManualContext(0.1);
    EarlyStopping acc = EarlyStopping.builder().monitor("val_accuracy").patience(0).build();
    assertEquals(0, run(acc, context, "val_accuracy", 0.5, 0.6, 0.7), "accuracy going up improves");
    EarlyStopping loss = EarlyStopping.builder().monitor("val_loss").patience(0).build();
    assertEquals(2, run(loss, new ManualContext(0.1), "val_loss", 0.5, 0.6), "a loss going up does not");
    EarlyStopping forced = EarlyStopping.builder().monitor("val_loss").mode(Mode.MAX).patience(0).build();
    assertEquals(0, run(forced, new ManualContext(0.1), "val_loss", 0.5, 0.6));
  }

  @Test
  void badInputIsRefusedNamingTheArgument() {
    assertMessage("patience must be ≥ 0, got -1", () -> EarlyStopping.builder().patience(-1));
    assertMessage("minDelta must be finite and ≥ 0, got -0.1", () -> EarlyStopping.builder().minDelta(-0.1));
    assertMessage("startFromEpoch must be ≥ 0, got -2", () -> EarlyStopping.builder().startFromEpoch(-2));
    assertMessage("baseline must be finite, got NaN", () -> EarlyStopping.builder().baseline(Double.NaN));
    assertMessage("cannot tell whether monitor 'val_widgets' should go down or up; pass mode(Mode.MIN) or"
        + " mode(Mode.MAX)", () -> EarlyStopping.builder().monitor("val_widgets").build());
    EarlyStopping stop = EarlyStopping.builder().monitor("val_accuracy").build();
    stop.onTrainBegin(new ManualContext(0.1));
    assertMessage("EarlyStopping: monitor 'val_accuracy' is not among the values epoch 1 logged [loss, val_loss]",
        () -> stop.onEpochEnd(new dev.layerwise.EpochLogs(1, 3, 1, 0, Map.of("loss", 1.0, "val_loss", 1.0))));
    EarlyStopping noValidation = EarlyStopping.builder().build();
    noValidation.onTrainBegin(new ManualContext(0.1));
    assertMessage("monitor 'val_loss' is not among the values epoch 2 logged [accuracy, loss] (val_ values need"
        + " validationData)", () -> noValidation.onEpochEnd(new dev.layerwise.EpochLogs(2, 3, 1, 0,
            Map.of("loss", 1.0, "accuracy", 0.5))));
  }

  static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
