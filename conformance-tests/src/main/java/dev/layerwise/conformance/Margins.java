package dev.layerwise.conformance;

import dev.layerwise.layers.Maxout;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;

/**
 * Validators that keep kinks whose position depends on the weights (or, for losses, on the labels) at a safe
 * distance from the data, so that no finite-difference step crosses one (research/conformance.md §6, margin rule).
 */
final class Margins {
  private Margins() {}

  /**
   * For a model {@code Input → Maxout}: in every unit of every sample, the winning piece beats the runner-up by at
   * least {@code margin}.
   */
  static LayerCase.Validator maxoutGap(double margin) {
    return (spec, xs, w) -> {
      float[] x = xs.get(0);
      LayerNode node = maxoutNode(spec);
      Maxout m = (Maxout) node.layer();
      int in = node.inputShape().last();
      int cols = m.units() * m.pieces();
      double[] kernel = w.get(node.weightName("kernel")).data();
      double[] bias = m.useBias() ? w.get(node.weightName("bias")).data() : new double[cols];
      for (int row = 0; row < x.length / in; row++) {
        for (int j = 0; j < m.units(); j++) {
          double best = Double.NEGATIVE_INFINITY;
          double second = Double.NEGATIVE_INFINITY;
          for (int p = 0; p < m.pieces(); p++) {
            int c = j * m.pieces() + p;
            double z = bias[c];
            for (int i = 0; i < in; i++) {
              z += x[row * in + i] * kernel[i * cols + c];
            }
            if (z > best) {
              second = best;
              best = z;
            } else if (z > second) {
              second = z;
            }
          }
          if (best - second < margin) {
            return false;
          }
        }
      }
      return true;
    };
  }

  /** Every error {@code |p − y|} at least {@code margin} from {@code kink} (0 for MAE, δ for Huber). */
  static LossCase.Validator errorsAwayFrom(double kink, double margin) {
    return (p, y) -> {
      for (int i = 0; i < p.length; i++) {
        if (Math.abs(Math.abs((double) p[i] - y[i]) - kink) < margin) {
          return false;
        }
      }
      return true;
    };
  }

  /**
   * For the categorical hinge over rows of {@code classes}: in every row the margin {@code m = neg − pos + 1} is
   * at least {@code margin} from 0, and the largest {@code (1 − y_c) p_c} beats the runner-up by at least
   * {@code margin} (the max is a kink where two of them tie).
   */
  static LossCase.Validator hingeMargins(int classes, double margin) {
    return (p, y) -> {
      for (int r = 0; r < p.length; r += classes) {
        double best = Double.NEGATIVE_INFINITY;
        double second = Double.NEGATIVE_INFINITY;
        double pos = 0;
        for (int c = r; c < r + classes; c++) {
          double v = (1 - (double) y[c]) * p[c];
          pos += (double) y[c] * p[c];
          if (v > best) {
            second = best;
            best = v;
          } else if (v > second) {
            second = v;
          }
        }
        if (Math.abs(best - pos + 1) < margin || best - second < margin) {
          return false;
        }
      }
      return true;
    };
  }

  /**
   * For a model whose inputs feed one {@code Maximum} or {@code Minimum} directly: at every element of every
   * sample, every two inputs differ by at least {@code margin}, so no step of a finite difference crosses a tie
   * (the kink of max and min).
   */
  static LayerCase.Validator extremumGap(double margin) {
    return (spec, xs, w) -> {
      for (int a = 0; a < xs.size(); a++) {
        for (int b = a + 1; b < xs.size(); b++) {
          for (int j = 0; j < xs.get(a).length; j++) {
            if (Math.abs(xs.get(a)[j] - xs.get(b)[j]) < margin) {
              return false;
            }
          }
        }
      }
      return true;
    };
  }

  private static LayerNode maxoutNode(ModelSpec spec) {
    if (spec.nodes().size() != 2 || !(spec.nodes().get(1).layer() instanceof Maxout)) {
      throw new IllegalArgumentException("maxoutGap validates Input → Maxout models, got " + spec.nodes());
    }
    return spec.nodes().get(1);
  }
}
