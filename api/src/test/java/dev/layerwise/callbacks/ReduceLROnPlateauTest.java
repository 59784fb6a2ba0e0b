package dev.layerwise.callbacks;

import static dev.layerwise.callbacks.EarlyStoppingTest.assertMessage;
import static dev.layerwise.callbacks.ManualContext.logs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.CallbackState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ReduceLROnPlateau with Keras's test cases (reduce_lr_on_plateau_test: a rate of 0.1, patience 1, factor 0.1 and
 * a minDelta so large that nothing after the first epoch improves), fed val_loss values by hand.
 */
class ReduceLROnPlateauTest {

  /** The rate after feeding {@code epochs} epochs of a flat val_loss. */
  private static double rateAfter(ReduceLROnPlateau plateau, ManualContext context, int epochs) {
    plateau.onTrainBegin(context);
    for (int e = 1; e <= epochs; e++) {
      plateau.onEpochEnd(logs(e, "val_loss", 1.0));
    }
    return context.learningRate();
  }

  @Test
  void reducesAfterPatienceEpochsWithoutImprovement() {
    ReduceLROnPlateau plateau = ReduceLROnPlateau.builder().patience(1).factor(0.1).minDelta(100).build();
    assertEquals(0.01, rateAfter(plateau, new ManualContext(0.1), 2), 1e-15); // Keras: 0.01 after 2 epochs
    assertEquals(0.1, plateau.scale(), 1e-15);
  }

  @Test
  void neverGoesBelowMinLr() {
    ReduceLROnPlateau plateau = ReduceLROnPlateau.builder().patience(1).factor(0.1).minDelta(10).minLr(0.005)
        .build();
    assertEquals(0.005, rateAfter(plateau, new ManualContext(0.1), 4), 1e-15); // Keras: 0.005 after 4 epochs
  }

  @Test
  void aCooldownSkipsEpochsAfterAReduction() {
    ReduceLROnPlateau plateau = ReduceLROnPlateau.builder().patience(1).factor(0.1).minDelta(100).cooldown(2)
        .build();
    // Keras: with a cooldown of 2, 4 epochs reduce twice (after epochs 2 and 4)
    assertEquals(0.001, rateAfter(plateau, new ManualContext(0.1), 4), 1e-15);
  }

  @Test
  void anImprovementResetsTheWait() {
    ReduceLROnPlateau plateau = ReduceLROnPlateau.builder().patience(2).factor(0.5).minDelta(0).build();
    ManualContext context = new ManualContext(0.2);
    plateau.onTrainBegin(context);
    double[] losses = {1.0, 1.0, 0.9, 0.95, 0.95};
    double[] rates = new double[losses.length];
    for (int e = 1; e <= losses.length; e++) {
      plateau.onEpochEnd(logs(e, "val_loss", losses[e - 1]));
      rates[e - 1] = context.learningRate();
    }
    // wait 1 after epoch 2, reset by epoch 3, 1 and 2 after epochs 4 and 5: halved then
    assertEquals(0.2, rates[3]);
    assertEquals(0.1, rates[4], 1e-15);
  }

  @Test
  void withAScheduleThePlateauScalesIt() {
    ReduceLROnPlateau plateau = ReduceLROnPlateau.builder().patience(1).factor(0.5).minDelta(100).build();
    ManualContext context = new ManualContext(0.08);
    rateAfter(plateau, context, 2);
    context.setBaseLearningRate(0.04); // the schedule decayed meanwhile
    assertEquals(0.02, context.learningRate(), 1e-15);
  }

  @Test
  void theStateContinuesInAnotherInstance() {
    ReduceLROnPlateau first = ReduceLROnPlateau.builder().patience(1).factor(0.1).minDelta(100).cooldown(2).build();
    rateAfter(first, new ManualContext(0.1), 3);
    CallbackState state = first.state();
    assertEquals("ReduceLROnPlateau(val_loss)", state.key());
    assertEquals(0.1, state.require("scale"), 1e-15);
    assertEquals(Map.of("wait", 0.0, "cooldown_counter", 1.0, "best", 1.0),
        Map.of("wait", state.require("wait"), "cooldown_counter", state.require("cooldown_counter"), "best",
            state.require("best")));

    ReduceLROnPlateau resumed = ReduceLROnPlateau.builder().patience(1).factor(0.1).minDelta(100).cooldown(2).build();
    ManualContext context = new ManualContext(0.1);
    resumed.onTrainBegin(context);
    resumed.restore(state);
    assertEquals(0.01, context.learningRate(), 1e-15, "the reduced rate is back");
    resumed.onEpochEnd(logs(4, "val_loss", 1.0));
    assertEquals(0.001, context.learningRate(), 1e-15, "and the cooldown ends where it would have");
  }

  @Test
  void badInputIsRefusedNamingTheArgument() {
    assertMessage("factor must be in (0, 1) (the rate is multiplied by it), got 1.0",
        () -> ReduceLROnPlateau.builder().factor(1));
    assertMessage("factor must be in (0, 1) (the rate is multiplied by it), got 0.0",
        () -> ReduceLROnPlateau.builder().factor(0));
    assertMessage("patience must be ≥ 0, got -1", () -> ReduceLROnPlateau.builder().patience(-1));
    assertMessage("cooldown must be ≥ 0, got -3", () -> ReduceLROnPlateau.builder().cooldown(-3));
    assertMessage("minDelta must be finite and ≥ 0, got -1.0", () -> ReduceLROnPlateau.builder().minDelta(-1));
    assertMessage("minLr must be finite and ≥ 0, got -0.5", () -> ReduceLROnPlateau.builder().minLr(-0.5));
  }
}
