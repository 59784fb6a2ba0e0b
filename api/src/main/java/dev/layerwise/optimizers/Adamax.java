package dev.layerwise.optimizers;

import dev.layerwise.schedules.LearningRateSchedule;
import java.util.List;

/**
 * Adamax (Kingma &amp; Ba, §7): Adam with the second moment replaced by an exponentially weighted infinity norm.
 * Keras 3's {@code Adamax} (and TF's {@code ApplyAdaMax}), per element at step t:
 *
 * <pre>
 *   m ← m + (g − m)(1 − β₁)                      (slot "m")
 *   u ← max(β₂·u, |g|)                           (slot "u", as Keras names it)
 *   w ← w − η·m / ((1 − β₁ᵗ)·(u + ε))
 * </pre>
 *
 * <p>Keras 3 defaults: η 0.001, β₁ 0.9, β₂ 0.999, ε 1e-7. The max is a kink: at exact ties the gradient of u
 * does not matter (u is state, not differentiated).
 */
public record Adamax(LearningRateSchedule learningRate, double beta1, double beta2, double epsilon,
    double weightDecay, GradientClipping clipping) implements Optimizer {
  static final Adamax DEFAULT = new Adamax(LearningRateSchedule.constant(0.001), 0.9, 0.999, 1e-7, 0,
      GradientClipping.NONE);

  public Adamax {
    OptimizerChecks.common("Adamax", learningRate, weightDecay, clipping);
    OptimizerChecks.unitInterval("Adamax", "beta1", beta1);
    OptimizerChecks.unitInterval("Adamax", "beta2", beta2);
    OptimizerChecks.positive("Adamax", "epsilon", epsilon);
  }

  public Adamax withLearningRate(double learningRate) {
    return withLearningRate(OptimizerChecks.rate("Adamax", learningRate));
  }

  public Adamax withLearningRate(LearningRateSchedule learningRate) {
    return new Adamax(learningRate, beta1, beta2, epsilon, weightDecay, clipping);
  }

  public Adamax withBeta1(double beta1) {
    return new Adamax(learningRate, beta1, beta2, epsilon, weightDecay, clipping);
  }

  public Adamax withBeta2(double beta2) {
    return new Adamax(learningRate, beta1, beta2, epsilon, weightDecay, clipping);
  }

  public Adamax withEpsilon(double epsilon) {
    return new Adamax(learningRate, beta1, beta2, epsilon, weightDecay, clipping);
  }

  @Override
  public Adamax withWeightDecay(double weightDecay) {
    return new Adamax(learningRate, beta1, beta2, epsilon, weightDecay, clipping);
  }

  public Adamax withClipping(GradientClipping clipping) {
    return new Adamax(learningRate, beta1, beta2, epsilon, weightDecay, clipping);
  }

  @Override
  public List<String> slotNames() {
    return List.of("m", "u");
  }

  @Override
  public <R> R accept(OptimizerVisitor<R> visitor) {
    return visitor.visitAdamax(this);
  }
}
