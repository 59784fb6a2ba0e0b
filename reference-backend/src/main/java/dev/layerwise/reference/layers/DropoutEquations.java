package dev.layerwise.reference.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.reference.PlantedFault;
import java.util.Map;

/**
 * Inverted dropout with drop rate r ∈ [0, 1), given its mask: this class draws nothing. The mask m comes with
 * the pass ({@link Mode#dropoutMask()}), one 0/1 value per element of x, drawn in Java by the api.
 *
 * <ul>
 *   <li>training: {@code y = x ⊙ m / (1 − r)}, {@code dx = dy ⊙ m / (1 − r)}: kept units are scaled up so the
 *       expected activation is unchanged, dropped ones pass neither value nor gradient
 *   <li>inference: {@code y = x}, {@code dx = dy}
 * </ul>
 */
public final class DropoutEquations implements RefLayerEquations<DropoutEquations.Saved> {

  /** The mask of a training pass, or {@code null} at inference. */
  public record Saved(double[] mask) {}

  private static final Saved INFERENCE = new Saved(null);

  private final double keep;
  private final String layer;

  /**
   * @param rate the fraction dropped, in [0, 1)
   * @param layer how errors name the layer: {@code Layer.describe()}, e.g. {@code Dropout 'dropout'}
   */
  public DropoutEquations(double rate, String layer) {
    checkArgument(rate >= 0 && rate < 1, "%s: rate must be in [0, 1), got %s", layer, rate);
    this.keep = 1 - rate;
    this.layer = layer;
  }

  @Override
  public Forward<Saved> forward(Map<String, double[]> params, double[] x, Mode mode) {
    if (!mode.training()) {
      return new Forward<>(x, INFERENCE);
    }
    double[] m = mode.dropoutMask();
    checkArgument(m != null, "%s: a training-mode pass needs the dropout mask, got none", layer);
    checkArgument(m.length == x.length, "%s: the mask must have one value per input element, %s, got %s", layer,
        x.length, m.length);
    double keep = PlantedFault.DROPOUT_UNSCALED.isPlanted() ? 1 : this.keep;
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      checkArgument(m[i] == 0 || m[i] == 1, "%s: mask values are 0 (drop) or 1 (keep), got %s at index %s", layer,
          m[i], i);
      y[i] = x[i] * m[i] / keep;
    }
    return new Forward<>(y, new Saved(m));
  }

  @Override
  public Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    if (!needDx) {
      return new Backward(null, Map.of());
    }
    double[] m = saved.mask();
    if (m == null) {
      return new Backward(dy, Map.of());
    }
    double keep = PlantedFault.DROPOUT_UNSCALED.isPlanted() ? 1 : this.keep;
    double[] dx = new double[dy.length];
    for (int i = 0; i < dy.length; i++) {
      dx[i] = dy[i] * m[i] / keep;
    }
    return new Backward(dx, Map.of());
  }
}
