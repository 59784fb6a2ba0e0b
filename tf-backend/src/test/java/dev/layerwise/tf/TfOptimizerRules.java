package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.tf.TfOptimizerHarness.Rule;

/**
 * Every update rule written out per element, in the test's own words: Keras 3's {@code update_step} for each
 * optimizer, and TF's fused op where {@code UpdateFormula.TF_OP} selects it. Inputs arrive as TF sees them
 * ({@link TfOptimizerHarness.Ctx} rounds hyperparameters and fed scalars to the dtype). Slots in the order of
 * {@code Optimizer.slotNames()}; each rule returns {@code [w', slot'...]}.
 */
final class TfOptimizerRules {
  private TfOptimizerRules() {}

  /** {@code w ← w − η·g} */
  static final Rule SGD = (c, w, g, s) -> new double[] {w - c.lr() * g};

  /** Keras: {@code v ← v·μ − g·η}; plain {@code w ← w + v}, Nesterov {@code w ← w + (v·μ − g·η)} (new v). */
  static Rule kerasMomentum(double mu, boolean nesterov) {
    return (c, w, g, s) -> {
      double m = c.r(mu);
      double v = s[0] * m - g * c.lr();
      return new double[] {w + (nesterov ? v * m - g * c.lr() : v), v};
    };
  }

  /** ApplyMomentum: {@code a ← μ·a + g}; plain {@code w ← w − η·a}, Nesterov {@code w ← w − η·(g + μ·a)}. */
  static Rule applyMomentum(double mu, boolean nesterov) {
    return (c, w, g, s) -> {
      double m = c.r(mu);
      double a = m * s[0] + g;
      double step = nesterov ? c.lr() * (g + m * a) : c.lr() * a;
      return new double[] {w - step, a};
    };
  }

  /** Keras: {@code a ← a + g²}, {@code w ← w − η·g / √(a + ε)} (ε inside the root). */
  static Rule kerasAdagrad(double epsilon) {
    return (c, w, g, s) -> {
      double a = s[0] + g * g;
      return new double[] {w - c.lr() * g / Math.sqrt(a + c.r(epsilon)), a};
    };
  }

  /** ApplyAdagradV2: {@code a ← a + g²}, {@code w ← w − η·g / (√a + ε)} (ε outside the root). */
  static Rule applyAdagradV2(double epsilon) {
    return (c, w, g, s) -> {
      double a = s[0] + g * g;
      return new double[] {w - c.lr() * g / (Math.sqrt(a) + c.r(epsilon)), a};
    };
  }

  /**
   * {@code ms ← ρ·ms + (1 − ρ)·g²}; centered also {@code mg ← ρ·mg + (1 − ρ)·g};
   * {@code mom ← μ·mom + η·g / √(ms − mg² + ε)}; {@code w ← w − mom}. Slots: rms, momentum[, mg].
   */
  static Rule rmsprop(double rho, double mu, double epsilon, boolean centered) {
    return (c, w, g, s) -> {
      double r = c.r(rho);
      double ms = r * s[0] + (1 - r) * g * g;
      double mg = centered ? r * s[2] + (1 - r) * g : 0;
      double denominator = ms - mg * mg + c.r(epsilon);
      assertTrue(denominator > 0, "test data: centered RMSprop needs ms − mg² + ε > 0");
      double mom = c.r(mu) * s[1] + c.lr() * g / Math.sqrt(denominator);
      return centered ? new double[] {w - mom, ms, mom, mg} : new double[] {w - mom, ms, mom};
    };
  }

  /**
   * {@code a ← ρa + (1 − ρ)g²}; {@code Δ = √(d + ε)/√(a + ε)·g}; {@code d ← ρd + (1 − ρ)Δ²}; {@code w ← w − η·Δ}.
   * Slots: accumulator, delta_accumulator.
   */
  static Rule adadelta(double rho, double epsilon) {
    return (c, w, g, s) -> {
      double r = c.r(rho);
      double eps = c.r(epsilon);
      double a = r * s[0] + (1 - r) * g * g;
      double delta = Math.sqrt(s[1] + eps) / Math.sqrt(a + eps) * g;
      double d = r * s[1] + (1 - r) * delta * delta;
      return new double[] {w - c.lr() * delta, a, d};
    };
  }

