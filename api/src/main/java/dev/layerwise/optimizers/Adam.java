package dev.layerwise.optimizers;

import java.util.List;

/**
 * Adam (Kingma &amp; Ba), in the form TF's {@code ApplyAdam} computes it, per element at step t (1-based):
 *
 * <pre>
 *   α_t = η · √(1 − β₂ᵗ) / (1 − β₁ᵗ)          (bias corrections folded into the step size)
 *   m  ← m + (g − m)(1 − β₁)                   (first moment, slot "m", starts at 0)
 *   v  ← v + (g² − v)(1 − β₂)                  (second moment, slot "v", starts at 0)
 *   w  ← w − α_t · m / (√v + ε)
 * </pre>
 *
 * <p>ε here is the paper's "ε-hat", added after the bias correction of v is folded into α_t; it differs from
 * PyTorch's placement. Defaults follow Keras 3: η 0.001, β₁ 0.9, β₂ 0.999, ε 1e-7.
 */
public record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {
  public static final double DEFAULT_BETA1 = 0.9;
  public static final double DEFAULT_BETA2 = 0.999;
  public static final double DEFAULT_EPSILON = 1e-7;

  public Adam {
    OptimizerChecks.positive("Adam", "learningRate", learningRate);
    OptimizerChecks.unitInterval("Adam", "beta1", beta1);
    OptimizerChecks.unitInterval("Adam", "beta2", beta2);
    OptimizerChecks.positive("Adam", "epsilon", epsilon);
  }

  public Adam withLearningRate(double learningRate) {
    return new Adam(learningRate, beta1, beta2, epsilon);
  }

  public Adam withBeta1(double beta1) {
    return new Adam(learningRate, beta1, beta2, epsilon);
  }

  public Adam withBeta2(double beta2) {
    return new Adam(learningRate, beta1, beta2, epsilon);
  }

  public Adam withEpsilon(double epsilon) {
    return new Adam(learningRate, beta1, beta2, epsilon);
  }

  @Override
  public List<String> slotNames() {
    return List.of("m", "v");
  }

  @Override
  public <R> R accept(OptimizerVisitor<R> visitor) {
    return visitor.visitAdam(this);
  }
}
