package dev.layerwise.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.schedules.LearningRateSchedule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer's defaults (Keras 3's, as its javadoc states them), its slot names in order and the value each slot
 * starts at, and that the factories and withers change only what they name.
 */
class OptimizerDefaultsTest {
  private static final GradientClipping NONE = GradientClipping.NONE;

  private static LearningRateSchedule constant(double rate) {
    return LearningRateSchedule.constant(rate);
  }

  /** The slot names, in order, and the value each starts at. */
  private static void assertSlots(Optimizer o, List<String> names, double... initialValues) {
    assertEquals(names, o.slotNames(), o + " slot names");
    for (int i = 0; i < names.size(); i++) {
      assertEquals(initialValues[i], o.slotInitialValue(names.get(i)), 0.0, o + " slot " + names.get(i));
    }
  }

  @Test
  void sgdDefaultsToKerasRateWithoutMomentumAndHasNoSlots() {
    assertEquals(new Sgd(constant(0.01), 0, false, NONE), Sgd.DEFAULT);
    assertEquals(new Sgd(constant(0.1), 0, false, NONE), Optimizer.sgd(0.1));
    assertEquals(List.of(), Optimizer.sgd(0.1).slotNames());
  }

  @Test
  void sgdWithMomentumKeepsOneAccumulatorStartingAtZero() {
    Sgd momentum = Optimizer.sgd(0.1).withMomentum(0.9);
    assertEquals(new Sgd(constant(0.1), 0.9, false, NONE), momentum);
    assertSlots(momentum, List.of("momentum"), 0);
    Sgd nesterov = Optimizer.sgd(0.1).withNesterov(0.9);
    assertEquals(new Sgd(constant(0.1), 0.9, true, NONE), nesterov);
    assertTrue(nesterov.nesterov());
    assertSlots(nesterov, List.of("momentum"), 0);
    assertTrue(nesterov.withMomentum(0.5).nesterov(), "withMomentum keeps Nesterov");
  }

  @Test
  void adagradDefaultsAndItsAccumulatorStartsAtTheConfiguredValue() {
    assertEquals(new Adagrad(constant(0.001), 0.1, 1e-7, NONE), Adagrad.DEFAULT);
    Adagrad a = Optimizer.adagrad(0.01);
    assertEquals(new Adagrad(constant(0.01), 0.1, 1e-7, NONE), a);
    assertSlots(a, List.of("accumulator"), 0.1);
    assertSlots(a.withInitialAccumulatorValue(0.01), List.of("accumulator"), 0.01);  // TF Java's value
    assertSlots(a.withInitialAccumulatorValue(0), List.of("accumulator"), 0);        // PyTorch's
    assertEquals(1e-10, a.withEpsilon(1e-10).epsilon());
  }

  @Test
  void rmspropDefaultsToKerasWithTheMeanSquareStartingAtZero() {
    assertEquals(new RMSprop(constant(0.001), 0.9, 0, 1e-7, false, 0, NONE), RMSprop.DEFAULT);
    RMSprop r = Optimizer.rmsprop(0.002);
    assertEquals(new RMSprop(constant(0.002), 0.9, 0, 1e-7, false, 0, NONE), r);
    assertFalse(r.centered());
    // ApplyRMSProp always has a momentum slot, even at μ = 0
    assertEquals(List.of("rms", "momentum"), r.slotNames());
    assertEquals(0.0, r.slotInitialValue("rms"));
    assertEquals(0.0, r.slotInitialValue("momentum"));
  }

  @Test
  void centeredRmspropAddsTheMeanGradientSlotAndTfJavasSettingsCanBeMatched() {
    RMSprop tfJava = Optimizer.rmsprop(0.001).withInitialMeanSquare(1.0).withEpsilon(1e-10).withCentered(true)
        .withMomentum(0.9).withRho(0.8);
    assertEquals(new RMSprop(constant(0.001), 0.8, 0.9, 1e-10, true, 1.0, NONE), tfJava);
    assertEquals(List.of("rms", "momentum", "mg"), tfJava.slotNames());
    assertEquals(1.0, tfJava.slotInitialValue("rms"));
    assertEquals(0.0, tfJava.slotInitialValue("momentum"));
    assertEquals(0.0, tfJava.slotInitialValue("mg"));
  }

