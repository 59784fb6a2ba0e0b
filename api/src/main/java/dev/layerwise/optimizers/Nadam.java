package dev.layerwise.optimizers;

import dev.layerwise.schedules.LearningRateSchedule;
import java.util.List;

/**
 * Nadam: Adam with Nesterov momentum, Keras 3's {@code Nadam} (Dozat 2016), whose momentum follows a schedule that
 * starts low and rises to β₁. Per element at step t (1-based):
 *
 * <pre>
 *   μ_t = β₁·(1 − ½·0.96ᵗ)                      (one scalar per step; μ_{t+1} likewise)
 *   Π_t = μ₁·μ₂·…·μ_t                            (the running product, Π_{t+1} = Π_t·μ_{t+1})
 *   m  ← m + (g − m)(1 − β₁)                     (slot "m", starts at 0)
 *   v  ← v + (g² − v)(1 − β₂)                    (slot "v", starts at 0)
 *   m̂  = μ_{t+1}·m / (1 − Π_{t+1}) + (1 − μ_t)·g / (1 − Π_t)
 *   v̂  = v / (1 − β₂ᵗ)
 *   w  ← w − (m̂·η) / (√v̂ + ε)                   (ε after the bias correction, unlike Adam's)
 * </pre>
 *
 * <p>The look-ahead weighs the updated first moment by next step's momentum and the raw gradient by what this
 * step's momentum leaves; the schedule keeps the first steps short (1.06·η at t = 1 with the defaults) while the
 * moments are still poor estimates. μ_t and Π_t depend on t alone, so both backends compute them from the step
 * index each update (Keras keeps Π in a variable; the numbers are the same). Defaults: η 0.001, β₁ 0.9, β₂ 0.999,
 * ε 1e-7.
 *
 * <p>{@link UpdateFormula#TF_OP} is TF's {@code ApplyAdam} with {@code use_nesterov}: Adam's m, v and
 * {@code α_t = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)}, and {@code w ← w − α_t·(β₁·m + (1 − β₁)·g)/(√v + ε)} (the updated m), with
 * no momentum schedule: 1.9·η at t = 1.
 */
public record Nadam(LearningRateSchedule learningRate, double beta1, double beta2, double epsilon,
    UpdateFormula formula, double weightDecay, GradientClipping clipping) implements Optimizer {
  static final Nadam DEFAULT = new Nadam(LearningRateSchedule.constant(0.001), 0.9, 0.999, 1e-7, UpdateFormula.KERAS,
      0, GradientClipping.NONE);

  public Nadam {
    OptimizerChecks.common("Nadam", learningRate, weightDecay, clipping);
    OptimizerChecks.formula("Nadam", formula);
    OptimizerChecks.unitInterval("Nadam", "beta1", beta1);
    OptimizerChecks.unitInterval("Nadam", "beta2", beta2);
    OptimizerChecks.positive("Nadam", "epsilon", epsilon);
  }

  public Nadam withLearningRate(double learningRate) {
    return withLearningRate(OptimizerChecks.rate("Nadam", learningRate));
  }

  public Nadam withLearningRate(LearningRateSchedule learningRate) {
    return new Nadam(learningRate, beta1, beta2, epsilon, formula, weightDecay, clipping);
  }

  public Nadam withBeta1(double beta1) {
    return new Nadam(learningRate, beta1, beta2, epsilon, formula, weightDecay, clipping);
  }

  public Nadam withBeta2(double beta2) {
    return new Nadam(learningRate, beta1, beta2, epsilon, formula, weightDecay, clipping);
  }

  public Nadam withEpsilon(double epsilon) {
    return new Nadam(learningRate, beta1, beta2, epsilon, formula, weightDecay, clipping);
  }

  /** Keras's Dozat Nadam (the default) or TF's {@code ApplyAdam} with {@code use_nesterov}. */
  public Nadam withFormula(UpdateFormula formula) {
    return new Nadam(learningRate, beta1, beta2, epsilon, formula, weightDecay, clipping);
  }

  @Override
  public Nadam withWeightDecay(double weightDecay) {
    return new Nadam(learningRate, beta1, beta2, epsilon, formula, weightDecay, clipping);
  }

  public Nadam withClipping(GradientClipping clipping) {
    return new Nadam(learningRate, beta1, beta2, epsilon, formula, weightDecay, clipping);
  }

  /**
   * μ_t = β₁·(1 − ½·0.96ᵗ), the momentum of update t (1-based; μ₀ is defined by the same formula). A function of t
   * alone, like the learning rate: both backends take it from here.
   */
  public static double momentumSchedule(double beta1, long t) {
    return beta1 * (1 - 0.5 * Math.pow(0.96, t));
  }

  /**
   * Π_t = μ₁·μ₂·…·μ_t (Π₀ = 1), the product Keras keeps in {@code _u_product}. From i ≈ 900 on, 0.96ⁱ no longer
   * changes 1 − ½·0.96ⁱ in double precision and every further factor is β₁ exactly, so at most that many factors are
   * multiplied out (about a microsecond, cheap enough to run before every step) and the rest is one power.
   */
  public static double momentumProduct(double beta1, long t) {
    if (t < 0) {
      throw new IllegalArgumentException("Nadam: the step index t must be ≥ 0, got " + t);
    }
    double product = 1;
    double decayPower = 1; // 0.96ⁱ
    for (long i = 1; i <= t; i++) {
      decayPower *= 0.96;
      double factor = 1 - 0.5 * decayPower;
      if (factor == 1) {
        return product * Math.pow(beta1, t - i + 1);
      }
      product *= beta1 * factor;
    }
    return product;
  }

  @Override
  public List<String> slotNames() {
    return List.of("m", "v");
  }

  @Override
  public <R> R accept(OptimizerVisitor<R> visitor) {
    return visitor.visitNadam(this);
  }
}
