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
    assertEquals(new Sgd(constant(0.01), 0, false, UpdateFormula.KERAS, 0, NONE), Sgd.DEFAULT);
    assertEquals(new Sgd(constant(0.1), 0, false, UpdateFormula.KERAS, 0, NONE), Optimizer.sgd(0.1));
    assertEquals(List.of(), Optimizer.sgd(0.1).slotNames());
  }

  @Test
  void sgdWithMomentumKeepsOneAccumulatorStartingAtZero() {
    Sgd momentum = Optimizer.sgd(0.1).withMomentum(0.9);
    assertEquals(new Sgd(constant(0.1), 0.9, false, UpdateFormula.KERAS, 0, NONE), momentum);
    assertSlots(momentum, List.of("momentum"), 0);
    Sgd nesterov = Optimizer.sgd(0.1).withNesterov(0.9);
    assertEquals(new Sgd(constant(0.1), 0.9, true, UpdateFormula.KERAS, 0, NONE), nesterov);
    assertTrue(nesterov.nesterov());
    assertSlots(nesterov, List.of("momentum"), 0);
    assertTrue(nesterov.withMomentum(0.5).nesterov(), "withMomentum keeps Nesterov");
  }

  @Test
  void adagradDefaultsAndItsAccumulatorStartsAtTheConfiguredValue() {
    assertEquals(new Adagrad(constant(0.001), 0.1, 1e-7, UpdateFormula.KERAS, 0, NONE), Adagrad.DEFAULT);
    Adagrad a = Optimizer.adagrad(0.01);
    assertEquals(new Adagrad(constant(0.01), 0.1, 1e-7, UpdateFormula.KERAS, 0, NONE), a);
    assertSlots(a, List.of("accumulator"), 0.1);
    assertSlots(a.withInitialAccumulatorValue(0.01), List.of("accumulator"), 0.01);  // TF Java's value
    assertSlots(a.withInitialAccumulatorValue(0), List.of("accumulator"), 0);        // PyTorch's
    assertEquals(1e-10, a.withEpsilon(1e-10).epsilon());
  }

  @Test
  void rmspropDefaultsToKerasWithTheMeanSquareStartingAtZero() {
    assertEquals(new RMSprop(constant(0.001), 0.9, 0, 1e-7, false, 0, 0, NONE), RMSprop.DEFAULT);
    RMSprop r = Optimizer.rmsprop(0.002);
    assertEquals(new RMSprop(constant(0.002), 0.9, 0, 1e-7, false, 0, 0, NONE), r);
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
    assertEquals(new RMSprop(constant(0.001), 0.8, 0.9, 1e-10, true, 1.0, 0, NONE), tfJava);
    assertEquals(List.of("rms", "momentum", "mg"), tfJava.slotNames());
    assertEquals(1.0, tfJava.slotInitialValue("rms"));
    assertEquals(0.0, tfJava.slotInitialValue("momentum"));
    assertEquals(0.0, tfJava.slotInitialValue("mg"));
  }

  @Test
  void adadeltaDefaultsAndItsTwoAccumulators() {
    assertEquals(new Adadelta(constant(0.001), 0.95, 1e-7, 0, NONE), Adadelta.DEFAULT);
    Adadelta a = Optimizer.adadelta(1.0);
    assertEquals(new Adadelta(constant(1.0), 0.95, 1e-7, 0, NONE), a);
    assertSlots(a, List.of("accumulator", "delta_accumulator"), 0, 0);
    assertEquals(new Adadelta(constant(1.0), 0.9, 1e-6, 0, NONE), a.withRho(0.9).withEpsilon(1e-6));
  }

  @Test
  void adamFamilyDefaultsToKerasBetasAndEpsilonWithZeroMoments() {
    assertEquals(new Adam(constant(0.001), 0.9, 0.999, 1e-7, false, 0, NONE), Adam.DEFAULT);
    assertEquals(0.9, Adam.DEFAULT_BETA1);
    assertEquals(0.999, Adam.DEFAULT_BETA2);
    assertEquals(1e-7, Adam.DEFAULT_EPSILON);
    assertEquals(new Adamax(constant(0.001), 0.9, 0.999, 1e-7, 0, NONE), Adamax.DEFAULT);
    assertEquals(new Nadam(constant(0.001), 0.9, 0.999, 1e-7, UpdateFormula.KERAS, 0, NONE), Nadam.DEFAULT);
    assertEquals(new AdamW(constant(0.001), 0.004, 0.9, 0.999, 1e-7, false, NONE), AdamW.DEFAULT);

    assertEquals(new Adam(constant(0.002), 0.9, 0.999, 1e-7, false, 0, NONE), Optimizer.adam(0.002));
    assertEquals(new Adamax(constant(0.002), 0.9, 0.999, 1e-7, 0, NONE), Optimizer.adamax(0.002));
    assertEquals(new Nadam(constant(0.002), 0.9, 0.999, 1e-7, UpdateFormula.KERAS, 0, NONE), Optimizer.nadam(0.002));
    assertEquals(new AdamW(constant(0.002), 0.01, 0.9, 0.999, 1e-7, false, NONE), Optimizer.adamW(0.002, 0.01));

    for (Optimizer o : List.of(Optimizer.adam(0.002), Optimizer.nadam(0.002), Optimizer.adamW(0.002, 0.01))) {
      assertSlots(o, List.of("m", "v"), 0, 0);
    }
    // Adamax's second slot is the infinity norm u, under Keras's name
    assertSlots(Optimizer.adamax(0.002), List.of("m", "u"), 0, 0);
  }

  @Test
  void adamFamilyWithersChangeOneField() {
    assertEquals(new Adamax(constant(0.01), 0.8, 0.99, 1e-8, 0, NONE),
        Optimizer.adamax(0.002).withBeta1(0.8).withBeta2(0.99).withEpsilon(1e-8).withLearningRate(0.01));
    assertEquals(new Nadam(constant(0.01), 0.8, 0.99, 1e-8, UpdateFormula.KERAS, 0, NONE),
        Optimizer.nadam(0.002).withBeta1(0.8).withBeta2(0.99).withEpsilon(1e-8).withLearningRate(0.01));
    assertEquals(new AdamW(constant(0.01), 0.05, 0.8, 0.99, 1e-8, false, NONE),
        Optimizer.adamW(0.002, 0.01).withWeightDecay(0.05).withBeta1(0.8).withBeta2(0.99).withEpsilon(1e-8)
            .withLearningRate(0.01));
    assertEquals(0.0, Optimizer.adamW(0.002, 0).weightDecay(), "no decay is allowed: plain Adam");
  }

  @Test
  void kerassFormulaIsTheDefaultAndTfsOpIsSelectable() {
    assertEquals(UpdateFormula.KERAS, Optimizer.sgd(0.1).withMomentum(0.9).formula());
    assertEquals(UpdateFormula.KERAS, Optimizer.adagrad(0.1).formula());
    assertEquals(UpdateFormula.KERAS, Optimizer.nadam(0.1).formula());
    Sgd tfMomentum = Optimizer.sgd(0.1).withMomentum(0.9).withFormula(UpdateFormula.TF_OP);
    assertEquals(new Sgd(constant(0.1), 0.9, false, UpdateFormula.TF_OP, 0, NONE), tfMomentum);
    assertEquals(UpdateFormula.TF_OP, tfMomentum.withNesterov(0.8).formula(), "withNesterov keeps the formula");
    assertEquals(new Adagrad(constant(0.1), 0.1, 1e-7, UpdateFormula.TF_OP, 0, NONE),
        Optimizer.adagrad(0.1).withFormula(UpdateFormula.TF_OP));
    assertEquals(new Nadam(constant(0.1), 0.9, 0.999, 1e-7, UpdateFormula.TF_OP, 0, NONE),
        Optimizer.nadam(0.1).withFormula(UpdateFormula.TF_OP));
    // the slots are the same under both formulas (what they hold differs for SGD: v = −η·a)
    assertEquals(List.of("momentum"), tfMomentum.slotNames());
    assertEquals(List.of("m", "v"), Optimizer.nadam(0.1).withFormula(UpdateFormula.TF_OP).slotNames());
  }

  @Test
  void amsgradAddsTheRunningMaximumOfVAsAThirdSlotStartingAtZero() {
    assertFalse(Optimizer.adam(0.1).amsgrad());
    assertFalse(Optimizer.adamW(0.1, 0.004).amsgrad());
    Adam adam = Optimizer.adam(0.1).withAmsgrad(true);
    assertEquals(new Adam(constant(0.1), 0.9, 0.999, 1e-7, true, 0, NONE), adam);
    assertSlots(adam, List.of("m", "v", "v_hat"), 0, 0, 0);
    AdamW adamW = Optimizer.adamW(0.1, 0.004).withAmsgrad(true);
    assertEquals(new AdamW(constant(0.1), 0.004, 0.9, 0.999, 1e-7, true, NONE), adamW);
    assertSlots(adamW, List.of("m", "v", "v_hat"), 0, 0, 0);
    assertTrue(adam.withBeta1(0.5).withEpsilon(1e-3).amsgrad(), "the withers keep AMSGrad");
  }

  @Test
  void everyOptimizerTakesAWeightDecayOnlyAdamWByDefault() {
    List<Optimizer> all = List.of(Optimizer.sgd(0.1), Optimizer.adagrad(0.1), Optimizer.rmsprop(0.1),
        Optimizer.adadelta(0.1), Optimizer.adam(0.1), Optimizer.adamax(0.1), Optimizer.nadam(0.1));
    for (Optimizer o : all) {
      assertEquals(0.0, o.weightDecay(), o.toString());
      Optimizer decayed = o.withWeightDecay(0.004);
      assertEquals(0.004, decayed.weightDecay(), o.toString());
      assertSame(o.getClass(), decayed.getClass());
      assertEquals(o.slotNames(), decayed.slotNames(), "a decay adds no slot: " + o);
      assertEquals(o, decayed.withWeightDecay(0), "withWeightDecay changes only the decay: " + o);
    }
    assertEquals(0.004, AdamW.DEFAULT.weightDecay(), "Keras's AdamW default");
    // Adam with a weight decay is AdamW's rule (Keras: AdamW is Adam with weight_decay)
    assertEquals(new Adam(constant(0.1), 0.9, 0.999, 1e-7, false, 0.01, NONE),
        Optimizer.adam(0.1).withWeightDecay(0.01));
  }

  @Test
  void nadamsMomentumScheduleAndItsRunningProductAreKerassFormulas() {
    // μ_t = β₁(1 − ½·0.96ᵗ): μ₁ = 0.9·0.52 = 0.468, μ₂ = 0.9·(1 − ½·0.9216) = 0.48528, μ → β₁ as t grows
    assertEquals(0.468, Nadam.momentumSchedule(0.9, 1), 1e-15);
    assertEquals(0.48528, Nadam.momentumSchedule(0.9, 2), 1e-15);
    assertEquals(0.9, Nadam.momentumSchedule(0.9, 2000), 1e-15);
    // Π_t = μ₁·…·μ_t
    assertEquals(1.0, Nadam.momentumProduct(0.9, 0));
    assertEquals(0.468, Nadam.momentumProduct(0.9, 1), 1e-15);
    assertEquals(0.468 * 0.48528, Nadam.momentumProduct(0.9, 2), 1e-15);
    // past the point where 0.96ⁱ stops mattering the product continues as one power of β₁, seamlessly
    double product = 1;
    for (long t = 1; t <= 1500; t++) {
      product *= Nadam.momentumSchedule(0.95, t);
      assertEquals(product, Nadam.momentumProduct(0.95, t), 1e-12 * product, "t = " + t);
    }
    assertEquals(0.0, Nadam.momentumProduct(0, 3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nadam.momentumProduct(0.9, -1));
    assertEquals("Nadam: the step index t must be ≥ 0, got -1", e.getMessage());
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
    assertEquals(new AdamW(s, 0.01, 0.9, 0.999, 1e-7, false, NONE), Optimizer.adamW(s, 0.01));
    assertEquals(new RMSprop(s, 0.9, 0, 1e-7, false, 0, 0, NONE), Optimizer.rmsprop(s));
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
