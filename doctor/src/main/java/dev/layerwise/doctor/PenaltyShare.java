package dev.layerwise.doctor;

import dev.layerwise.CompiledModel;
import dev.layerwise.Evaluation;
import dev.layerwise.data.Dataset;
import java.util.List;
import java.util.Locale;

/**
 * The course's second sanity check, judged by size. Turning the regularisation on must make the initial loss rise —
 * but the penalty R = Σ λ·‖w‖ is never negative, so "it rose" proves nothing. What can be wrong is its size: at
 * initialisation the loss is L = D + R, D the data loss (≈ ln C for C classes), and the share
 *
 * <pre>
 *   s = R / (D + R)
 * </pre>
 *
 * says how much of the first gradient steps go to shrinking the weights instead of fitting the data. Above
 * {@value #WARN_SHARE} the penalty rivals the data; above {@value #FAIL_SHARE} it dominates: the optimiser drives the
 * weights to 0 and the model underfits. Calibration: a 784→256→128→10 Glorot MLP (Σw² ≈ 575 expected at
 * initialisation, Σ n·2/(fan_in + fan_out) over its kernels; data loss ln 10 = 2.30) has s = 2.4% with L2
 * λ = 1e-4, 20% with 1e-3 and 71% with Keras's default {@code l2()} = 1e-2 — a strength that is reasonable for one
 * small layer is too much summed over 200,000 weights.
 */
public final class PenaltyShare {
  /** The penalty's share of the initial loss above which it WARNs. */
  static final double WARN_SHARE = 0.25;
  /** The share above which it FAILs: the penalty outweighs the data. */
  static final double FAIL_SHARE = 0.5;

  private PenaltyShare() {}

  /** The check on the model's current weights (evaluated in inference mode; nothing changes). */
  public static Check check(CompiledModel model, Dataset data) {
    Evaluation e = model.evaluate(data);
    double penalty = e.values().getOrDefault("regularization_loss", 0.0);
    return judge(e.loss() - penalty, penalty);
  }

  static Check judge(double dataLoss, double penalty) {
    String name = "regularisation share";
    if (penalty == 0) {
      return Check.pass(name, "no penalty (no regularizer, or all at 0)", "a penalty of at most "
          + percent(WARN_SHARE) + " of the initial loss");
    }
    double share = penalty / (dataLoss + penalty);
    String measured = String.format(Locale.ROOT, "penalty %.4g of loss %.4g at initialisation: %s", penalty,
        dataLoss + penalty, percent(share));
    String expected = "at most " + percent(WARN_SHARE) + " of the initial loss";
    if (share <= WARN_SHARE) {
      return Check.pass(name, measured, expected);
    }
    boolean fail = share > FAIL_SHARE;
    return new Check(name, fail ? Verdict.FAIL : Verdict.WARN, measured, expected,
        fail ? "The penalty outweighs the data: the first steps mostly shrink the weights toward 0, and the model"
            + " will underfit (training accuracy stuck well below what the model can reach)."
            : "The penalty rivals the data loss: training will trade fit for small weights from the start.",
        List.of("Divide the regularizers' strengths by 10 (L2 λ is per weight, and the penalty sums over all of"
                + " them: large layers need smaller λ).",
            "Tune λ on a log scale against the validation loss once the unregularised model overfits."));
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }
}
