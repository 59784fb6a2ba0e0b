package dev.layerwise.optimizers;

import dev.layerwise.schedules.LearningRateSchedule;
import java.util.List;

/**
 * AdamW (Loshchilov &amp; Hutter): Adam with decoupled weight decay. Each step first shrinks every trainable weight,
 * {@code w ← w − η·λ·w}, then applies the {@link Adam} update with the gradient of the loss alone. Unlike an L2
 * penalty, the decay never passes through Adam's per-weight scaling, so every weight decays at the same relative
 * rate. Keras 3 defaults: η 0.001, λ ({@code weightDecay}) 0.004, β₁ 0.9, β₂ 0.999, ε 1e-7; the decay uses the
 * step's scheduled η, as Keras does.
 */
public record AdamW(LearningRateSchedule learningRate, double weightDecay, double beta1, double beta2,
    double epsilon, GradientClipping clipping) implements Optimizer {
  static final AdamW DEFAULT = new AdamW(LearningRateSchedule.constant(0.001), 0.004, 0.9, 0.999, 1e-7,
      GradientClipping.NONE);

  public AdamW {
    OptimizerChecks.common("AdamW", learningRate, clipping);
    OptimizerChecks.nonNegative("AdamW", "weightDecay", weightDecay);
    OptimizerChecks.unitInterval("AdamW", "beta1", beta1);
    OptimizerChecks.unitInterval("AdamW", "beta2", beta2);
    OptimizerChecks.positive("AdamW", "epsilon", epsilon);
  }

  public AdamW withLearningRate(double learningRate) {
    return withLearningRate(OptimizerChecks.rate("AdamW", learningRate));
  }

  public AdamW withLearningRate(LearningRateSchedule learningRate) {
    return new AdamW(learningRate, weightDecay, beta1, beta2, epsilon, clipping);
  }

  public AdamW withWeightDecay(double weightDecay) {
    return new AdamW(learningRate, weightDecay, beta1, beta2, epsilon, clipping);
  }

  public AdamW withBeta1(double beta1) {
    return new AdamW(learningRate, weightDecay, beta1, beta2, epsilon, clipping);
  }

  public AdamW withBeta2(double beta2) {
    return new AdamW(learningRate, weightDecay, beta1, beta2, epsilon, clipping);
  }

  public AdamW withEpsilon(double epsilon) {
    return new AdamW(learningRate, weightDecay, beta1, beta2, epsilon, clipping);
  }

  public AdamW withClipping(GradientClipping clipping) {
    return new AdamW(learningRate, weightDecay, beta1, beta2, epsilon, clipping);
  }

  @Override
  public List<String> slotNames() {
    return List.of("m", "v");
  }

  @Override
  public <R> R accept(OptimizerVisitor<R> visitor) {
    return visitor.visitAdamW(this);
  }
}
