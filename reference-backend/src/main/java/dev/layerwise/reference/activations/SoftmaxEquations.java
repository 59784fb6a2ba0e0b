package dev.layerwise.reference.activations;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import dev.layerwise.reference.PlantedFault;
import dev.layerwise.reference.layers.RefLayerEquations;
import java.util.Map;

/**
 * Softmax over one axis of length C. Viewing the input as {@code [outer, C, inner]} (outer: the batch and the
 * axes before, inner: the axes after; inner = 1 for the last axis), each of the {@code outer·inner} lines along
 * the axis is normalised on its own; its elements lie {@code inner} apart in memory.
 *
 * <ul>
 *   <li>forward, per line: {@code y_i = e^(x_i − m) / Σ_j e^(x_j − m)} with {@code m = max_j x_j}. Subtracting m
 *       changes nothing mathematically (it cancels) but keeps every exponent ≤ 0, so nothing overflows.
 *   <li>Jacobian, per line: {@code ∂y_i/∂x_j = y_i (δ_ij − y_j)}
 *   <li>backward, per line: {@code dx_j = Σ_i dy_i · y_i (δ_ij − y_j) = y_j (dy_j − Σ_i dy_i y_i)}, i.e.
 *       {@code dx = y ⊙ (dy − Σ(dy ⊙ y))}: one dot product per line instead of a C×C Jacobian.
 * </ul>
 */
public final class SoftmaxEquations implements RefLayerEquations<SoftmaxEquations.Saved> {

  /** The output y: the Jacobian is a function of it alone. */
  public record Saved(double[] y) {}

  private final int classes;
  private final int inner;

  /** Softmax over the last axis, of size {@code classes} (as {@code Activation(SOFTMAX)}). */
  public SoftmaxEquations(int classes) {
    this(classes, 1);
  }

  /**
   * Softmax over an axis of length {@code classes} followed by axes of {@code inner} values in all.
   */
  public SoftmaxEquations(int classes, int inner) {
    checkArgument(classes > 0 && inner > 0, "SoftmaxEquations: classes and inner must be positive, got %s, %s",
        classes, inner);
    this.classes = classes;
    this.inner = inner;
  }

  /** Softmax over axis {@code axis} (0-based, per sample) of samples shaped {@code sample}. */
  public static SoftmaxEquations overAxis(Shape sample, int axis) {
    checkArgument(axis >= 0 && axis < sample.rank(), "Softmax: axis %s is outside a sample of shape %s", axis,
        sample);
    int inner = 1;
    for (int d = axis + 1; d < sample.rank(); d++) {
      inner *= sample.dim(d);
    }
    return new SoftmaxEquations(sample.dim(axis), inner);
  }

  @Override
  public Forward<Saved> forward(Map<String, double[]> params, double[] x, Mode mode) {
    int block = classes * inner;
    checkArgument(x.length % block == 0, "Softmax: input of %s values is not a whole number of blocks of %s×%s",
        x.length, classes, inner);
    double[] y = new double[x.length];
    for (int start = 0; start < x.length; start += block) {
      for (int k = 0; k < inner; k++) {
        softmaxLine(x, y, start + k, inner, classes);
      }
    }
    return new Forward<>(y, new Saved(y));
  }

  @Override
  public Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    if (!needDx) {
      return new Backward(null, Map.of());
    }
    double[] y = saved.y();
    double[] dx = new double[dy.length];
    int block = classes * inner;
    for (int start = 0; start < dy.length; start += block) {
      for (int k = 0; k < inner; k++) {
        int first = start + k;
        int end = first + classes * inner;
        double dot = 0;
        for (int j = first; j < end; j += inner) {
          dot += dy[j] * y[j];
        }
        if (PlantedFault.SOFTMAX_GRADIENT_NO_DOT.isPlanted()) {
          dot = 0;
        }
        for (int j = first; j < end; j += inner) {
          dx[j] = y[j] * (dy[j] - dot);
        }
      }
    }
    return new Backward(dx, Map.of());
  }

  /** The max-subtracted softmax of each row of {@code x [rows, classes]}. */
  public static double[] softmax(double[] x, int classes) {
    double[] y = new double[x.length];
    for (int r = 0; r < x.length; r += classes) {
      softmaxLine(x, y, r, 1, classes);
    }
    return y;
  }

  /** Softmax of the {@code n} values {@code x[first + i·step]}, written to the same places in y. */
  private static void softmaxLine(double[] x, double[] y, int first, int step, int n) {
    int end = first + n * step;
    double m = Double.NEGATIVE_INFINITY;
    for (int j = first; j < end; j += step) {
      m = Math.max(m, x[j]);
    }
    double sum = 0;
    for (int j = first; j < end; j += step) {
      y[j] = Math.exp(x[j] - m);
      sum += y[j];
    }
    for (int j = first; j < end; j += step) {
      y[j] /= sum;
    }
  }
}
