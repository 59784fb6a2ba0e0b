package dev.layerwise.tf;

import static dev.layerwise.tf.TfOptimizerHarness.BIAS;
import static dev.layerwise.tf.TfOptimizerHarness.KERNEL;
import static dev.layerwise.tf.TfOptimizerHarness.assertSteps;
import static dev.layerwise.tf.TfOptimizerRules.SGD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.DType;
import dev.layerwise.optimizers.Adadelta;
import dev.layerwise.optimizers.Adagrad;
import dev.layerwise.optimizers.Adam;
import dev.layerwise.optimizers.AdamW;
import dev.layerwise.optimizers.Adamax;
import dev.layerwise.optimizers.GradientClipping;
import dev.layerwise.optimizers.Nadam;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.optimizers.RMSprop;
import dev.layerwise.optimizers.Sgd;
import dev.layerwise.optimizers.UpdateFormula;
import dev.layerwise.schedules.LearningRateSchedule;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.tf.TfOptimizerHarness.Grads;
import dev.layerwise.tf.TfOptimizerHarness.Step;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every optimizer and variant, teacher-forced through {@code applyGradients} for one or two updates, in float64
 * (tight) and float32, against its update rule written out per element ({@link TfOptimizerRules}: Keras's rule,
 * or TF's op where {@link UpdateFormula#TF_OP} selects it). Hyperparameters are chosen so each term is visible: ε of
 * 0.01 where its placement (inside or outside the root) matters, β₂ of 0.9 so the bias correction is far from 1,
 * and warm slots (t &gt; 1) so every slot's decay enters.
 */
class TfOptimizerTest {
  private static final LearningRateSchedule LR = LearningRateSchedule.constant(0.1);
  private static final Step FIRST = new Step(0.1, 1, Grads.G1);
  /** Warm starts: update t = 4 then t = 5 at a changed rate and gradient. */
  private static final Step[] WARM = {new Step(0.1, 4, Grads.G1), new Step(0.05, 5, Grads.G2)};

  /** Slot values that may have either sign (momenta, first moments, mean gradients): kernel ×4, bias ×2. */
  private static final double[] SIGNED = {0.1, -0.2, 0.05, 0.3, -0.15, 0.02};
  /** Slot values that must be non-negative (second moments, accumulators). */
  private static final double[] POSITIVE = {0.2, 0.05, 0.5, 0.01, 0.3, 0.15};

  @ParameterizedTest
  @EnumSource(DType.class)
  void sgdSubtractsTheScaledGradient(DType dtype) {
    Map<String, TensorValue> w = assertSteps(dtype, Optimizer.sgd(0.1), null, SGD, FIRST,
        new Step(0.05, 2, Grads.G2));
    // By hand: 0.5 − 0.1·0.3 − 0.05·(−0.2) = 0.48; −0.5 − 0.1·0.25 − 0.05·(−0.35) = −0.5075.
    assertEquals(0.48, w.get(KERNEL).data()[0], 1e-7);
    assertEquals(-0.5075, w.get(BIAS).data()[1], 1e-7);
    // Nesterov without momentum is the same plain descent, as in Keras
    assertSteps(dtype, Optimizer.sgd(0.1).withNesterov(0), null, SGD, FIRST, new Step(0.05, 2, Grads.G2));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void kerasMomentumFromZeroAndWarm(DType dtype) {
    Sgd sgd = Optimizer.sgd(0.1).withMomentum(0.9);
    assertSteps(dtype, sgd, null, TfOptimizerRules.kerasMomentum(0.9, false), FIRST, new Step(0.05, 2, Grads.G2));
    assertSteps(dtype, sgd, Map.of("momentum", SIGNED), TfOptimizerRules.kerasMomentum(0.9, false), WARM);
    assertSteps(dtype, sgd.withNesterov(0.9), Map.of("momentum", SIGNED), TfOptimizerRules.kerasMomentum(0.9, true),
        WARM);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void applyMomentumFromZeroAndWarm(DType dtype) {
    Sgd sgd = Optimizer.sgd(0.1).withMomentum(0.9).withFormula(UpdateFormula.TF_OP);
    assertSteps(dtype, sgd, null, TfOptimizerRules.applyMomentum(0.9, false), FIRST, new Step(0.05, 2, Grads.G2));
    assertSteps(dtype, sgd, Map.of("momentum", SIGNED), TfOptimizerRules.applyMomentum(0.9, false), WARM);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void nesterovLooksAheadAlongTheVelocity(DType dtype) {
    Map<String, double[]> warm = Map.of("momentum", SIGNED);
    Sgd tf = Optimizer.sgd(0.1).withFormula(UpdateFormula.TF_OP);
    Map<String, TensorValue> nesterov = assertSteps(dtype, tf.withNesterov(0.9), warm,
        TfOptimizerRules.applyMomentum(0.9, true), WARM);
    Map<String, TensorValue> plain = assertSteps(dtype, tf.withMomentum(0.9), warm,
        TfOptimizerRules.applyMomentum(0.9, false), WARM);
    // Same accumulator, different step: Nesterov's w differs by η·(g + μa − a) per update.
    double diff = Math.abs(nesterov.get(KERNEL).data()[3] - plain.get(KERNEL).data()[3]);
    assertTrue(diff > 1e-3, "Nesterov and plain momentum gave nearly the same weight (" + diff + ")");
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void adagradFromItsInitialAccumulatorAndWarm(DType dtype) {
    // Default: accumulator 0.1 (read back by the harness), ε 1e-7.
    assertSteps(dtype, Optimizer.adagrad(0.1), null, TfOptimizerRules.kerasAdagrad(1e-7), FIRST,
        new Step(0.05, 2, Grads.G2));
    Adagrad custom = Optimizer.adagrad(0.1).withInitialAccumulatorValue(0.5).withEpsilon(0.01);
    assertSteps(dtype, custom, null, TfOptimizerRules.kerasAdagrad(0.01), FIRST);
    assertSteps(dtype, custom, Map.of("accumulator", POSITIVE), TfOptimizerRules.kerasAdagrad(0.01), WARM);
    // TF's ApplyAdagradV2, ε outside the root
    Adagrad tf = custom.withFormula(UpdateFormula.TF_OP);
    assertSteps(dtype, tf, null, TfOptimizerRules.applyAdagradV2(0.01), FIRST);
    assertSteps(dtype, tf, Map.of("accumulator", POSITIVE), TfOptimizerRules.applyAdagradV2(0.01), WARM);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void rmspropPlain(DType dtype) {
    RMSprop rms = Optimizer.rmsprop(0.1).withRho(0.8).withEpsilon(0.01);
    assertSteps(dtype, rms, null, TfOptimizerRules.rmsprop(0.8, 0, 0.01, false), FIRST, new Step(0.05, 2, Grads.G2));
    // TF Java's conventions: mean square starting at 1, ε 1e-10.
    RMSprop tfJava = Optimizer.rmsprop(0.1).withInitialMeanSquare(1).withEpsilon(1e-10);
    assertSteps(dtype, tfJava, null, TfOptimizerRules.rmsprop(0.9, 0, 1e-10, false), FIRST);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void rmspropWithMomentumWarm(DType dtype) {
    RMSprop rms = Optimizer.rmsprop(0.1).withRho(0.8).withMomentum(0.9).withEpsilon(0.01);
    assertSteps(dtype, rms, Map.of("rms", POSITIVE, "momentum", SIGNED), TfOptimizerRules.rmsprop(0.8, 0.9, 0.01,
        false), WARM);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void centeredRmspropDividesByTheVariance(DType dtype) {
    RMSprop rms = Optimizer.rmsprop(0.1).withRho(0.8).withMomentum(0.9).withEpsilon(0.01).withCentered(true);
    double[] meanGradient = {0.05, -0.1, 0.02, 0.08, -0.05, 0.01};
    assertSteps(dtype, rms, Map.of("rms", POSITIVE, "momentum", SIGNED, "mg", meanGradient),
        TfOptimizerRules.rmsprop(0.8, 0.9, 0.01, true), WARM);
    assertSteps(dtype, rms.withMomentum(0), null, TfOptimizerRules.rmsprop(0.8, 0, 0.01, true), FIRST);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void adadelta(DType dtype) {
    Adadelta ada = Optimizer.adadelta(1.0).withRho(0.9).withEpsilon(1e-3);
    assertSteps(dtype, ada, null, TfOptimizerRules.adadelta(0.9, 1e-3), new Step(1.0, 1, Grads.G1),
        new Step(0.5, 2, Grads.G2));
    assertSteps(dtype, ada, Map.of("accumulator", POSITIVE, "delta_accumulator", new double[] {0.01, 0.002, 0.03,
        0.0005, 0.02, 0.004}), TfOptimizerRules.adadelta(0.9, 1e-3), WARM);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void adamFirstStepsAndWarm(DType dtype) {
    Adam adam = Optimizer.adam(0.1).withBeta1(0.8).withBeta2(0.9).withEpsilon(0.01);
    assertSteps(dtype, adam, null, TfOptimizerRules.adam(0.8, 0.9, 0.01, false), FIRST, new Step(0.05, 2, Grads.G2));
    assertSteps(dtype, adam, Map.of("m", SIGNED, "v", POSITIVE), TfOptimizerRules.adam(0.8, 0.9, 0.01, false), WARM);
    // Keras defaults, where the bias correction is extreme (1 − β₂ = 0.001).
    assertSteps(dtype, Optimizer.adam(0.01), null, TfOptimizerRules.adam(0.9, 0.999, 1e-7, false), FIRST);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void amsgradKeepsTheLargestSecondMoment(DType dtype) {
    Adam adam = Optimizer.adam(0.1).withBeta1(0.8).withBeta2(0.9).withEpsilon(0.01).withAmsgrad(true);
    assertSteps(dtype, adam, null, TfOptimizerRules.adam(0.8, 0.9, 0.01, true), FIRST, new Step(0.05, 2, Grads.G2));
    // v̂ above the new v at 0, 2, 4 and below it at 1, 3, 5 (v = 0.9·POSITIVE + 0.1·g² for G1)
    double[] vHat = {0.5, 0.01, 0.6, 0.001, 0.4, 0.001};
    assertSteps(dtype, adam, Map.of("m", SIGNED, "v", POSITIVE, "v_hat", vHat),
        TfOptimizerRules.adam(0.8, 0.9, 0.01, true), WARM);
    assertSteps(dtype, Optimizer.adamW(0.1, 0.5).withBeta1(0.8).withBeta2(0.9).withEpsilon(0.01).withAmsgrad(true),
        Map.of("m", SIGNED, "v", POSITIVE, "v_hat", vHat),
        TfOptimizerRules.decayed(0.5, TfOptimizerRules.adam(0.8, 0.9, 0.01, true)), WARM);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void kerasNadamFollowsTheMomentumSchedule(DType dtype) {
    Nadam nadam = Optimizer.nadam(0.1).withBeta1(0.8).withBeta2(0.9).withEpsilon(0.01);
    assertSteps(dtype, nadam, null, TfOptimizerRules.kerasNadam(0.8, 0.9, 0.01), FIRST, new Step(0.05, 2, Grads.G2));
    assertSteps(dtype, nadam, Map.of("m", SIGNED, "v", POSITIVE), TfOptimizerRules.kerasNadam(0.8, 0.9, 0.01), WARM);
    // late in training, where 0.96ᵗ has died away and Π_t is tiny
    assertSteps(dtype, Optimizer.nadam(0.01), Map.of("m", SIGNED, "v", POSITIVE),
        TfOptimizerRules.kerasNadam(0.9, 0.999, 1e-7), new Step(0.01, 1000, Grads.G1));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void applyAdamNesterovIsNadamsTfOp(DType dtype) {
    Nadam nadam = Optimizer.nadam(0.1).withBeta1(0.8).withBeta2(0.9).withEpsilon(0.01)
        .withFormula(UpdateFormula.TF_OP);
    assertSteps(dtype, nadam, null, TfOptimizerRules.applyAdamNesterov(0.8, 0.9, 0.01), FIRST);
    assertSteps(dtype, nadam, Map.of("m", SIGNED, "v", POSITIVE), TfOptimizerRules.applyAdamNesterov(0.8, 0.9, 0.01),
        WARM);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void adamWDecaysTheWeightsBeforeAdam(DType dtype) {
    AdamW adamW = new AdamW(LR, 0.5, 0.8, 0.9, 0.01, false, GradientClipping.NONE);
    var rule = TfOptimizerRules.decayed(0.5, TfOptimizerRules.adam(0.8, 0.9, 0.01, false));
    Map<String, TensorValue> decayed = assertSteps(dtype, adamW, Map.of("m", SIGNED, "v", POSITIVE), rule, WARM);
    assertSteps(dtype, adamW, null, rule, FIRST);
    // Against plain Adam from the same state, kernel[2] (w = 1) ends lower by (1 − Δ₁) − 0.975·(0.95 − Δ₁)
    // = 0.07375 − 0.025·Δ₁, Δ₁ the first Adam step (|Δ₁| < 0.5).
    Map<String, TensorValue> adam = assertSteps(dtype, new Adam(LR, 0.8, 0.9, 0.01, false, 0, GradientClipping.NONE),
        Map.of("m", SIGNED, "v", POSITIVE), TfOptimizerRules.adam(0.8, 0.9, 0.01, false), WARM);
    double shrink = adam.get(KERNEL).data()[2] - decayed.get(KERNEL).data()[2];
    assertTrue(shrink > 0.06 && shrink < 0.087, "decay moved w = 1 by " + shrink);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void everyOptimizerDecaysTheWeightsBeforeItsRule(DType dtype) {
    Map<String, double[]> adamSlots = Map.of("m", SIGNED, "v", POSITIVE);
    assertSteps(dtype, Optimizer.sgd(0.1).withWeightDecay(0.5), null, TfOptimizerRules.decayed(0.5, SGD), WARM);
    assertSteps(dtype, Optimizer.sgd(0.1).withNesterov(0.9).withWeightDecay(0.5), Map.of("momentum", SIGNED),
        TfOptimizerRules.decayed(0.5, TfOptimizerRules.kerasMomentum(0.9, true)), WARM);
    assertSteps(dtype, Optimizer.sgd(0.1).withMomentum(0.9).withFormula(UpdateFormula.TF_OP).withWeightDecay(0.5),
        Map.of("momentum", SIGNED), TfOptimizerRules.decayed(0.5, TfOptimizerRules.applyMomentum(0.9, false)), WARM);
    assertSteps(dtype, Optimizer.adagrad(0.1).withEpsilon(0.01).withWeightDecay(0.5), Map.of("accumulator", POSITIVE),
        TfOptimizerRules.decayed(0.5, TfOptimizerRules.kerasAdagrad(0.01)), WARM);
    assertSteps(dtype, Optimizer.rmsprop(0.1).withRho(0.8).withEpsilon(0.01).withWeightDecay(0.5),
        Map.of("rms", POSITIVE, "momentum", SIGNED),
        TfOptimizerRules.decayed(0.5, TfOptimizerRules.rmsprop(0.8, 0, 0.01, false)), WARM);
    assertSteps(dtype, Optimizer.adadelta(1.0).withRho(0.9).withEpsilon(1e-3).withWeightDecay(0.5), null,
        TfOptimizerRules.decayed(0.5, TfOptimizerRules.adadelta(0.9, 1e-3)), WARM);
    assertSteps(dtype, Optimizer.adam(0.1).withBeta1(0.8).withBeta2(0.9).withEpsilon(0.01).withWeightDecay(0.5),
        adamSlots, TfOptimizerRules.decayed(0.5, TfOptimizerRules.adam(0.8, 0.9, 0.01, false)), WARM);
    assertSteps(dtype, Optimizer.adamax(0.1).withBeta1(0.8).withBeta2(0.9).withEpsilon(0.01).withWeightDecay(0.5),
        Map.of("m", SIGNED, "u", POSITIVE), TfOptimizerRules.decayed(0.5, TfOptimizerRules.adamax(0.8, 0.9, 0.01)),
        WARM);
    assertSteps(dtype, Optimizer.nadam(0.1).withBeta1(0.8).withBeta2(0.9).withEpsilon(0.01).withWeightDecay(0.5),
        adamSlots, TfOptimizerRules.decayed(0.5, TfOptimizerRules.kerasNadam(0.8, 0.9, 0.01)), WARM);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void adamaxKeepsTheDecayedMaximum(DType dtype) {
    Adamax adamax = Optimizer.adamax(0.1).withBeta1(0.8).withBeta2(0.9).withEpsilon(0.01);
    // β₂u against |g| of G1 (0.3, 0.6, 0.05, 1.2 | 0.4, 0.25): u wins at 0, 2, 4 and |g| at 1, 3, 5.
    double[] u = {0.5, 0.05, 0.5, 0.01, 0.6, 0.15};
    double[] g = {0.3, -0.6, 0.05, 1.2, -0.4, 0.25};
    for (int i = 0; i < u.length; i++) {
      assertEquals(i % 2 == 0, 0.9 * u[i] > Math.abs(g[i]) + 0.01, "test data: which side of the max at " + i);
    }
    assertSteps(dtype, adamax, Map.of("m", SIGNED, "u", u), TfOptimizerRules.adamax(0.8, 0.9, 0.01),
        new Step(0.1, 3, Grads.G1));
    assertSteps(dtype, adamax, null, TfOptimizerRules.adamax(0.8, 0.9, 0.01), FIRST, new Step(0.05, 2, Grads.G2));
  }
}
