package dev.layerwise.tf.lower;

import dev.layerwise.optimizers.Adam;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.optimizers.OptimizerVisitor;
import dev.layerwise.optimizers.Sgd;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Each optimizer as TF's own fused {@code Apply*} kernel, with the learning rate and Adam's β-powers fed from
 * Java every step. Deliberately not the {@code tensorflow-framework} optimizer classes: their Adam updates
 * β-powers with no ordering against {@code ApplyAdam} (a step reads βᵗ or βᵗ⁺¹ at random), they bake the
 * learning rate into a constant and differentiate every variable in the graph.
 */
public final class TfOptimizerLowering<T extends TFloating> implements OptimizerVisitor<TfUpdateRule<T>> {
  /** Positions in the per-step scalar feed. */
  public static final int LEARNING_RATE = 0;
  public static final int BETA1_POWER = 1;
  public static final int BETA2_POWER = 2;
  public static final int STEP_SCALARS = 3;

  private final TfScope<T> s;
  private final Ops tf;
  private final Operand<T> learningRate;
  private final Operand<T> beta1Power;
  private final Operand<T> beta2Power;

  /**
   * @param stepScalars a fed vector {@code [lr, β₁ᵗ, β₂ᵗ]} (see {@link #stepScalars})
   */
  public TfOptimizerLowering(TfScope<T> scope, Operand<T> stepScalars) {
    this.s = scope;
    this.tf = scope.tf();
    this.learningRate = scalar(stepScalars, LEARNING_RATE, "learning_rate");
    this.beta1Power = scalar(stepScalars, BETA1_POWER, "beta1_power");
    this.beta2Power = scalar(stepScalars, BETA2_POWER, "beta2_power");
  }

  private Operand<T> scalar(Operand<T> vector, int index, String name) {
    return tf.withName(name).gather(vector, tf.constant(index), tf.constant(0));
  }

  /** The values fed for update t (1-based) at learning rate lr. */
  public static double[] stepScalars(Optimizer optimizer, double learningRate, long step) {
    double[] v = new double[STEP_SCALARS];
    v[LEARNING_RATE] = learningRate;
    if (optimizer instanceof Adam adam) {
      v[BETA1_POWER] = Math.pow(adam.beta1(), step);
      v[BETA2_POWER] = Math.pow(adam.beta2(), step);
    }
    return v;
  }

  @Override
  public TfUpdateRule<T> visitSgd(Sgd optimizer) {
    return (variable, gradient, slots) -> tf.train.applyGradientDescent(variable, learningRate, gradient);
  }

  @Override
  public TfUpdateRule<T> visitAdam(Adam optimizer) {
    Operand<T> beta1 = s.constant(optimizer.beta1());
    Operand<T> beta2 = s.constant(optimizer.beta2());
    Operand<T> epsilon = s.constant(optimizer.epsilon());
    return (variable, gradient, slots) -> tf.train.applyAdam(variable, slots.get(0), slots.get(1),
        beta1Power, beta2Power, learningRate, beta1, beta2, epsilon, gradient);
  }
}
