package dev.layerwise.optimizers;

import dev.layerwise.schedules.LearningRateSchedule;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba), in the form TF's {@code ApplyAdam} computes it, per element at step t (1-based):
 *
 * <pre>
 *   α_t = η · √(1 − β₂ᵗ) / (1 − β₁ᵗ)          (bias corrections folded into the step size)
 *   m  ← m + (g − m)(1 − β₁)                   (first moment, slot "m", starts at 0)
 *   v  ← v + (g² − v)(1 − β₂)                  (second moment, slot "v", starts at 0)
 *   w  ← w − α_t · m / (√v + ε)
 * </pre>
 *
 * <p>Momentum (m) and RMSprop's per-weight scaling (v) together, with the start-up bias of the zero-initialised
 * moments corrected. ε here is the paper's "ε-hat", added after the bias correction of v is folded into α_t; it
 * differs from PyTorch's placement. Defaults follow Keras 3: η 0.001, β₁ 0.9, β₂ 0.999, ε 1e-7.
 */
public record Adam(LearningRateSchedule learningRate, double beta1, double beta2, double epsilon,
    GradientClipping clipping) implements Optimizer {
  public static final double DEFAULT_BETA1 = 0.9;
  public static final double DEFAULT_BETA2 = 0.999;
  public static final double DEFAULT_EPSILON = 1e-7;
  static final Adam DEFAULT = new Adam(LearningRateSchedule.constant(0.001), DEFAULT_BETA1, DEFAULT_BETA2,
      DEFAULT_EPSILON, GradientClipping.NONE);

  public Adam {
    OptimizerChecks.common("Adam", learningRate, clipping);
    OptimizerChecks.unitInterval("Adam", "beta1", beta1);
    OptimizerChecks.unitInterval("Adam", "beta2", beta2);
    OptimizerChecks.positive("Adam", "epsilon", epsilon);
  }

  public Adam withLearningRate(double learningRate) {
    return withLearningRate(OptimizerChecks.rate("Adam", learningRate));
  }

  public Adam withLearningRate(LearningRateSchedule learningRate) {
    return new Adam(learningRate, beta1, beta2, epsilon, clipping);
  }

  public Adam withBeta1(double beta1) {
    return new Adam(learningRate, beta1, beta2, epsilon, clipping);
  }

  public Adam withBeta2(double beta2) {
    return new Adam(learningRate, beta1, beta2, epsilon, clipping);
  }

  public Adam withEpsilon(double epsilon) {
    return new Adam(learningRate, beta1, beta2, epsilon, clipping);
  }

  public Adam withClipping(GradientClipping clipping) {
    return new Adam(learningRate, beta1, beta2, epsilon, clipping);
  }

  @Override
  public List<String> slotNames() {
    return List.of("m", "v");
  }

  @Override
  public <R> R accept(OptimizerVisitor<R> visitor) {
    return visitor.visitAdam(this);
  }
}