  /**
   * {@code α = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)}; {@code m ← m + (g − m)(1 − β₁)}; {@code v ← v + (g² − v)(1 − β₂)};
   * AMSGrad {@code v̂ ← max(v̂, v)}; {@code w ← w − m·α/(√v + ε)} (√v̂ with AMSGrad). Slots: m, v[, v_hat].
   */
  static Rule adam(double beta1, double beta2, double epsilon, boolean amsgrad) {
    return (c, w, g, s) -> {
      double alpha = c.lr() * Math.sqrt(1 - c.pow(beta2)) / (1 - c.pow(beta1));
      double m = s[0] + (g - s[0]) * (1 - c.r(beta1));
      double v = s[1] + (g * g - s[1]) * (1 - c.r(beta2));
      if (!amsgrad) {
        return new double[] {w - alpha * m / (Math.sqrt(v) + c.r(epsilon)), m, v};
      }
      double vHat = Math.max(s[2], v);
      return new double[] {w - alpha * m / (Math.sqrt(vHat) + c.r(epsilon)), m, v, vHat};
    };
  }

  /** ApplyAdam with use_nesterov: Adam's m, v and α; {@code w ← w − α·(β₁m + (1 − β₁)g)/(√v + ε)}. */
  static Rule applyAdamNesterov(double beta1, double beta2, double epsilon) {
    return (c, w, g, s) -> {
      double b1 = c.r(beta1);
      double alpha = c.lr() * Math.sqrt(1 - c.pow(beta2)) / (1 - c.pow(beta1));
      double m = s[0] + (g - s[0]) * (1 - b1);
      double v = s[1] + (g * g - s[1]) * (1 - c.r(beta2));
      return new double[] {w - alpha * (b1 * m + (1 - b1) * g) / (Math.sqrt(v) + c.r(epsilon)), m, v};
    };
  }

  /** Keras's μ_t = β₁(1 − ½·0.96ᵗ). */
  private static double momentum(double beta1, long t) {
    return beta1 * (1 - 0.5 * Math.pow(0.96, t));
  }

  /**
   * Keras's Nadam: μ_t, μ_{t+1} and Π_t = μ₁…μ_t, Π_{t+1} = Π_t·μ_{t+1} (fed, so rounded to the dtype);
   * {@code m ← m + (g − m)(1 − β₁)}; {@code v ← v + (g² − v)(1 − β₂)};
   * {@code m̂ = μ_{t+1}m/(1 − Π_{t+1}) + (1 − μ_t)g/(1 − Π_t)}; {@code v̂ = v/(1 − β₂ᵗ)};
   * {@code w ← w − m̂·η/(√v̂ + ε)}.
   */
  static Rule kerasNadam(double beta1, double beta2, double epsilon) {
    return (c, w, g, s) -> {
      double product = 1;
      for (long i = 1; i <= c.t(); i++) {
        product *= momentum(beta1, i);
      }
      double mu = c.r(momentum(beta1, c.t()));
      double nextMu = c.r(momentum(beta1, c.t() + 1));
      double pi = c.r(product);
      double nextPi = c.r(product * momentum(beta1, c.t() + 1));
      double m = s[0] + (g - s[0]) * (1 - c.r(beta1));
      double v = s[1] + (g * g - s[1]) * (1 - c.r(beta2));
      double mHat = nextMu * m / (1 - nextPi) + (1 - mu) * g / (1 - pi);
      double vHat = v / (1 - c.pow(beta2));
      return new double[] {w - mHat * c.lr() / (Math.sqrt(vHat) + c.r(epsilon)), m, v};
    };
  }

  /** {@code m ← m + (g − m)(1 − β₁)}; {@code u ← max(β₂u, |g|)}; {@code w ← w − η·m/((1 − β₁ᵗ)(u + ε))}. */
  static Rule adamax(double beta1, double beta2, double epsilon) {
    return (c, w, g, s) -> {
      double m = s[0] + (g - s[0]) * (1 - c.r(beta1));
      double u = Math.max(c.r(beta2) * s[1], Math.abs(g));
      return new double[] {w - c.lr() * m / ((1 - c.pow(beta1)) * (u + c.r(epsilon))), m, u};
    };
  }

  /** Keras's weight decay first, {@code w ← w − w·λ·η}, then the rule on the decayed w. */
  static Rule decayed(double weightDecay, Rule rule) {
    return (c, w, g, s) -> rule.step(c, w - w * c.r(weightDecay) * c.lr(), g, s);
  }
}
