package dev.layerwise.optimizers;

import dev.layerwise.schedules.LearningRateSchedule;
import java.util.List;

/**
 * Adadelta, Keras 3's (and TF's {@code ApplyAdadelta}), per element:
 *
 * <pre>
 *   a  ← ρ·a + (1 − ρ)·g²                                (slot "accumulator")
 *   Δ  = √(d + ε) · g / √(a + ε)                         (the update in the units of w)
 *   d  ← ρ·d + (1 − ρ)·Δ²                                (slot "delta_accumulator")
 *   w  ← w − η·Δ
 * </pre>
 *
 * <p>The ratio of two running RMS values gives each weight a step with the right units and no hand-tuned rate
 * (η = 1 in the paper; Keras 3 defaults: η 0.001, ρ 0.95, ε 1e-7).
 */
public record Adadelta(LearningRateSchedule learningRate, double rho, double epsilon, double weightDecay,
    GradientClipping clipping) implements Optimizer {
  static final Adadelta DEFAULT = new Adadelta(LearningRateSchedule.constant(0.001), 0.95, 1e-7, 0,
      GradientClipping.NONE);

  public Adadelta {
    OptimizerChecks.common("Adadelta", learningRate, weightDecay, clipping);
    OptimizerChecks.unitInterval("Adadelta", "rho", rho);
    OptimizerChecks.positive("Adadelta", "epsilon", epsilon);
  }

  public Adadelta withLearningRate(double learningRate) {
    return withLearningRate(OptimizerChecks.rate("Adadelta", learningRate));
  }

  public Adadelta withLearningRate(LearningRateSchedule learningRate) {
    return new Adadelta(learningRate, rho, epsilon, weightDecay, clipping);
  }

  public Adadelta withRho(double rho) {
    return new Adadelta(learningRate, rho, epsilon, weightDecay, clipping);
  }

  public Adadelta withEpsilon(double epsilon) {
    return new Adadelta(learningRate, rho, epsilon, weightDecay, clipping);
  }

  @Override
  public Adadelta withWeightDecay(double weightDecay) {
    return new Adadelta(learningRate, rho, epsilon, weightDecay, clipping);
  }

  public Adadelta withClipping(GradientClipping clipping) {
    return new Adadelta(learningRate, rho, epsilon, weightDecay, clipping);
  }

  @Override
  public List<String> slotNames() {
    return List.of("accumulator", "delta_accumulator");
  }

  @Override
  public <R> R accept(OptimizerVisitor<R> visitor) {
    return visitor.visitAdadelta(this);
  }
}