  @Test
  void adadeltaDefaultsAndItsTwoAccumulators() {
    assertEquals(new Adadelta(constant(0.001), 0.95, 1e-7, NONE), Adadelta.DEFAULT);
    Adadelta a = Optimizer.adadelta(1.0);
    assertEquals(new Adadelta(constant(1.0), 0.95, 1e-7, NONE), a);
    assertSlots(a, List.of("accumulator", "delta_accumulator"), 0, 0);
    assertEquals(new Adadelta(constant(1.0), 0.9, 1e-6, NONE), a.withRho(0.9).withEpsilon(1e-6));
  }

  @Test
  void adamFamilyDefaultsToKerasBetasAndEpsilonWithZeroMoments() {
    assertEquals(new Adam(constant(0.001), 0.9, 0.999, 1e-7, NONE), Adam.DEFAULT);
    assertEquals(0.9, Adam.DEFAULT_BETA1);
    assertEquals(0.999, Adam.DEFAULT_BETA2);
    assertEquals(1e-7, Adam.DEFAULT_EPSILON);
    assertEquals(new Adamax(constant(0.001), 0.9, 0.999, 1e-7, NONE), Adamax.DEFAULT);
    assertEquals(new Nadam(constant(0.001), 0.9, 0.999, 1e-7, NONE), Nadam.DEFAULT);
    assertEquals(new AdamW(constant(0.001), 0.004, 0.9, 0.999, 1e-7, NONE), AdamW.DEFAULT);

    assertEquals(new Adam(constant(0.002), 0.9, 0.999, 1e-7, NONE), Optimizer.adam(0.002));
    assertEquals(new Adamax(constant(0.002), 0.9, 0.999, 1e-7, NONE), Optimizer.adamax(0.002));
    assertEquals(new Nadam(constant(0.002), 0.9, 0.999, 1e-7, NONE), Optimizer.nadam(0.002));
    assertEquals(new AdamW(constant(0.002), 0.01, 0.9, 0.999, 1e-7, NONE), Optimizer.adamW(0.002, 0.01));

    for (Optimizer o : List.of(Optimizer.adam(0.002), Optimizer.nadam(0.002), Optimizer.adamW(0.002, 0.01))) {
      assertSlots(o, List.of("m", "v"), 0, 0);
    }
    // Adamax's second slot is the infinity norm u, under Keras's name
    assertSlots(Optimizer.adamax(0.002), List.of("m", "u"), 0, 0);
  }

  @Test
  void adamFamilyWithersChangeOneField() {
    assertEquals(new Adamax(constant(0.01), 0.8, 0.99, 1e-8, NONE),
        Optimizer.adamax(0.002).withBeta1(0.8).withBeta2(0.99).withEpsilon(1e-8).withLearningRate(0.01));
    assertEquals(new Nadam(constant(0.01), 0.8, 0.99, 1e-8, NONE),
        Optimizer.nadam(0.002).withBeta1(0.8).withBeta2(0.99).withEpsilon(1e-8).withLearningRate(0.01));
    assertEquals(new AdamW(constant(0.01), 0.05, 0.8, 0.99, 1e-8, NONE),
        Optimizer.adamW(0.002, 0.01).withWeightDecay(0.05).withBeta1(0.8).withBeta2(0.99).withEpsilon(1e-8)
            .withLearningRate(0.01));
    assertEquals(0.0, Optimizer.adamW(0.002, 0).weightDecay(), "no decay is allowed: plain Adam");
  }

