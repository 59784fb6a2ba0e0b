package dev.layerwise.reference.optimizers;

import static java.util.Objects.requireNonNull;

import dev.layerwise.optimizers.GradientClipping;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradient clipping, applied to the gradients of all trainable weights (the loss's plus the regularizers') before
 * the update rule. With c the threshold:
 *
 * <pre>
 *   VALUE         g ← min(max(g, −c), c)                       per element
 *   NORM          g ← g · s,  s = c / max(‖g‖₂, c)             per tensor, ‖g‖₂ = √(Σᵢ gᵢ²)
 *   GLOBAL_NORM   g ← g · s,  s = c / max(G, c)                 every tensor, G = √(Σ over tensors of ‖g‖₂²)
 * </pre>
 *
 * <p>The scale s is one scalar, so a gradient at or below the threshold is multiplied by exactly 1 and comes out
 * bit for bit unchanged. The given arrays are never written: clipped gradients are new arrays (the caller's may
 * be a user's {@code TensorValue} or shared with a layer), and {@code NONE} hands back the list as given.
 */
public final class GradientClippingEquations {
  private final GradientClipping clipping;

  public GradientClippingEquations(GradientClipping clipping) {
    this.clipping = requireNonNull(clipping, "GradientClippingEquations: clipping");
  }

  /**
   * The gradients of every trainable weight, clipped. The order of the list fixes the order of the global norm's
   * sum, so callers pass the weights in model order.
   */
  public List<double[]> apply(List<double[]> gradients) {
    double c = clipping.threshold();
    return switch (clipping.kind()) {
      case NONE -> gradients;
      case VALUE -> gradients.stream().map(g -> byValue(g, c)).toList();
      case NORM -> gradients.stream().map(g -> scaled(g, c / Math.max(Math.sqrt(sumOfSquares(g)), c))).toList();
      case GLOBAL_NORM -> byGlobalNorm(gradients, c);
    };
  }

  /** {@code min(max(g, −c), c)} per element. */
  static double[] byValue(double[] g, double c) {
    double[] out = new double[g.length];
    for (int i = 0; i < g.length; i++) {
      out[i] = Math.min(Math.max(g[i], -c), c);
    }
    return out;
  }

  /** Every tensor times {@code c / max(G, c)}, G the norm of all of them taken together. */
  static List<double[]> byGlobalNorm(List<double[]> gradients, double c) {
    double squares = 0;
    for (double[] g : gradients) {
      squares += sumOfSquares(g);
    }
    double s = c / Math.max(Math.sqrt(squares), c);
    List<double[]> out = new ArrayList<>(gradients.size());
    gradients.forEach(g -> out.add(scaled(g, s)));
    return out;
  }

  static double sumOfSquares(double[] g) {
    double sum = 0;
    for (double gi : g) {
      sum += gi * gi;
    }
    return sum;
  }

  private static double[] scaled(double[] g, double s) {
    double[] out = new double[g.length];
    for (int i = 0; i < g.length; i++) {
      out[i] = g[i] * s;
    }
    return out;
  }
}
