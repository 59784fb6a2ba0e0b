package dev.layerwise.reference.activations;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.reference.layers.RefLayerEquations;
import java.util.Map;

/**
 * Hardmax over the last axis of C values: per row, {@code y_i = 1} at the first position of the row's maximum
 * (the lowest index among exact ties) and 0 elsewhere.
 *
 * <p>It is piecewise constant, so its derivative is 0 wherever it exists and undefined where the winner changes:
 * nothing can be learned through it. Rather than return zeros that would silently stall training, the backward
 * refuses; models check {@code Layer.differentiable()} before they get that far.
 */
public final class HardmaxEquations implements RefLayerEquations<HardmaxEquations.Saved> {

  /** Nothing: there is no backward. */
  public record Saved() {}

  private static final Saved NOTHING = new Saved();

  private final int classes;
  private final String layer;

  /**
   * @param classes the size C of the last axis
   * @param layer how errors name the layer: {@code Layer.describe()}, e.g. {@code Hardmax 'hardmax'}
   */
  public HardmaxEquations(int classes, String layer) {
    checkArgument(classes > 0, "%s: classes must be positive, got %s", layer, classes);
    this.classes = classes;
    this.layer = layer;
  }

  @Override
  public Forward<Saved> forward(Map<String, double[]> params, double[] x, Mode mode) {
    checkArgument(x.length % classes == 0, "%s: input of %s values is not a whole number of rows of %s", layer,
        x.length, classes);
    double[] y = new double[x.length];
    for (int r = 0; r < x.length; r += classes) {
      int best = r;
      for (int j = r + 1; j < r + classes; j++) {
        if (x[j] > x[best]) { // strictly greater: the first maximum wins ties
          best = j;
        }
      }
      y[best] = 1;
    }
    return new Forward<>(y, NOTHING);
  }

  /** Always throws: see the class comment. */
  @Override
  public Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    throw new IllegalStateException(layer + " is not differentiable (its gradient is zero wherever it exists),"
        + " so no gradient can flow through it; use it for inference only, or Softmax to train");
  }
}
