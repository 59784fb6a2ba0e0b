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
import dev.layerwise.optimizers.UpdateFormula;
import dev.layerwise.tf.lower.TfKerasRules.Rule;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.AssignSub;
import org.tensorflow.op.train.ApplyAdam;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.family.TFloating;

/**
 * Each optimizer as Keras 3 computes it: TF's own fused {@code Apply*} kernel where one computes exactly Keras's
 * rule (every one used is in TF Java 1.1.0's {@code TrainOps}), and primitive ops in Keras's order where none does
 * ({@link TfKerasRules}). The learning rate, the bias-correction powers and Nadam's momentum schedule are fed from
 * Java every step; the other hyperparameters are constants of the graph's dtype. Deliberately not the
 * {@code tensorflow-framework} optimizer classes: their Adam updates β-powers with no ordering against
 * {@code ApplyAdam} (a step reads βᵗ or βᵗ⁺¹ at random), they bake the learning rate into a constant and
 * differentiate every variable in the graph.
 *
 * <table>
 *   <caption>Ops per optimizer (slots in the order of {@code Optimizer.slotNames()})</caption>
 *   <tr><th>optimizer</th><th>ops and slot arguments</th></tr>
 *   <tr><td>SGD, μ = 0</td><td>{@code ApplyGradientDescent}</td></tr>
 *   <tr><td>SGD, μ &gt; 0</td><td>{@code Assign(momentum, v·μ − g·η)}, {@code AssignAdd(w, …)}; TF_OP:
 *       {@code ApplyMomentum(accum = momentum, use_nesterov)}</td></tr>
 *   <tr><td>Adagrad</td><td>{@code AssignAdd(accumulator, g²)}, {@code AssignSub(w, η·g/√(a + ε))}; TF_OP:
 *       {@code ApplyAdagradV2(accum = accumulator)}</td></tr>
 *   <tr><td>RMSprop</td><td>{@code ApplyRMSProp(ms = rms, mom = momentum)}</td></tr>
 *   <tr><td>RMSprop, centered</td><td>{@code ApplyCenteredRMSProp(mg = mg, ms = rms, mom = momentum)}</td></tr>
 *   <tr><td>Adadelta</td><td>{@code ApplyAdadelta(accum = accumulator, accum_update = delta_accumulator)}</td></tr>
 *   <tr><td>Adam, AdamW</td><td>{@code ApplyAdam(m, v)}; AMSGrad: {@code AssignAdd} m and v, {@code Assign(v_hat,
 *       max(v_hat, v))}, {@code AssignSub(w, …)}</td></tr>
 *   <tr><td>Adamax</td><td>{@code ApplyAdaMax(m, v = u)}</td></tr>
 *   <tr><td>Nadam</td><td>{@code AssignAdd} m and v, {@code AssignSub(w, …)}; TF_OP: {@code ApplyAdam(m, v,
 *       use_nesterov)}</td></tr>
 *   <tr><td>weight decay λ &gt; 0 (any)</td><td>{@code AssignSub(w, (w·λ)·η)} first</td></tr>
 * </table>
 */
public final class TfOptimizerLowering<T extends TFloating> implements OptimizerVisitor<TfUpdateRule<T>> {
  /** Positions in the per-step scalar feed. */
  public static final int LEARNING_RATE = 0;
  /** β₁ᵗ: Adam, AdamW, Adamax and Nadam's TF_OP; 0 for the others. */
  public static final int BETA1_POWER = 1;
  /** β₂ᵗ: Adam, AdamW and Nadam; 0 for the others. */
  public static final int BETA2_POWER = 2;
  /** Nadam's μ_t, μ_{t+1}, Π_t and Π_{t+1} ({@link Nadam#momentumSchedule}); 0 for the others. */
  public static final int MOMENTUM = 3;
  public static final int NEXT_MOMENTUM = 4;
  public static final int MOMENTUM_PRODUCT = 5;
  public static final int NEXT_MOMENTUM_PRODUCT = 6;
  public static final int STEP_SCALARS = 7;

  private final TfScope<T> s;
  private final Ops tf;
  private final Operand<T> learningRate;
  private final Operand<T> beta1Power;
  private final Operand<T> beta2Power;
  private final Operand<T> momentum;
  private final Operand<T> nextMomentum;
  private final Operand<T> product;
  private final Operand<T> nextProduct;
  private final TfKerasRules<T> keras;

