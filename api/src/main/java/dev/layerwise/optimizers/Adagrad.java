package dev.layerwise.optimizers;

import dev.layerwise.schedules.LearningRateSchedule;
import java.util.List;

/**
 * Adagrad, as TF's {@code ApplyAdagradV2}: {@code a ← a + g²}, {@code w ← w − η·g / (√a + ε)}. The accumulator
 * (slot {@code accumulator}) only grows, so every weight's steps keep shrinking — fast progress on rarely-updated
 * (sparse) features, but the rate can decay to nothing on long runs (what RMSprop fixes). Keras 3 defaults: η
 * 0.001, a₀ 0.1, ε 1e-7. (Keras puts ε inside the root; TF's op, which both backends follow, adds it outside.)
 */
public record Adagrad(LearningRateSchedule learningRate, double initialAccumulatorValue, double epsilon,
    GradientClipping clipping) implements Optimizer {
  static final Adagrad DEFAULT = new Adagrad(LearningRateSchedule.constant(0.001), 0.1, 1e-7, GradientClipping.NONE);

  public Adagrad {
    OptimizerChecks.common("Adagrad", learningRate, clipping);
    OptimizerChecks.nonNegative("Adagrad", "initialAccumulatorValue", initialAccumulatorValue);
    OptimizerChecks.positive("Adagrad", "epsilon", epsilon);
  }

  public Adagrad withLearningRate(double learningRate) {
    return withLearningRate(OptimizerChecks.rate("Adagrad", learningRate));
  }

  public Adagrad withLearningRate(LearningRateSchedule learningRate) {
    return new Adagrad(learningRate, initialAccumulatorValue, epsilon, clipping);
  }

  public Adagrad withInitialAccumulatorValue(double value) {
    return new Adagrad(learningRate, value, epsilon, clipping);
  }

  public Adagrad withEpsilon(double epsilon) {
    return new Adagrad(learningRate, initialAccumulatorValue, epsilon, clipping);
  }

  public Adagrad withClipping(GradientClipping clipping) {
    return new Adagrad(learningRate, initialAccumulatorValue, epsilon, clipping);
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
