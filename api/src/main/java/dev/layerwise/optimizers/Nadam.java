package dev.layerwise.optimizers;

import dev.layerwise.schedules.LearningRateSchedule;
import java.util.List;

/**
 * Nadam: Adam with Nesterov momentum, as TF's {@code ApplyAdam} with {@code use_nesterov}: the same m, v and α_t
 * as {@link Adam}, and the step looks ahead along the first moment,
 * {@code w ← w − α_t·(β₁·m + (1 − β₁)·g) / (√v + ε)} (with the updated m).
 *
 * <p>Keras 3's {@code Nadam} is Dozat's full variant, whose momentum follows a per-step schedule
 * {@code β₁(1 − ½·0.96^t)}, and gives different numbers; this is the TF op both backends implement. Defaults: η 0.001, β₁ 0.9, β₂ 0.999, ε 1e-7.
 */
public record Nadam(LearningRateSchedule learningRate, double beta1, double beta2, double epsilon,
    GradientClipping clipping) implements Optimizer {
  static final Nadam DEFAULT = new Nadam(LearningRateSchedule.constant(0.001), 0.9, 0.999, 1e-7,
      GradientClipping.NONE);

  public Nadam {
    OptimizerChecks.common("Nadam", learningRate, clipping);
    OptimizerChecks.unitInterval("Nadam", "beta1", beta1);
    OptimizerChecks.unitInterval("Nadam", "beta2", beta2);
    OptimizerChecks.positive("Nadam", "epsilon", epsilon);
  }

  public Nadam withLearningRate(double learningRate) {
    return withLearningRate(OptimizerChecks.rate("Nadam", learningRate));
  }

  public Nadam withLearningRate(LearningRateSchedule learningRate) {
    return new Nadam(learningRate, beta1, beta2, epsilon, clipping);
  }

  public Nadam withBeta1(double beta1) {
    return new Nadam(learningRate, beta1, beta2, epsilon, clipping);
  }

  public Nadam withBeta2(double beta2) {
    return new Nadam(learningRate, beta1, beta2, epsilon, clipping);
  }

  public Nadam withEpsilon(double epsilon) {
    return new Nadam(learningRate, beta1, beta2, epsilon, clipping);
  }

  public Nadam withClipping(GradientClipping clipping) {
    return new Nadam(learningRate, beta1, beta2, epsilon, clipping);
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