  /**
   * @param stepScalars a fed vector {@code [lr, β₁ᵗ, β₂ᵗ, μ_t, μ_{t+1}, Π_t, Π_{t+1}]} (see {@link #stepScalars})
   */
  public TfOptimizerLowering(TfScope<T> scope, Operand<T> stepScalars) {
    this(scope, scope, stepScalars);
  }

  /**
   * @param scope where the constants and the step scalars' reads are built
   * @param rules where the update ops are built: a scope whose ops wait for an earlier step's writes
   *     ({@code TfScope.after}), when several steps share one graph, so that a composed rule reads its slots after
   *     them; the constants stay free of those waits, so Grappler can fold them once instead of per step
   */
  public TfOptimizerLowering(TfScope<T> scope, TfScope<T> rules, Operand<T> stepScalars) {
    this.s = scope;
    this.tf = rules.tf();
    this.learningRate = scalar(stepScalars, LEARNING_RATE, "learning_rate");
    this.beta1Power = scalar(stepScalars, BETA1_POWER, "beta1_power");
    this.beta2Power = scalar(stepScalars, BETA2_POWER, "beta2_power");
    this.momentum = scalar(stepScalars, MOMENTUM, "momentum");
    this.nextMomentum = scalar(stepScalars, NEXT_MOMENTUM, "next_momentum");
    this.product = scalar(stepScalars, MOMENTUM_PRODUCT, "momentum_product");
    this.nextProduct = scalar(stepScalars, NEXT_MOMENTUM_PRODUCT, "next_momentum_product");
    this.keras = new TfKerasRules<>(scope, learningRate);
  }

  private Operand<T> scalar(Operand<T> vector, int index, String name) {
    Ops plain = s.tf();
    return plain.withName(name).gather(vector, plain.constant(index), plain.constant(0));
  }

  /**
   * The constants the step scalars are computed from: {@code {β₁, β₂}}, whose t-th powers the bias corrections
   * use (0 where unused, so the fed power is 0 and never read), and the β₁ of Nadam's momentum schedule (0 unless
   * the optimizer is Keras's Nadam).
   */
  public static double[] powerBases(Optimizer optimizer) {
    return TfStepScalars.bases(optimizer);
  }

  /**
   * Writes the values fed for update t (1-based) at learning rate lr into {@code into} (length
   * {@link #STEP_SCALARS}), from the constants of {@link #powerBases}; allocates nothing.
   */
  public static double[] stepScalars(double[] powerBases, double learningRate, long step, double[] into) {
    return TfStepScalars.write(powerBases, learningRate, step, into);
  }

  /**
   * The rule, behind Keras's decoupled weight decay {@code w ← w − (w·λ)·η} (an {@code AssignSub}) when the optimizer
   * has one. The decay must read and write w after every gradient and the step's loss and outputs have read it, and
   * before the rule: it waits on a {@code Snapshot} of this weight's gradient, which is downstream of the gate and
   * also what the rule reads, and the rule's ops wait on the decay. Not a control edge on the gradient itself, nor
   * on an {@code Identity} of it (TF bypasses that Identity and moves the edge onto its input): {@code applyGradients}
   * feeds the gradient, and a control edge on a fed op makes the run compute the op anyway — with all the gradient
   * computation behind it, which needs the features and labels (measured with TF 2.18: both fail, a Snapshot works).
   */
  private TfUpdateRule<T> decayed(Optimizer optimizer, Rule<T> rule) {
    if (optimizer.weightDecay() == 0) {
      return (variable, gradient, slots) -> rule.apply(tf, variable, gradient, slots);
    }
    Operand<T> weightDecay = s.constant(optimizer.weightDecay());
    return (variable, gradient, slots) -> {
      Operand<T> ready = tf.withName("weight_decay_ready").snapshot(gradient);
      Ops afterGradients = tf.withControlDependencies(List.of(ready));
      Operand<T> decay = afterGradients.math.mul(afterGradients.math.mul(variable, weightDecay), learningRate);
      AssignSub<T> decayed = afterGradients.withName("weight_decay").assignSub(variable, decay);
      return rule.apply(tf.withControlDependencies(List.of(decayed)), variable, ready, slots);
    };
  }

