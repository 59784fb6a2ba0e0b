package dev.layerwise.optimizers;

import dev.layerwise.schedules.LearningRateSchedule;
import java.util.List;

/**
 * Stochastic gradient descent, optionally with momentum or Nesterov momentum. Per element, with η the step's
 * learning rate and μ the momentum:
 *
 * <ul>
 *   <li>μ = 0 ({@code ApplyGradientDescent}): {@code w ← w − η·g}
 *   <li>momentum ({@code ApplyMomentum}): {@code a ← μ·a + g}, {@code w ← w − η·a}
 *   <li>Nesterov ({@code ApplyMomentum}, use_nesterov): {@code a ← μ·a + g}, {@code w ← w − η·(g + μ·a)} — the
 *       gradient "looked ahead" along the velocity
 * </ul>
 *
 * <p>The accumulator a (slot {@code momentum}, starting at 0) holds no learning rate, so when a schedule changes η
 * the whole velocity is rescaled at once (TF's and PyTorch's semantics). Keras's own SGD keeps
 * {@code v ← μ·v − η·g} with η baked into past steps; the two agree for a constant rate. Keras defaults: η 0.01,
 * μ 0, no Nesterov.
 */
public record Sgd(LearningRateSchedule learningRate, double momentum, boolean nesterov, GradientClipping clipping)
    implements Optimizer {
  static final Sgd DEFAULT = new Sgd(LearningRateSchedule.constant(0.01), 0, false, GradientClipping.NONE);

  public Sgd {
    OptimizerChecks.common("SGD", learningRate, clipping);
    OptimizerChecks.unitInterval("SGD", "momentum", momentum);
    if (nesterov && momentum == 0) {
      throw new IllegalArgumentException("SGD: Nesterov momentum needs a momentum in (0, 1), got 0");
    }
  }

  public Sgd withLearningRate(double learningRate) {
    return withLearningRate(OptimizerChecks.rate("SGD", learningRate));
  }

  public Sgd withLearningRate(LearningRateSchedule learningRate) {
    return new Sgd(learningRate, momentum, nesterov, clipping);
  }

  public Sgd withMomentum(double momentum) {
    return new Sgd(learningRate, momentum, nesterov, clipping);
  }

  /** Nesterov momentum μ. */
  public Sgd withNesterov(double momentum) {
    return new Sgd(learningRate, momentum, true, clipping);
  }

  public Sgd withClipping(GradientClipping clipping) {
    return new Sgd(learningRate, momentum, nesterov, clipping);
  }

  @Override
  public List<String> slotNames() {
    return momentum > 0 ? List.of("momentum") : List.of();
  }

  @Override
  public <R> R accept(OptimizerVisitor<R> visitor) {
    return visitor.visitSgd(this);
  }
}
