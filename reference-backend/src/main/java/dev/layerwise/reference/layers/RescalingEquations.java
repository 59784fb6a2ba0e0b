package dev.layerwise.reference.layers;

import java.util.Map;

/**
 * {@code Rescaling}: {@code y = x·scale + offset}, {@code dx = dy·scale}, element by element, any shape. No
 * parameters, the same in training and inference.
 */
public final class RescalingEquations implements RefLayerEquations<RescalingEquations.Saved> {

  /** Nothing: the Jacobian is {@code scale·I}. */
  public record Saved() {}

  private static final Saved NOTHING = new Saved();

  private final double scale;
  private final double offset;

  public RescalingEquations(double scale, double offset) {
    this.scale = scale;
    this.offset = offset;
  }

  @Override
  public Forward<Saved> forward(Map<String, double[]> params, double[] x, Mode mode) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] * scale + offset;
    }
    return new Forward<>(y, NOTHING);
  }

  @Override
  public Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    if (!needDx) {
      return new Backward(null, Map.of());
    }
    double[] dx = new double[dy.length];
    for (int i = 0; i < dy.length; i++) {
      dx[i] = dy[i] * scale;
    }
    return new Backward(dx, Map.of());
  }
}
