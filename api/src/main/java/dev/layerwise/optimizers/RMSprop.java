package dev.layerwise.optimizers;

import dev.layerwise.schedules.LearningRateSchedule;
import java.util.List;

/**
 * RMSprop: divide by a decaying average of squared gradients, so the effective rate adapts per weight without
 * Adagrad's ever-shrinking steps. Keras 3's {@code RMSprop}, per element:
 *
 * <pre>
 *   ms  ← ρ·ms + (1 − ρ)·g²                         (slot "rms", the mean square)
 *   mg  ← ρ·mg + (1 − ρ)·g                          (slot "mg", centered only: the mean gradient)
 *   mom ← μ·mom + η·g / √(ms − mg² + ε)             (slot "momentum"; mg² only when centered)
 *   w   ← w − mom
 * </pre>
 *
 * <p>TF's {@code ApplyRMSProp} / {@code ApplyCenteredRMSProp} compute this rule (the averages written as
 * {@code ms + (g² − ms)(1 − ρ)}, equal up to rounding). Centered RMSprop divides by an estimate of the gradient's
 * variance instead of its raw second moment. Keras 3 defaults: η 0.001, ρ 0.9, μ 0, ε 1e-7, not centered, mean
 * square starting at 0 (TF Java starts it at 1 and uses ε 1e-10: set {@code initialMeanSquare} and {@code epsilon}
 * to match). The {@code momentum} slot exists even at μ = 0 (then holding the last step), as TF's op keeps it;
 * Keras keeps none, with the same numbers.
 */
public record RMSprop(LearningRateSchedule learningRate, double rho, double momentum, double epsilon,
    boolean centered, double initialMeanSquare, double weightDecay, GradientClipping clipping) implements Optimizer {
  static final RMSprop DEFAULT =
      new RMSprop(LearningRateSchedule.constant(0.001), 0.9, 0, 1e-7, false, 0, 0, GradientClipping.NONE);

  public RMSprop {
    OptimizerChecks.common("RMSprop", learningRate, weightDecay, clipping);
    OptimizerChecks.unitInterval("RMSprop", "rho", rho);
    OptimizerChecks.unitInterval("RMSprop", "momentum", momentum);
    OptimizerChecks.positive("RMSprop", "epsilon", epsilon);
    OptimizerChecks.nonNegative("RMSprop", "initialMeanSquare", initialMeanSquare);
  }

  public RMSprop withLearningRate(double learningRate) {
    return withLearningRate(OptimizerChecks.rate("RMSprop", learningRate));
  }

  public RMSprop withLearningRate(LearningRateSchedule learningRate) {
    return new RMSprop(learningRate, rho, momentum, epsilon, centered, initialMeanSquare, weightDecay, clipping);
  }

  public RMSprop withRho(double rho) {
    return new RMSprop(learningRate, rho, momentum, epsilon, centered, initialMeanSquare, weightDecay, clipping);
  }

  public RMSprop withMomentum(double momentum) {
    return new RMSprop(learningRate, rho, momentum, epsilon, centered, initialMeanSquare, weightDecay, clipping);
  }

  public RMSprop withEpsilon(double epsilon) {
    return new RMSprop(learningRate, rho, momentum, epsilon, centered, initialMeanSquare, weightDecay, clipping);
  }

  public RMSprop withCentered(boolean centered) {
    return new RMSprop(learningRate, rho, momentum, epsilon, centered, initialMeanSquare, weightDecay, clipping);
  }

  public RMSprop withInitialMeanSquare(double initialMeanSquare) {
    return new RMSprop(learningRate, rho, momentum, epsilon, centered, initialMeanSquare, weightDecay, clipping);
  }

  @Override
  public RMSprop withWeightDecay(double weightDecay) {
    return new RMSprop(learningRate, rho, momentum, epsilon, centered, initialMeanSquare, weightDecay, clipping);
  }

  public RMSprop withClipping(GradientClipping clipping) {
    return new RMSprop(learningRate, rho, momentum, epsilon, centered, initialMeanSquare, weightDecay, clipping);
  }

  @Override
  public List<String> slotNames() {
    return centered ? List.of("rms", "momentum", "mg") : List.of("rms", "momentum");
  }

  @Override
  public double slotInitialValue(String slot) {
    OptimizerChecks.slot(this, slot);
    return slot.equals("rms") ? initialMeanSquare : 0;
  }

  @Override
  public <R> R accept(OptimizerVisitor<R> visitor) {
    return visitor.visitRMSprop(this);
  }
}
