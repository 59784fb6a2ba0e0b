package dev.layerwise.optimizers;

import dev.layerwise.schedules.LearningRateSchedule;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba), Keras 3's {@code Adam}, per element at step t (1-based):
 *
 * <pre>
 *   α_t = η · √(1 − β₂ᵗ) / (1 − β₁ᵗ)          (bias corrections folded into the step size)
 *   m  ← m + (g − m)(1 − β₁)                   (first moment, slot "m", starts at 0)
 *   v  ← v + (g² − v)(1 − β₂)                  (second moment, slot "v", starts at 0)
 *   v̂  ← max(v̂, v)                             (AMSGrad only: slot "v_hat", starts at 0)
 *   w  ← w − (m · α_t) / (√v + ε)              (√v̂ in place of √v with AMSGrad)
 * </pre>
 *
 * <p>Momentum (m) and RMSprop's per-weight scaling (v) together, with the start-up bias of the zero-initialised
 * moments corrected. ε here is the paper's "ε-hat", added after the bias correction of v is folded into α_t; it
 * differs from PyTorch's placement. AMSGrad (Reddi et al.) divides by the largest v seen so far, so a weight's
 * step never grows because its recent gradients shrank. Without AMSGrad this is TF's {@code ApplyAdam}.
 * Defaults follow Keras 3: η 0.001, β₁ 0.9, β₂ 0.999, ε 1e-7, no AMSGrad, no weight decay (with one, Adam is
 * {@link AdamW}).
 */
public record Adam(LearningRateSchedule learningRate, double beta1, double beta2, double epsilon, boolean amsgrad,
    double weightDecay, GradientClipping clipping) implements Optimizer {
  public static final double DEFAULT_BETA1 = 0.9;
  public static final double DEFAULT_BETA2 = 0.999;
  public static final double DEFAULT_EPSILON = 1e-7;
  static final Adam DEFAULT = new Adam(LearningRateSchedule.constant(0.001), DEFAULT_BETA1, DEFAULT_BETA2,
      DEFAULT_EPSILON, false, 0, GradientClipping.NONE);

  public Adam {
    OptimizerChecks.common("Adam", learningRate, weightDecay, clipping);
    OptimizerChecks.unitInterval("Adam", "beta1", beta1);
    OptimizerChecks.unitInterval("Adam", "beta2", beta2);
    OptimizerChecks.positive("Adam", "epsilon", epsilon);
  }

  public Adam withLearningRate(double learningRate) {
    return withLearningRate(OptimizerChecks.rate("Adam", learningRate));
  }

  public Adam withLearningRate(LearningRateSchedule learningRate) {
    return new Adam(learningRate, beta1, beta2, epsilon, amsgrad, weightDecay, clipping);
  }

  public Adam withBeta1(double beta1) {
    return new Adam(learningRate, beta1, beta2, epsilon, amsgrad, weightDecay, clipping);
  }

  public Adam withBeta2(double beta2) {
    return new Adam(learningRate, beta1, beta2, epsilon, amsgrad, weightDecay, clipping);
  }

  public Adam withEpsilon(double epsilon) {
    return new Adam(learningRate, beta1, beta2, epsilon, amsgrad, weightDecay, clipping);
  }

  /** AMSGrad: divide by the running maximum of v (Keras's {@code amsgrad=True}). */
  public Adam withAmsgrad(boolean amsgrad) {
    return new Adam(learningRate, beta1, beta2, epsilon, amsgrad, weightDecay, clipping);
  }

  @Override
  public Adam withWeightDecay(double weightDecay) {
    return new Adam(learningRate, beta1, beta2, epsilon, amsgrad, weightDecay, clipping);
  }

  public Adam withClipping(GradientClipping clipping) {
    return new Adam(learningRate, beta1, beta2, epsilon, amsgrad, weightDecay, clipping);
  }

  @Override
  public List<String> slotNames() {
    return amsgrad ? List.of("m", "v", "v_hat") : List.of("m", "v");
  }

  @Override
  public <R> R accept(OptimizerVisitor<R> visitor) {
    return visitor.visitAdam(this);
  }
}
