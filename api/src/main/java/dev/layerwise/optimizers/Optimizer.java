package dev.layerwise.optimizers;

import java.util.List;

/**
 * An update rule. The learning rate is computed in Java before each step and fed to the backend, so schedules
 * work on every backend; the step index {@code t} passed with it is 1-based (the first update is t = 1).
 *
 * <p>Slot variables (e.g. Adam's first and second moments) are named {@code <weight>/<slot>}, as in
 * {@code dense/kernel/m}, on every backend, and start at zero.
 */
public sealed interface Optimizer permits Sgd, Adam {

  /** The base learning rate. */
  double learningRate();

  /** The per-weight state this rule keeps, by short name, in a fixed order. */
  List<String> slotNames();

  <R> R accept(OptimizerVisitor<R> visitor);

  /** Plain stochastic gradient descent: {@code w ← w − η·g}. */
  static Sgd sgd(double learningRate) {
    return new Sgd(learningRate);
  }

  /** Adam with Keras's defaults (β₁ 0.9, β₂ 0.999, ε 1e-7). */
  static Adam adam(double learningRate) {
    return new Adam(learningRate, Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPSILON);
  }
}
