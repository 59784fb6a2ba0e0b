package dev.layerwise.tf.lower;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.AssignAdd;
import org.tensorflow.types.family.TFloating;

/**
 * Keras 3 update rules no fused TF op computes, built from primitive ops in Keras's own operation order. Each
 * rule writes every slot first and the weight last: a slot is read by its own {@code Assign*} op and by the ops
 * downstream of that op's output (the updated value), and the weight is written once, by the final op, which is
 * downstream of the gradient — so nothing here reads the weight before the step's gradients are done, and nothing
 * reads a slot half-updated. The returned op is the weight's update; the slot updates run because it consumes them.
 *
 * @param <T> the graph's float type
 */
final class TfKerasRules<T extends TFloating> {
  private final TfScope<T> s;
  private final Operand<T> learningRate;

  TfKerasRules(TfScope<T> scope, Operand<T> learningRate) {
    this.s = scope;
    this.learningRate = learningRate;
  }

  /** An update rule built with an {@code Ops} that may carry control dependencies (the weight decay's). */
  @FunctionalInterface
  interface Rule<T extends TFloating> {
    Op apply(Ops ops, Operand<T> variable, Operand<T> gradient, List<? extends Operand<T>> slots);
  }

  /**
   * Keras's SGD momentum: {@code v ← v·μ − g·η}, then {@code w ← w + v}, or with Nesterov
   * {@code w ← w + (v·μ − g·η)} with the new v. Slot: momentum (v).
   */
  Rule<T> sgdMomentum(double mu, boolean nesterov) {
    Operand<T> momentum = s.constant(mu);
    return (ops, w, g, slots) -> {
      Operand<T> scaledGradient = ops.math.mul(g, learningRate);
      Assign<T> v = ops.assign(slots.get(0), ops.math.sub(ops.math.mul(slots.get(0), momentum), scaledGradient));
      Operand<T> step = nesterov ? ops.math.sub(ops.math.mul(v, momentum), scaledGradient) : v;
      return ops.assignAdd(w, step);
    };
  }

  /** Keras's Adagrad: {@code a ← a + g²}, then {@code w ← w − (η·g) / √(a + ε)}. Slot: accumulator (a). */
  Rule<T> adagrad(double eps) {
    Operand<T> epsilon = s.constant(eps);
    return (ops, w, g, slots) -> {
      AssignAdd<T> a = ops.assignAdd(slots.get(0), ops.math.square(g));
      return ops.assignSub(w, ops.math.div(ops.math.mul(learningRate, g), ops.math.sqrt(ops.math.add(a, epsilon))));
    };
  }

  /**
   * Adam with AMSGrad, as Keras: {@code m ← m + (g − m)(1 − β₁)}, {@code v ← v + (g² − v)(1 − β₂)},
   * {@code v̂ ← max(v̂, v)}, {@code w ← w − (m·α) / (√v̂ + ε)} with {@code α = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)} from the fed
   * powers. Slots: m, v, v_hat.
   */
  Rule<T> amsgrad(double b1, double b2, double eps, Operand<T> beta1Power, Operand<T> beta2Power) {
    Operand<T> one = s.constant(1);
    Operand<T> oneMinusBeta1 = s.constant(1 - b1);
    Operand<T> oneMinusBeta2 = s.constant(1 - b2);
    Operand<T> epsilon = s.constant(eps);
    return (ops, w, g, slots) -> {
      Operand<T> alpha = ops.math.div(ops.math.mul(learningRate, ops.math.sqrt(ops.math.sub(one, beta2Power))),
          ops.math.sub(one, beta1Power));
      Operand<T> m = moment(ops, slots.get(0), g, oneMinusBeta1);
      Operand<T> v = moment(ops, slots.get(1), ops.math.square(g), oneMinusBeta2);
      Assign<T> vHat = ops.assign(slots.get(2), ops.math.maximum(slots.get(2), v));
      return ops.assignSub(w, ops.math.div(ops.math.mul(m, alpha), ops.math.add(ops.math.sqrt(vHat), epsilon)));
    };
  }

  /**
   * Keras's Nadam (Dozat's, with the momentum schedule μ_t and its running product Π_t fed per step):
   * {@code m ← m + (g − m)(1 − β₁)}, {@code v ← v + (g² − v)(1 − β₂)},
   * {@code m̂ = (μ_{t+1}·m)/(1 − Π_{t+1}) + ((1 − μ_t)·g)/(1 − Π_t)}, {@code v̂ = v/(1 − β₂ᵗ)},
   * {@code w ← w − (m̂·η)/(√v̂ + ε)}. Slots: m, v.
   */
  Rule<T> nadam(double b1, double b2, double eps, Operand<T> beta2Power, Operand<T> momentum,
      Operand<T> nextMomentum, Operand<T> product, Operand<T> nextProduct) {
    Operand<T> one = s.constant(1);
    Operand<T> oneMinusBeta1 = s.constant(1 - b1);
    Operand<T> oneMinusBeta2 = s.constant(1 - b2);
    Operand<T> epsilon = s.constant(eps);
    return (ops, w, g, slots) -> {
      Operand<T> m = moment(ops, slots.get(0), g, oneMinusBeta1);
      Operand<T> v = moment(ops, slots.get(1), ops.math.square(g), oneMinusBeta2);
      Operand<T> mHat = ops.math.add(
          ops.math.div(ops.math.mul(nextMomentum, m), ops.math.sub(one, nextProduct)),
          ops.math.div(ops.math.mul(ops.math.sub(one, momentum), g), ops.math.sub(one, product)));
      Operand<T> vHat = ops.math.div(v, ops.math.sub(one, beta2Power));
      return ops.assignSub(w, ops.math.div(ops.math.mul(mHat, learningRate),
          ops.math.add(ops.math.sqrt(vHat), epsilon)));
    };
  }

  /** {@code x ← x + (target − x)·(1 − β)}: an exponential average, as Keras's {@code assign_add} writes it. */
  private static <T extends TFloating> Operand<T> moment(Ops ops, Operand<T> slot, Operand<T> target,
      Operand<T> oneMinusBeta) {
    return ops.assignAdd(slot, ops.math.mul(ops.math.sub(target, slot), oneMinusBeta));
  }
}
