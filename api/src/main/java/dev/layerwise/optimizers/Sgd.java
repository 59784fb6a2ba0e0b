package dev.layerwise.optimizers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.schedules.LearningRateSchedule;
import java.util.List;

/**
 * Stochastic gradient descent, optionally with momentum or Nesterov momentum: Keras 3's {@code SGD}. Per element,
 * with η the step's learning rate and μ the momentum:
 *
 * <ul>
 *   <li>μ = 0 ({@code ApplyGradientDescent}): {@code w ← w − g·η}, also with {@code nesterov} (as Keras)
 *   <li>momentum: {@code v ← v·μ − g·η}, {@code w ← w + v}
 *   <li>Nesterov: {@code v ← v·μ − g·η}, {@code w ← w + (v·μ − g·η)} with the new v: the gradient "looked ahead"
 *       along the velocity
 * </ul>
 *
 * <p>The velocity v (slot {@code momentum}, starting at 0, only when μ &gt; 0) keeps every past rate in it: after a
 * schedule lowers η, the earlier, larger steps fade out over about 1/(1 − μ) updates. {@link UpdateFormula#TF_OP}
 * is TF's {@code ApplyMomentum} instead (and PyTorch's SGD): {@code a ← a·μ + g}, {@code w ← w − a·η} (Nesterov
 * {@code w ← w − (g·η + a·μ·η)}), whose accumulator holds no rate, so a new η rescales the whole velocity at once;
 * the slot then holds a = −v/η. The two agree while η is constant. Keras defaults: η 0.01, μ 0, no Nesterov, no
 * weight decay; μ may be anything in [0, 1], as in Keras.
 */
public record Sgd(LearningRateSchedule learningRate, double momentum, boolean nesterov, UpdateFormula formula,
    double weightDecay, GradientClipping clipping) implements Optimizer {
  static final Sgd DEFAULT = new Sgd(LearningRateSchedule.constant(0.01), 0, false, UpdateFormula.KERAS, 0,
      GradientClipping.NONE);

  public Sgd {
    OptimizerChecks.common("SGD", learningRate, weightDecay, clipping);
    OptimizerChecks.formula("SGD", formula);
    checkArgument(momentum >= 0 && momentum <= 1, "SGD: momentum must be in [0, 1], got %s", momentum);
  }

  public Sgd withLearningRate(double learningRate) {
    return withLearningRate(OptimizerChecks.rate("SGD", learningRate));
  }

  public Sgd withLearningRate(LearningRateSchedule learningRate) {
    return new Sgd(learningRate, momentum, nesterov, formula, weightDecay, clipping);
  }

  public Sgd withMomentum(double momentum) {
    return new Sgd(learningRate, momentum, nesterov, formula, weightDecay, clipping);
  }

  /** Nesterov momentum μ (with μ = 0, plain SGD, as Keras's {@code SGD(nesterov=True)}). */
  public Sgd withNesterov(double momentum) {
    return new Sgd(learningRate, momentum, true, formula, weightDecay, clipping);
  }

  /** Keras's momentum form (the default) or TF's {@code ApplyMomentum}. */
  public Sgd withFormula(UpdateFormula formula) {
    return new Sgd(learningRate, momentum, nesterov, formula, weightDecay, clipping);
  }

  @Override
  public Sgd withWeightDecay(double weightDecay) {
    return new Sgd(learningRate, momentum, nesterov, formula, weightDecay, clipping);
  }

  public Sgd withClipping(GradientClipping clipping) {
    return new Sgd(learningRate, momentum, nesterov, formula, weightDecay, clipping);
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