  @Override
  public TfUpdateRule<T> visitSgd(Sgd optimizer) {
    if (optimizer.momentum() == 0) {
      return decayed(optimizer, (ops, w, g, slots) -> ops.train.applyGradientDescent(w, learningRate, g));
    }
    if (optimizer.formula() == UpdateFormula.KERAS) {
      return decayed(optimizer, keras.sgdMomentum(optimizer.momentum(), optimizer.nesterov()));
    }
    Operand<T> mu = s.constant(optimizer.momentum());
    ApplyMomentum.Options nesterov = ApplyMomentum.useNesterov(optimizer.nesterov());
    return decayed(optimizer, (ops, w, g, slots) -> ops.train.applyMomentum(w, slots.get(0), learningRate, g, mu,
        nesterov));
  }

  @Override
  public TfUpdateRule<T> visitAdagrad(Adagrad optimizer) {
    if (optimizer.formula() == UpdateFormula.KERAS) {
      return decayed(optimizer, keras.adagrad(optimizer.epsilon()));
    }
    Operand<T> epsilon = s.constant(optimizer.epsilon());
    return decayed(optimizer, (ops, w, g, slots) -> ops.train.applyAdagradV2(w, slots.get(0), learningRate, epsilon,
        g));
  }

  @Override
  public TfUpdateRule<T> visitRMSprop(RMSprop optimizer) {
    Operand<T> rho = s.constant(optimizer.rho());
    Operand<T> mu = s.constant(optimizer.momentum());
    Operand<T> epsilon = s.constant(optimizer.epsilon());
    if (optimizer.centered()) { // slots rms, momentum, mg
      return decayed(optimizer, (ops, w, g, slots) -> ops.train.applyCenteredRmsProp(w, slots.get(2), slots.get(0),
          slots.get(1), learningRate, rho, mu, epsilon, g));
    }
    return decayed(optimizer, (ops, w, g, slots) -> ops.train.applyRmsProp(w, slots.get(0), slots.get(1),
        learningRate, rho, mu, epsilon, g));
  }

  @Override
  public TfUpdateRule<T> visitAdadelta(Adadelta optimizer) {
    Operand<T> rho = s.constant(optimizer.rho());
    Operand<T> epsilon = s.constant(optimizer.epsilon());
    return decayed(optimizer, (ops, w, g, slots) -> ops.train.applyAdadelta(w, slots.get(0), slots.get(1),
        learningRate, rho, epsilon, g));
  }

  @Override
  public TfUpdateRule<T> visitAdam(Adam optimizer) {
    return decayed(optimizer, adam(optimizer.beta1(), optimizer.beta2(), optimizer.epsilon(), optimizer.amsgrad()));
  }

  @Override
  public TfUpdateRule<T> visitAdamW(AdamW optimizer) {
    return decayed(optimizer, adam(optimizer.beta1(), optimizer.beta2(), optimizer.epsilon(), optimizer.amsgrad()));
  }

  @Override
  public TfUpdateRule<T> visitNadam(Nadam optimizer) {
    if (optimizer.formula() == UpdateFormula.KERAS) {
      return decayed(optimizer, keras.nadam(optimizer.beta1(), optimizer.beta2(), optimizer.epsilon(), beta2Power,
          momentum, nextMomentum, product, nextProduct));
    }
    return decayed(optimizer, applyAdam(optimizer.beta1(), optimizer.beta2(), optimizer.epsilon(), true));
  }

  private Rule<T> adam(double b1, double b2, double eps, boolean amsgrad) {
    return amsgrad ? keras.amsgrad(b1, b2, eps, beta1Power, beta2Power) : applyAdam(b1, b2, eps, false);
  }

  private Rule<T> applyAdam(double b1, double b2, double eps, boolean nesterov) {
    Operand<T> beta1 = s.constant(b1);
    Operand<T> beta2 = s.constant(b2);
    Operand<T> epsilon = s.constant(eps);
    ApplyAdam.Options options = ApplyAdam.useNesterov(nesterov);
    return (ops, w, g, slots) -> ops.train.applyAdam(w, slots.get(0), slots.get(1), beta1Power, beta2Power,
        learningRate, beta1, beta2, epsilon, g, options);
  }

  @Override
  public TfUpdateRule<T> visitAdamax(Adamax optimizer) {
    Operand<T> beta1 = s.constant(optimizer.beta1());
    Operand<T> beta2 = s.constant(optimizer.beta2());
    Operand<T> epsilon = s.constant(optimizer.epsilon());
    return decayed(optimizer, (ops, w, g, slots) -> ops.train.applyAdaMax(w, slots.get(0), slots.get(1), beta1Power,
        learningRate, beta1, beta2, epsilon, g));
  }
}
