package dev.layerwise.optimizers;

import dev.layerwise.schedules.LearningRateSchedule;
import java.util.List;

/**
 * Adagrad, Keras 3's: {@code a ← a + g²}, {@code w ← w − (η·g) / √(a + ε)}. The accumulator (slot
 * {@code accumulator}, starting at {@code initialAccumulatorValue}) only grows, so every weight's steps keep
 * shrinking — fast progress on rarely-updated (sparse) features, but the rate can decay to nothing on long runs
 * (what RMSprop fixes). Keras 3 defaults: η 0.001, a₀ 0.1, ε 1e-7.
 *
 * <p>{@link UpdateFormula#TF_OP} is TF's {@code ApplyAdagradV2}, with ε outside the root:
 * {@code w ← w − η·g / (√a + ε)}; the two differ where a is small next to ε (a₀ = 0 and tiny gradients).
 */
public record Adagrad(LearningRateSchedule learningRate, double initialAccumulatorValue, double epsilon,
    UpdateFormula formula, double weightDecay, GradientClipping clipping) implements Optimizer {
  static final Adagrad DEFAULT = new Adagrad(LearningRateSchedule.constant(0.001), 0.1, 1e-7, UpdateFormula.KERAS, 0,
      GradientClipping.NONE);

  public Adagrad {
    OptimizerChecks.common("Adagrad", learningRate, weightDecay, clipping);
    OptimizerChecks.formula("Adagrad", formula);
    OptimizerChecks.nonNegative("Adagrad", "initialAccumulatorValue", initialAccumulatorValue);
    OptimizerChecks.positive("Adagrad", "epsilon", epsilon);
  }

  public Adagrad withLearningRate(double learningRate) {
    return withLearningRate(OptimizerChecks.rate("Adagrad", learningRate));
  }

  public Adagrad withLearningRate(LearningRateSchedule learningRate) {
    return new Adagrad(learningRate, initialAccumulatorValue, epsilon, formula, weightDecay, clipping);
  }

  public Adagrad withInitialAccumulatorValue(double value) {
    return new Adagrad(learningRate, value, epsilon, formula, weightDecay, clipping);
  }

  public Adagrad withEpsilon(double epsilon) {
    return new Adagrad(learningRate, initialAccumulatorValue, epsilon, formula, weightDecay, clipping);
  }

  /** Keras's ε inside the root (the default) or TF's {@code ApplyAdagradV2}, ε outside. */
  public Adagrad withFormula(UpdateFormula formula) {
    return new Adagrad(learningRate, initialAccumulatorValue, epsilon, formula, weightDecay, clipping);
  }

  @Override
  public Adagrad withWeightDecay(double weightDecay) {
    return new Adagrad(learningRate, initialAccumulatorValue, epsilon, formula, weightDecay, clipping);
  }

  public Adagrad withClipping(GradientClipping clipping) {
    return new Adagrad(learningRate, initialAccumulatorValue, epsilon, formula, weightDecay, clipping);
  }

  @Override
  public List<String> slotNames() {
    return List.of("accumulator");
  }

  @Override
  public double slotInitialValue(String slot) {
    OptimizerChecks.slot(this, slot);
    return initialAccumulatorValue;
  }

  @Override
  public <R> R accept(OptimizerVisitor<R> visitor) {
    return visitor.visitAdagrad(this);
  }
}
