package dev.layerwise.optimizers;

import dev.layerwise.schedules.LearningRateSchedule;
import java.util.List;

/**
 * AdamW (Loshchilov &amp; Hutter): Adam with decoupled weight decay, Keras 3's {@code AdamW}. Each step first shrinks
 * every trainable weight, {@code w ← w − w·λ·η}, then applies the {@link Adam} update (AMSGrad if asked) with the
 * gradient of the loss alone. Unlike an L2 penalty, the decay never passes through Adam's per-weight scaling, so
 * every weight decays at the same relative rate. Keras 3 defaults: η 0.001, λ ({@code weightDecay}) 0.004, β₁ 0.9,
 * β₂ 0.999, ε 1e-7, no AMSGrad; the decay uses the step's scheduled η, as Keras does. (Every optimizer takes a
 * weight decay; this one has Keras's default for it.)
 */
public record AdamW(LearningRateSchedule learningRate, double weightDecay, double beta1, double beta2,
    double epsilon, boolean amsgrad, GradientClipping clipping) implements Optimizer {
  static final AdamW DEFAULT = new AdamW(LearningRateSchedule.constant(0.001), 0.004, 0.9, 0.999, 1e-7, false,
      GradientClipping.NONE);

  public AdamW {
    OptimizerChecks.common("AdamW", learningRate, weightDecay, clipping);
    OptimizerChecks.unitInterval("AdamW", "beta1", beta1);
    OptimizerChecks.unitInterval("AdamW", "beta2", beta2);
    OptimizerChecks.positive("AdamW", "epsilon", epsilon);
  }

  public AdamW withLearningRate(double learningRate) {
    return withLearningRate(OptimizerChecks.rate("AdamW", learningRate));
  }

  public AdamW withLearningRate(LearningRateSchedule learningRate) {
    return new AdamW(learningRate, weightDecay, beta1, beta2, epsilon, amsgrad, clipping);
  }

  @Override
  public AdamW withWeightDecay(double weightDecay) {
    return new AdamW(learningRate, weightDecay, beta1, beta2, epsilon, amsgrad, clipping);
  }

  public AdamW withBeta1(double beta1) {
    return new AdamW(learningRate, weightDecay, beta1, beta2, epsilon, amsgrad, clipping);
  }

  public AdamW withBeta2(double beta2) {
    return new AdamW(learningRate, weightDecay, beta1, beta2, epsilon, amsgrad, clipping);
  }

  public AdamW withEpsilon(double epsilon) {
    return new AdamW(learningRate, weightDecay, beta1, beta2, epsilon, amsgrad, clipping);
  }

  /** AMSGrad: divide by the running maximum of v (Keras's {@code amsgrad=True}). */
  public AdamW withAmsgrad(boolean amsgrad) {
    return new AdamW(learningRate, weightDecay, beta1, beta2, epsilon, amsgrad, clipping);
  }

  public AdamW withClipping(GradientClipping clipping) {
    return new AdamW(learningRate, weightDecay, beta1, beta2, epsilon, amsgrad, clipping);
  }

  @Override
  public List<String> slotNames() {
    return amsgrad ? List.of("m", "v", "v_hat") : List.of("m", "v");
  }

  @Override
  public <R> R accept(OptimizerVisitor<R> visitor) {
    return visitor.visitAdamW(this);
  }
}