  @Test
  void everyOptimizerStartsWithoutClippingAndTakesItByWither() {
    GradientClipping clip = GradientClipping.byGlobalNorm(1.0);
    List<Optimizer> clipped = List.of(Optimizer.sgd(0.1).withClipping(clip), Optimizer.adagrad(0.1).withClipping(clip),
        Optimizer.rmsprop(0.1).withClipping(clip), Optimizer.adadelta(0.1).withClipping(clip),
        Optimizer.adam(0.1).withClipping(clip), Optimizer.adamax(0.1).withClipping(clip),
        Optimizer.nadam(0.1).withClipping(clip), Optimizer.adamW(0.1, 0.01).withClipping(clip));
    for (Optimizer o : clipped) {
      assertSame(clip, o.clipping(), o.toString());
      assertEquals(constant(0.1), o.learningRate(), o + ": the wither keeps the rate");
    }
    for (Optimizer o : List.of(Optimizer.sgd(0.1), Optimizer.adagrad(0.1), Optimizer.rmsprop(0.1),
        Optimizer.adadelta(0.1), Optimizer.adam(0.1), Optimizer.adamax(0.1), Optimizer.nadam(0.1),
        Optimizer.adamW(0.1, 0.01))) {
      assertSame(NONE, o.clipping(), o.toString());
      assertTrue(o.clipping().isNone());
    }
  }

  @Test
  void aSlotNameTheOptimizerDoesNotHaveIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Optimizer.adam(0.1).slotInitialValue("u"));
    assertEquals("Adam has no slot 'u'; its slots are [m, v]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(0.1).slotInitialValue("momentum"));
    assertTrue(e.getMessage().contains("Sgd has no slot 'momentum'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Optimizer.rmsprop(0.1).slotInitialValue("mg"));
    assertTrue(e.getMessage().contains("'mg'") && e.getMessage().contains("[rms, momentum]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Optimizer.adagrad(0.1).slotInitialValue("m"));
    assertTrue(e.getMessage().contains("[accumulator]"), e.getMessage());
  }

  @Test
  void everyFactoryTakesASchedule() {
    LearningRateSchedule s = LearningRateSchedule.cosineDecay(0.1, 1000);
    for (Optimizer o : List.of(Optimizer.sgd(s), Optimizer.adagrad(s), Optimizer.rmsprop(s), Optimizer.adadelta(s),
        Optimizer.adam(s), Optimizer.adamax(s), Optimizer.nadam(s), Optimizer.adamW(s, 0.01))) {
      assertSame(s, o.learningRate(), o.toString());
    }
    assertEquals(new AdamW(s, 0.01, 0.9, 0.999, 1e-7, NONE), Optimizer.adamW(s, 0.01));
    assertEquals(new RMSprop(s, 0.9, 0, 1e-7, false, 0, NONE), Optimizer.rmsprop(s));
  }

  @Test
  void aScheduleReplacesTheConstantRateOnEveryOptimizer() {
    LearningRateSchedule s = LearningRateSchedule.cosineDecay(0.1, 1000);
    for (Optimizer o : List.of(Optimizer.sgd(0.1).withLearningRate(s), Optimizer.adagrad(0.1).withLearningRate(s),
        Optimizer.rmsprop(0.1).withLearningRate(s), Optimizer.adadelta(0.1).withLearningRate(s),
        Optimizer.adam(0.1).withLearningRate(s), Optimizer.adamax(0.1).withLearningRate(s),
        Optimizer.nadam(0.1).withLearningRate(s), Optimizer.adamW(0.1, 0.01).withLearningRate(s))) {
      assertSame(s, o.learningRate(), o.toString());
    }
    assertEquals(0.9, Optimizer.sgd(s).withMomentum(0.9).momentum());
    assertSame(s, Optimizer.sgd(s).withMomentum(0.9).learningRate(), "withMomentum keeps the schedule");
  }

  @Test
  void gradientClippingKindsAndThresholds() {
    assertEquals(new GradientClipping(GradientClipping.Kind.VALUE, 0.5), GradientClipping.byValue(0.5));
    assertEquals(new GradientClipping(GradientClipping.Kind.NORM, 2.0), GradientClipping.byNorm(2.0));
    assertEquals(new GradientClipping(GradientClipping.Kind.GLOBAL_NORM, 5.0), GradientClipping.byGlobalNorm(5.0));
    assertTrue(NONE.isNone());
    assertFalse(GradientClipping.byValue(0.5).isNone());
  }
}
