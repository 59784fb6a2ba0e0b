package dev.layerwise.tf;

import static dev.layerwise.tf.TfOptimizerHarness.BIAS;
import static dev.layerwise.tf.TfOptimizerHarness.KERNEL;
import static dev.layerwise.tf.TfOptimizerHarness.assertSteps;
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
import dev.layerwise.schedules.LearningRateSchedule;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.tf.TfOptimizerHarness.Grads;
import dev.layerwise.tf.TfOptimizerHarness.Rule;
import dev.layerwise.tf.TfOptimizerHarness.Step;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every optimizer and variant, teacher-forced through {@code applyGradients} for one or two updates, in float64
 * (tight) and float32, against its update rule written out per element below (the arithmetic of the TF op the
 * api names). Hyperparameters are chosen so each term is visible: ε of 0.01 where its placement (inside or outside
 * the root) matters, β₂ of 0.9 so the bias correction is far from 1, and warm slots (t &gt; 1) so every slot's
 * decay enters.
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

  // ---- SGD ----------------------------------------------------------------------------------------------------

  /** {@code w ← w − η·g} */
  private static final Rule SGD = (c, w, g, s) -> new double[] {w - c.lr() * g};

  /** {@code a ← μ·a + g}; plain {@code w ← w − η·a}, Nesterov {@code w ← w − η·(g + μ·a)} (new a). */
  private static Rule momentum(double mu, boolean nesterov) {
    return (c, w, g, s) -> {
      double m = c.r(mu);
      double a = m * s[0] + g;
      double step = nesterov ? c.lr() * (g + m * a) : c.lr() * a;
      return new double[] {w - step, a};
    };
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void sgdSubtractsTheScaledGradient(DType dtype) {
    Map<String, TensorValue> w = assertSteps(dtype, Optimizer.sgd(0.1), null, SGD, FIRST,
        new Step(0.05, 2, Grads.G2));
    // By hand: 0.5 − 0.1·0.3 − 0.05·(−0.2) = 0.48; −0.5 − 0.1·0.25 − 0.05·(−0.35) = −0.5075.
    assertEquals(0.48, w.get(KERNEL).data()[0], 1e-7);
    assertEquals(-0.5075, w.get(BIAS).data()[1], 1e-7);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void momentumFromZeroAndWarm(DType dtype) {
    Sgd sgd = Optimizer.sgd(0.1).withMomentum(0.9);
    assertSteps(dtype, sgd, null, momentum(0.9, false), FIRST, new Step(0.05, 2, Grads.G2));
    assertSteps(dtype, sgd, Map.of("momentum", SIGNED), momentum(0.9, false), WARM);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void nesterovLooksAheadAlongTheVelocity(DType dtype) {
    Map<String, double[]> warm = Map.of("momentum", SIGNED);
    Map<String, TensorValue> nesterov = assertSteps(dtype, Optimizer.sgd(0.1).withNesterov(0.9), warm,
        momentum(0.9, true), WARM);
    Map<String, TensorValue> plain = assertSteps(dtype, Optimizer.sgd(0.1).withMomentum(0.9), warm,
        momentum(0.9, false), WARM);
    // Same accumulator, different step: Nesterov's w differs by η·(g + μa − a) per update.
    double diff = Math.abs(nesterov.get(KERNEL).data()[3] - plain.get(KERNEL).data()[3]);
    assertTrue(diff > 1e-3, "Nesterov and plain momentum gave nearly the same weight (" + diff + ")");
  }

  // ---- Adagrad ------------------------------------------------------------------------------------------------

  /** {@code a ← a + g²}, {@code w ← w − η·g / (√a + ε)} (ε outside the root). */
  private static Rule adagrad(double epsilon) {
    return (c, w, g, s) -> {
      double a = s[0] + g * g;
      return new double[] {w - c.lr() * g / (Math.sqrt(a) + c.r(epsilon)), a};
    };
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void adagradFromItsInitialAccumulator(DType dtype) {
    // Default: accumulator 0.1 (read back by the harness and checked in TfOptimizerSlotsTest), ε 1e-7.
    assertSteps(dtype, Optimizer.adagrad(0.1), null, adagrad(1e-7), FIRST, new Step(0.05, 2, Grads.G2));
    Adagrad custom = Optimizer.adagrad(0.1).withInitialAccumulatorValue(0.5).withEpsilon(0.01);
    assertSteps(dtype, custom, null, adagrad(0.01), FIRST);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void adagradWarm(DType dtype) {
    assertSteps(dtype, Optimizer.adagrad(0.1).withEpsilon(0.01), Map.of("accumulator", POSITIVE), adagrad(0.01),
        WARM);
  }

  // ---- RMSprop ------------------------------------------------------------------------------------------------

  /**
   * {@code ms ← ms + (g² − ms)(1 − ρ)}; centered also {@code mg ← mg + (g − mg)(1 − ρ)};
   * {@code mom ← μ·mom + η·g / √(ms − mg² + ε)}; {@code w ← w − mom}. Slots: rms, momentum[, mg].
   */
  private static Rule rmsprop(double rho, double mu, double epsilon, boolean centered) {
    return (c, w, g, s) -> {
      double oneMinusRho = 1 - c.r(rho);
      double ms = s[0] + (g * g - s[0]) * oneMinusRho;
      double mg = centered ? s[2] + (g - s[2]) * oneMinusRho : 0;
      double denominator = ms - mg * mg + c.r(epsilon);
      assertTrue(denominator > 0, "test data: centered RMSprop needs ms − mg² + ε > 0");
      double mom = c.r(mu) * s[1] + c.lr() * g / Math.sqrt(denominator);
      return centered ? new double[] {w - mom, ms, mom, mg} : new double[] {w - mom, ms, mom};
    };
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void rmspropPlain(DType dtype) {
    RMSprop rms = Optimizer.rmsprop(0.1).withRho(0.8).withEpsilon(0.01);
    assertSteps(dtype, rms, null, rmsprop(0.8, 0, 0.01, false), FIRST, new Step(0.05, 2, Grads.G2));
    // TF Java's conventions: mean square starting at 1, ε 1e-10.
    RMSprop tfJava = Optimizer.rmsprop(0.1).withInitialMeanSquare(1).withEpsilon(1e-10);
    assertSteps(dtype, tfJava, null, rmsprop(0.9, 0, 1e-10, false), FIRST);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void rmspropWithMomentumWarm(DType dtype) {
    RMSprop rms = Optimizer.rmsprop(0.1).withRho(0.8).withMomentum(0.9).withEpsilon(0.01);
    assertSteps(dtype, rms, Map.of("rms", POSITIVE, "momentum", SIGNED), rmsprop(0.8, 0.9, 0.01, false), WARM);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void centeredRmspropDividesByTheVariance(DType dtype) {
    RMSprop rms = Optimizer.rmsprop(0.1).withRho(0.8).withMomentum(0.9).withEpsilon(0.01).withCentered(true);
    double[] meanGradient = {0.05, -0.1, 0.02, 0.08, -0.05, 0.01};
    assertSteps(dtype, rms, Map.of("rms", POSITIVE, "momentum", SIGNED, "mg", meanGradient),
        rmsprop(0.8, 0.9, 0.01, true), WARM);
    assertSteps(dtype, rms.withMomentum(0), null, rmsprop(0.8, 0, 0.01, true), FIRST);
  }

  // ---- Adadelta -----------------------------------------------------------------------------------------------

  /**
   * {@code a ← ρa + (1 − ρ)g²}; {@code Δ = √(d + ε)/√(a + ε)·g}; {@code d ← ρd + (1 − ρ)Δ²}; {@code w ← w − η·Δ}.
   * Slots: accumulator, delta_accumulator.
   */
  private static Rule adadelta(double rho, double epsilon) {
    return (c, w, g, s) -> {
      double r = c.r(rho);
      double eps = c.r(epsilon);
      double a = r * s[0] + (1 - r) * g * g;
      double delta = Math.sqrt(s[1] + eps) / Math.sqrt(a + eps) * g;
      double d = r * s[1] + (1 - r) * delta * delta;
      return new double[] {w - c.lr() * delta, a, d};
    };
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void adadelta(DType dtype) {
    Adadelta ada = Optimizer.adadelta(1.0).withRho(0.9).withEpsilon(1e-3);
    assertSteps(dtype, ada, null, adadelta(0.9, 1e-3), new Step(1.0, 1, Grads.G1), new Step(0.5, 2, Grads.G2));
    assertSteps(dtype, ada, Map.of("accumulator", POSITIVE, "delta_accumulator", new double[] {0.01, 0.002, 0.03,
        0.0005, 0.02, 0.004}), adadelta(0.9, 1e-3), WARM);
  }

  // ---- Adam family ----------------------------------------------------------------------------------------------

  /**
   * {@code α = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)}; {@code m ← m + (g − m)(1 − β₁)}; {@code v ← v + (g² − v)(1 − β₂)};
   * Adam {@code w ← w − α·m/(√v + ε)}, Nadam {@code w ← w − α·(β₁m + (1 − β₁)g)/(√v + ε)}.
   */
  private static Rule adam(double beta1, double beta2, double epsilon, boolean nesterov) {
    return (c, w, g, s) -> {
      double b1 = c.r(beta1);
      double b2 = c.r(beta2);
      double alpha = c.lr() * Math.sqrt(1 - c.pow(beta2)) / (1 - c.pow(beta1));
      double m = s[0] + (g - s[0]) * (1 - b1);
      double v = s[1] + (g * g - s[1]) * (1 - b2);
      double direction = nesterov ? b1 * m + (1 - b1) * g : m;
      return new double[] {w - alpha * direction / (Math.sqrt(v) + c.r(epsilon)), m, v};
    };
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void adamFirstStepsAndWarm(DType dtype) {
    Adam adam = Optimizer.adam(0.1).withBeta1(0.8).withBeta2(0.9).withEpsilon(0.01);
    assertSteps(dtype, adam, null, adam(0.8, 0.9, 0.01, false), FIRST, new Step(0.05, 2, Grads.G2));
    assertSteps(dtype, adam, Map.of("m", SIGNED, "v", POSITIVE), adam(0.8, 0.9, 0.01, false), WARM);
    // Keras defaults, where the bias correction is extreme (1 − β₂ = 0.001).
    assertSteps(dtype, Optimizer.adam(0.01), null, adam(0.9, 0.999, 1e-7, false), FIRST);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void nadamIsAdamWithNesterovMomentum(DType dtype) {
    Nadam nadam = Optimizer.nadam(0.1).withBeta1(0.8).withBeta2(0.9).withEpsilon(0.01);
    assertSteps(dtype, nadam, null, adam(0.8, 0.9, 0.01, true), FIRST);
    assertSteps(dtype, nadam, Map.of("m", SIGNED, "v", POSITIVE), adam(0.8, 0.9, 0.01, true), WARM);
  }

  /** {@code w ← w − η·λ·w}, then {@link #adam} on the decayed w. */
  private static Rule adamW(double weightDecay, double beta1, double beta2, double epsilon) {
    Rule adam = adam(beta1, beta2, epsilon, false);
    return (c, w, g, s) -> adam.step(c, w - c.lr() * c.r(weightDecay) * w, g, s);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void adamWDecaysTheWeightsBeforeAdam(DType dtype) {
    AdamW adamW = new AdamW(LR, 0.5, 0.8, 0.9, 0.01, GradientClipping.NONE);
    Map<String, TensorValue> decayed = assertSteps(dtype, adamW, Map.of("m", SIGNED, "v", POSITIVE),
        adamW(0.5, 0.8, 0.9, 0.01), WARM);
    assertSteps(dtype, adamW, null, adamW(0.5, 0.8, 0.9, 0.01), FIRST);
    // Against plain Adam from the same state, kernel[2] (w = 1) ends lower by (1 − Δ₁) − 0.975·(0.95 − Δ₁)
    // = 0.07375 − 0.025·Δ₁, Δ₁ the first Adam step (|Δ₁| < 0.5).
    Map<String, TensorValue> adam = assertSteps(dtype, new Adam(LR, 0.8, 0.9, 0.01, GradientClipping.NONE),
        Map.of("m", SIGNED, "v", POSITIVE), adam(0.8, 0.9, 0.01, false), WARM);
    double shrink = adam.get(KERNEL).data()[2] - decayed.get(KERNEL).data()[2];
    assertTrue(shrink > 0.06 && shrink < 0.087, "decay moved w = 1 by " + shrink);
  }

  /** {@code m ← m + (g − m)(1 − β₁)}; {@code u ← max(β₂u, |g|)}; {@code w ← w − η/(1 − β₁ᵗ)·m/(u + ε)}. */
  private static Rule adamax(double beta1, double beta2, double epsilon) {
    return (c, w, g, s) -> {
      double b1 = c.r(beta1);
      double m = s[0] + (g - s[0]) * (1 - b1);
      double u = Math.max(c.r(beta2) * s[1], Math.abs(g));
      return new double[] {w - c.lr() / (1 - c.pow(beta1)) * (m / (u + c.r(epsilon))), m, u};
    };
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
    assertSteps(dtype, adamax, Map.of("m", SIGNED, "u", u), adamax(0.8, 0.9, 0.01), new Step(0.1, 3, Grads.G1));
    assertSteps(dtype, adamax, null, adamax(0.8, 0.9, 0.01), FIRST, new Step(0.05, 2, Grads.G2));
  }
}
