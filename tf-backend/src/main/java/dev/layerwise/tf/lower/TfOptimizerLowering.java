package dev.layerwise.tf.lower;

import dev.layerwise.optimizers.Adadelta;
import dev.layerwise.optimizers.Adagrad;
import dev.layerwise.optimizers.Adam;
import dev.layerwise.optimizers.AdamW;
import dev.layerwise.optimizers.Adamax;
import dev.layerwise.optimizers.Nadam;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.optimizers.OptimizerVisitor;
import dev.layerwise.optimizers.RMSprop;
import dev.layerwise.optimizers.Sgd;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.AssignSub;
import org.tensorflow.op.train.ApplyAdam;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.family.TFloating;

/**
 * Each optimizer as TF's own fused {@code Apply*} kernel (every one of them is in TF Java 1.1.0's
 * {@code TrainOps}), with the learning rate and the bias-correction powers fed from Java every step and the other
 * hyperparameters as constants of the graph's dtype. Deliberately not the {@code tensorflow-framework} optimizer
 * classes: their Adam updates β-powers with no ordering against {@code ApplyAdam} (a step reads βᵗ or βᵗ⁺¹ at
 * random), they bake the learning rate into a constant and differentiate every variable in the graph.
 *
 * <table>
 *   <caption>Ops per optimizer (slots in the order of {@code Optimizer.slotNames()})</caption>
 *   <tr><th>optimizer</th><th>op and slot arguments</th></tr>
 *   <tr><td>SGD, μ = 0</td><td>{@code ApplyGradientDescent}</td></tr>
 *   <tr><td>SGD, μ &gt; 0</td><td>{@code ApplyMomentum(accum = momentum, use_nesterov)}</td></tr>
 *   <tr><td>Adagrad</td><td>{@code ApplyAdagradV2(accum = accumulator)}</td></tr>
 *   <tr><td>RMSprop</td><td>{@code ApplyRMSProp(ms = rms, mom = momentum)}</td></tr>
 *   <tr><td>RMSprop, centered</td><td>{@code ApplyCenteredRMSProp(mg = mg, ms = rms, mom = momentum)}</td></tr>
 *   <tr><td>Adadelta</td><td>{@code ApplyAdadelta(accum = accumulator, accum_update = delta_accumulator)}</td></tr>
 *   <tr><td>Adam</td><td>{@code ApplyAdam(m, v)}</td></tr>
 *   <tr><td>Adamax</td><td>{@code ApplyAdaMax(m, v = u)}</td></tr>
 *   <tr><td>Nadam</td><td>{@code ApplyAdam(m, v, use_nesterov)}</td></tr>
 *   <tr><td>AdamW</td><td>{@code AssignSub(w, η·λ·w)}, then {@code ApplyAdam(m, v)}</td></tr>
 * </table>
 */
public final class TfOptimizerLowering<T extends TFloating> implements OptimizerVisitor<TfUpdateRule<T>> {
  /** Positions in the per-step scalar feed. */
  public static final int LEARNING_RATE = 0;
  /** β₁ᵗ: Adam, Nadam, AdamW and Adamax; 0 for the others. */
  public static final int BETA1_POWER = 1;
  /** β₂ᵗ: Adam, Nadam and AdamW; 0 for the others. */
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

  /**
   * The bases {@code {β₁, β₂}} whose t-th powers the optimizer's bias corrections use; 0 where it uses none (so the
   * fed power is 0 and never read).
   */
  public static double[] powerBases(Optimizer optimizer) {
    return optimizer.accept(new OptimizerVisitor<>() {
      @Override
      public double[] visitSgd(Sgd o) {
        return new double[2];
      }

      @Override
      public double[] visitAdagrad(Adagrad o) {
        return new double[2];
      }

      @Override
      public double[] visitRMSprop(RMSprop o) {
        return new double[2];
      }

      @Override
      public double[] visitAdadelta(Adadelta o) {
        return new double[2];
      }

      @Override
      public double[] visitAdam(Adam o) {
        return new double[] {o.beta1(), o.beta2()};
      }

      @Override
      public double[] visitAdamax(Adamax o) {
        return new double[] {o.beta1(), 0}; // ApplyAdaMax corrects m only; u needs no correction
      }

      @Override
      public double[] visitNadam(Nadam o) {
        return new double[] {o.beta1(), o.beta2()};
      }

      @Override
      public double[] visitAdamW(AdamW o) {
        return new double[] {o.beta1(), o.beta2()};
      }
    });
  }

  /**
   * Writes the values fed for update t (1-based) at learning rate lr into {@code into} (length
   * {@link #STEP_SCALARS}), from the bases of {@link #powerBases}; allocates nothing.
   */
  public static double[] stepScalars(double[] powerBases, double learningRate, long step, double[] into) {
    into[LEARNING_RATE] = learningRate;
    into[BETA1_POWER] = Math.pow(powerBases[0], step);
    into[BETA2_POWER] = Math.pow(powerBases[1], step);
    return into;
  }

