package dev.layerwise.optimizers;

import dev.layerwise.schedules.LearningRateSchedule;
import java.util.List;

/**
 * An update rule. Each record states its arithmetic in javadoc: Keras 3's {@code update_step} for that optimizer,
 * with Keras 3's default hyperparameters and slot initial values, computed alike by both backends (the TF backend
 * runs TF's fused {@code Apply*} op where one computes exactly that, and builds the rule from primitive ops where
 * none does; the reference backend writes it out). Where TF's fused op computes something else, the TF form stays
 * selectable as {@link UpdateFormula#TF_OP}.
 *
 * <p>The learning rate is a {@link LearningRateSchedule} computed in Java before each step and fed to the backend
 * (a plain number is a constant schedule); update t (1-based) uses {@code schedule.at(t − 1)}, and Adam-style
 * bias corrections use t, as Keras's {@code iterations + 1}. Each step, in Keras's order: optional
 * {@link GradientClipping} of the gradients, then the decoupled weight decay {@code w ← w − w·λ·η} of every
 * trainable weight (when {@link #weightDecay} λ &gt; 0, Keras's {@code weight_decay}), then the update rule.
 *
 * <p>Slot variables (per-weight state) are named {@code <weight>/<slot>}, as in {@code dense/kernel/m}, on every
 * backend, and start at {@link #slotInitialValue} — an explicit setting both backends honour (TF Java and Keras
 * disagree on several: Adagrad's accumulator, RMSprop's mean square).
 */
public sealed interface Optimizer permits Sgd, Adagrad, RMSprop, Adadelta, Adam, Adamax, Nadam, AdamW {

  /** The learning rate schedule (constant if a number was given). */
  LearningRateSchedule learningRate();

  /** Clipping applied to the gradients before the update. */
  GradientClipping clipping();

  /**
   * The decoupled weight decay λ: before each update every trainable weight shrinks by {@code w·λ·η} (0: none).
   * Keras 3's {@code weight_decay}, which every Keras optimizer takes.
   */
  double weightDecay();

  /** This optimizer with another weight decay λ ≥ 0. */
  Optimizer withWeightDecay(double weightDecay);

  /** The per-weight state this rule keeps, by short name, in a fixed order. */
  List<String> slotNames();

  /**
   * The value every element of a slot starts at (0 unless the record says otherwise); a name not in
   * {@link #slotNames()} is an error.
   */
  default double slotInitialValue(String slot) {
    OptimizerChecks.slot(this, slot);
    return 0;
  }

  <R> R accept(OptimizerVisitor<R> visitor);

  /** Plain stochastic gradient descent, Keras's default learning rate 0.01 if you want it. */
  static Sgd sgd(double learningRate) {
    return Sgd.DEFAULT.withLearningRate(learningRate);
  }

  static Sgd sgd(LearningRateSchedule learningRate) {
    return Sgd.DEFAULT.withLearningRate(learningRate);
  }

  /** Adam with Keras's defaults (β₁ 0.9, β₂ 0.999, ε 1e-7, no AMSGrad). */
  static Adam adam(double learningRate) {
    return Adam.DEFAULT.withLearningRate(learningRate);
  }

  static Adam adam(LearningRateSchedule learningRate) {
    return Adam.DEFAULT.withLearningRate(learningRate);
  }

  static Adagrad adagrad(double learningRate) {
    return Adagrad.DEFAULT.withLearningRate(learningRate);
  }

  static Adagrad adagrad(LearningRateSchedule learningRate) {
    return Adagrad.DEFAULT.withLearningRate(learningRate);
  }

  static RMSprop rmsprop(double learningRate) {
    return RMSprop.DEFAULT.withLearningRate(learningRate);
  }

  static RMSprop rmsprop(LearningRateSchedule learningRate) {
    return RMSprop.DEFAULT.withLearningRate(learningRate);
  }

  static Adadelta adadelta(double learningRate) {
    return Adadelta.DEFAULT.withLearningRate(learningRate);
  }

  static Adadelta adadelta(LearningRateSchedule learningRate) {
    return Adadelta.DEFAULT.withLearningRate(learningRate);
  }

  static Adamax adamax(double learningRate) {
    return Adamax.DEFAULT.withLearningRate(learningRate);
  }

  static Adamax adamax(LearningRateSchedule learningRate) {
    return Adamax.DEFAULT.withLearningRate(learningRate);
  }

  static Nadam nadam(double learningRate) {
    return Nadam.DEFAULT.withLearningRate(learningRate);
  }

  static Nadam nadam(LearningRateSchedule learningRate) {
    return Nadam.DEFAULT.withLearningRate(learningRate);
  }

  static AdamW adamW(double learningRate, double weightDecay) {
    return AdamW.DEFAULT.withLearningRate(learningRate).withWeightDecay(weightDecay);
  }

  static AdamW adamW(LearningRateSchedule learningRate, double weightDecay) {
    return AdamW.DEFAULT.withLearningRate(learningRate).withWeightDecay(weightDecay);
  }
}
