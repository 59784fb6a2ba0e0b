package dev.layerwise.reference.activations;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.reference.layers.RefLayerEquations;
import java.util.Map;

/**
 * Softmax over the last axis of C classes; every other axis is a row of its own.
 *
 * <ul>
 *   <li>forward, per row: {@code y_i = e^(x_i − m) / Σ_j e^(x_j − m)} with {@code m = max_j x_j}. Subtracting m
 *       changes nothing mathematically (it cancels) but keeps every exponent ≤ 0, so nothing overflows.
 *   <li>Jacobian, per row: {@code ∂y_i/∂x_j = y_i (δ_ij − y_j)}
 *   <li>backward, per row: {@code dx_j = Σ_i dy_i · y_i (δ_ij − y_j) = y_j (dy_j − Σ_i dy_i y_i)}, i.e.
 *       {@code dx = y ⊙ (dy − Σ(dy ⊙ y))}: one dot product per row instead of a C×C Jacobian.
 * </ul>
 */
public final class SoftmaxEquations implements RefLayerEquations<SoftmaxEquations.Saved> {

  /** The output y: the Jacobian is a function of it alone. */
  public record Saved(double[] y) {}

  private final int classes;

  /** @param classes the size C of the last axis */
  public SoftmaxEquations(int classes) {
    checkArgument(classes > 0, "SoftmaxEquations: classes must be positive, got %s", classes);
    this.classes = classes;
  }

  @Override
  public Forward<Saved> forward(Map<String, double[]> params, double[] x, boolean training) {
    checkArgument(x.length % classes == 0, "Softmax: input of %s values is not a whole number of rows of %s",
        x.length, classes);
    double[] y = softmax(x, classes);
    return new Forward<>(y, new Saved(y));
  }

  @Override
  public Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    if (!needDx) {
      return new Backward(null, Map.of());
    }
    double[] y = saved.y();
    double[] dx = new double[dy.length];
    for (int r = 0; r < dy.length; r += classes) {
      double dot = 0;
      for (int j = r; j < r + classes; j++) {
        dot += dy[j] * y[j];
      }
      for (int j = r; j < r + classes; j++) {
        dx[j] = y[j] * (dy[j] - dot);
      }
    }
    return new Backward(dx, Map.of());
  }

  /** The max-subtracted softmax of each row of {@code x [rows, classes]}. */
  public static double[] softmax(double[] x, int classes) {
    double[] y = new double[x.length];
    for (int r = 0; r < x.length; r += classes) {
      double m = Double.NEGATIVE_INFINITY;
      for (int j = r; j < r + classes; j++) {
        m = Math.max(m, x[j]);
      }
      double sum = 0;
      for (int j = r; j < r + classes; j++) {
        y[j] = Math.exp(x[j] - m);
        sum += y[j];
      }
      for (int j = r; j < r + classes; j++) {
        y[j] /= sum;
      }
    }
    return y;
  }
}