  @Override
  public TfUpdateRule<T> visitSgd(Sgd optimizer) {
    if (optimizer.momentum() == 0) {
      return (variable, gradient, slots) -> tf.train.applyGradientDescent(variable, learningRate, gradient);
    }
    Operand<T> momentum = s.constant(optimizer.momentum());
    ApplyMomentum.Options nesterov = ApplyMomentum.useNesterov(optimizer.nesterov());
    return (variable, gradient, slots) -> tf.train.applyMomentum(variable, slots.get(0), learningRate, gradient,
        momentum, nesterov);
  }

  @Override
  public TfUpdateRule<T> visitAdagrad(Adagrad optimizer) {
    Operand<T> epsilon = s.constant(optimizer.epsilon());
    return (variable, gradient, slots) -> tf.train.applyAdagradV2(variable, slots.get(0), learningRate, epsilon,
        gradient);
  }

  @Override
  public TfUpdateRule<T> visitRMSprop(RMSprop optimizer) {
    Operand<T> rho = s.constant(optimizer.rho());
    Operand<T> momentum = s.constant(optimizer.momentum());
    Operand<T> epsilon = s.constant(optimizer.epsilon());
    if (optimizer.centered()) { // slots rms, momentum, mg
      return (variable, gradient, slots) -> tf.train.applyCenteredRmsProp(variable, slots.get(2), slots.get(0),
          slots.get(1), learningRate, rho, momentum, epsilon, gradient);
    }
    return (variable, gradient, slots) -> tf.train.applyRmsProp(variable, slots.get(0), slots.get(1), learningRate,
        rho, momentum, epsilon, gradient);
  }

  @Override
  public TfUpdateRule<T> visitAdadelta(Adadelta optimizer) {
    Operand<T> rho = s.constant(optimizer.rho());
    Operand<T> epsilon = s.constant(optimizer.epsilon());
    return (variable, gradient, slots) -> tf.train.applyAdadelta(variable, slots.get(0), slots.get(1), learningRate,
        rho, epsilon, gradient);
  }

  @Override
  public TfUpdateRule<T> visitAdam(Adam optimizer) {
    AdamOp<T> adam = adam(optimizer.beta1(), optimizer.beta2(), optimizer.epsilon(), false);
    return (variable, gradient, slots) -> adam.apply(tf, variable, gradient, slots);
  }

  @Override
  public TfUpdateRule<T> visitNadam(Nadam optimizer) {
    AdamOp<T> adam = adam(optimizer.beta1(), optimizer.beta2(), optimizer.epsilon(), true);
    return (variable, gradient, slots) -> adam.apply(tf, variable, gradient, slots);
  }

  /** {@code ApplyAdam} built with a given op factory (AdamW's carries a control dependency). */
  private interface AdamOp<T extends TFloating> {
    Op apply(Ops ops, Operand<T> variable, Operand<T> gradient, List<? extends Operand<T>> slots);
  }

  private AdamOp<T> adam(double b1, double b2, double eps, boolean nesterov) {
    Operand<T> beta1 = s.constant(b1);
    Operand<T> beta2 = s.constant(b2);
    Operand<T> epsilon = s.constant(eps);
    ApplyAdam.Options options = ApplyAdam.useNesterov(nesterov);
    return (ops, variable, gradient, slots) -> ops.train.applyAdam(variable, slots.get(0), slots.get(1), beta1Power,
        beta2Power, learningRate, beta1, beta2, epsilon, gradient, options);
  }

  @Override
  public TfUpdateRule<T> visitAdamax(Adamax optimizer) {
    Operand<T> beta1 = s.constant(optimizer.beta1());
    Operand<T> beta2 = s.constant(optimizer.beta2());
    Operand<T> epsilon = s.constant(optimizer.epsilon());
    return (variable, gradient, slots) -> tf.train.applyAdaMax(variable, slots.get(0), slots.get(1), beta1Power,
        learningRate, beta1, beta2, epsilon, gradient);
  }

  /**
   * Decoupled decay {@code w ← w − (η·λ)·w} as an {@code AssignSub}, then Adam on the loss gradient alone. The decay
   * must read and write w after every gradient and the step's loss and outputs have read it, and before
   * {@code ApplyAdam}: it waits on a {@code Snapshot} of this weight's gradient, which is downstream of the gate and
   * also what {@code ApplyAdam} reads. Not a control edge on the gradient itself, nor on an {@code Identity} of it
   * (TF bypasses that Identity and moves the edge onto its input): {@code applyGradients} feeds the gradient, and a
   * control edge on a fed op makes the run compute the op anyway — with all the gradient computation behind it,
   * which needs the features and labels (measured with TF 2.18: both fail, a Snapshot works).
   */
  @Override
  public TfUpdateRule<T> visitAdamW(AdamW optimizer) {
    Operand<T> weightDecay = s.constant(optimizer.weightDecay());
    AdamOp<T> adam = adam(optimizer.beta1(), optimizer.beta2(), optimizer.epsilon(), false);
    return (variable, gradient, slots) -> {
      Operand<T> ready = tf.withName("weight_decay_ready").snapshot(gradient);
      Ops afterGradients = tf.withControlDependencies(List.of(ready));
      Operand<T> decay = afterGradients.math.mul(afterGradients.math.mul(learningRate, weightDecay), variable);
      AssignSub<T> decayed = afterGradients.withName("weight_decay").assignSub(variable, decay);
      return adam.apply(tf.withControlDependencies(List.of(decayed)), variable, ready, slots);
    };
  }
}
