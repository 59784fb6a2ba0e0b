package dev.layerwise.tf.lower;

import static dev.layerwise.tf.lower.TfOptimizerLowering.BETA1_POWER;
import static dev.layerwise.tf.lower.TfOptimizerLowering.BETA2_POWER;
import static dev.layerwise.tf.lower.TfOptimizerLowering.LEARNING_RATE;
import static dev.layerwise.tf.lower.TfOptimizerLowering.MOMENTUM;
import static dev.layerwise.tf.lower.TfOptimizerLowering.MOMENTUM_PRODUCT;
import static dev.layerwise.tf.lower.TfOptimizerLowering.NEXT_MOMENTUM;
import static dev.layerwise.tf.lower.TfOptimizerLowering.NEXT_MOMENTUM_PRODUCT;

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

/**
 * The scalars of t fed with every step: the learning rate, the bias-correction powers β₁ᵗ and β₂ᵗ, and Keras
 * Nadam's momentum schedule μ_t, μ_{t+1} and its running product Π_t, Π_{t+1}. Computed in Java in double
 * precision from the step index, never kept in the graph: a graph variable updated each step would have to be
 * ordered against every update that reads it (TF Java's own Adam races on exactly that), and the archived step
 * count already determines them, so a resumed run feeds the same values.
 */
final class TfStepScalars {
  private static final int BETA1 = 0;
  private static final int BETA2 = 1;
  private static final int NADAM_BETA1 = 2;

  private TfStepScalars() {}

  /** {@code {β₁ of β₁ᵗ, β₂ of β₂ᵗ, β₁ of Nadam's schedule}}, 0 where the optimizer needs none. */
  static double[] bases(Optimizer optimizer) {
    return optimizer.accept(new OptimizerVisitor<>() {
      @Override
      public double[] visitSgd(Sgd o) {
        return new double[3];
      }

      @Override
      public double[] visitAdagrad(Adagrad o) {
        return new double[3];
      }

      @Override
      public double[] visitRMSprop(RMSprop o) {
        return new double[3];
      }

      @Override
      public double[] visitAdadelta(Adadelta o) {
        return new double[3];
      }

      @Override
      public double[] visitAdam(Adam o) {
        return new double[] {o.beta1(), o.beta2(), 0};
      }

      @Override
      public double[] visitAdamax(Adamax o) {
        return new double[] {o.beta1(), 0, 0}; // ApplyAdaMax corrects m only; u needs no correction
      }

      @Override
      public double[] visitNadam(Nadam o) {
        return o.formula() == UpdateFormula.KERAS ? new double[] {0, o.beta2(), o.beta1()}
            : new double[] {o.beta1(), o.beta2(), 0};
      }

      @Override
      public double[] visitAdamW(AdamW o) {
        return new double[] {o.beta1(), o.beta2(), 0};
      }
    });
  }

  static double[] write(double[] bases, double learningRate, long step, double[] into) {
    into[LEARNING_RATE] = learningRate;
    into[BETA1_POWER] = Math.pow(bases[BETA1], step);
    into[BETA2_POWER] = Math.pow(bases[BETA2], step);
    double nadamBeta1 = bases[NADAM_BETA1];
    if (nadamBeta1 == 0) {
      into[MOMENTUM] = into[NEXT_MOMENTUM] = into[MOMENTUM_PRODUCT] = into[NEXT_MOMENTUM_PRODUCT] = 0;
    } else {
      into[MOMENTUM] = Nadam.momentumSchedule(nadamBeta1, step);
      into[NEXT_MOMENTUM] = Nadam.momentumSchedule(nadamBeta1, step + 1);
      into[MOMENTUM_PRODUCT] = Nadam.momentumProduct(nadamBeta1, step);
      into[NEXT_MOMENTUM_PRODUCT] = into[MOMENTUM_PRODUCT] * into[NEXT_MOMENTUM];
    }
    return into;
  }
}
