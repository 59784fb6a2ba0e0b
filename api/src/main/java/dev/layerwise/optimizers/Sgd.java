package dev.layerwise.optimizers;

import java.util.List;

/**
 * Stochastic gradient descent, per element: {@code w ← w − η·g}. Keras's default η is 0.01. Matches TF's
 * {@code ApplyGradientDescent}.
 */
public record Sgd(double learningRate) implements Optimizer {
  public Sgd {
    OptimizerChecks.positive("SGD", "learningRate", learningRate);
  }

  public Sgd withLearningRate(double learningRate) {
    return new Sgd(learningRate);
  }

  @Override
  public List<String> slotNames() {
    return List.of();
  }

  @Override
  public <R> R accept(OptimizerVisitor<R> visitor) {
    return visitor.visitSgd(this);
  }
}
