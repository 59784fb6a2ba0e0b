package dev.layerwise.reference.augment;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.layers.FillMode;
import dev.layerwise.layers.Interpolation;
import dev.layerwise.reference.layers.ProjectiveTransform;
import dev.layerwise.reference.layers.RefLayerEquations;
import java.util.Map;

/**
 * {@code RandomRotation} and {@code RandomZoom}: in training each sample s of {@code [n, h, w, c]} is warped by the
 * eight-number transform {@code T_s} its draws give ({@link Transforms}), {@code y_s = warp(x_s; T_s)} as
 * {@link ProjectiveTransform} defines; at inference {@code y = x}, {@code dx = dy}.
 *
 * <p>No training backward: TF's warp has no gradient, so the api only lets these layers sit where no gradient must
 * pass back through them (before every trainable layer), and a training-mode backward that asks for {@code dx} is
 * refused here alike, rather than computed by one backend only.
 */
public final class WarpEquations implements RefLayerEquations<WarpEquations.Saved> {

  /** How a layer turns sample s's draws (k per sample) into its transform. */
  public interface Transforms {
    double[] of(double[] draws, int sample);
  }

  /** Whether the pass warped (training) or was the identity. */
  public record Saved(boolean warped) {}

  private final int h;
  private final int w;
  private final int c;
  private final Transforms transforms;
  private final Interpolation interpolation;
  private final FillMode fillMode;
  private final double fillValue;
  private final String layer;

  /** @param layer how errors name the layer */
  public WarpEquations(int h, int w, int c, Transforms transforms, Interpolation interpolation, FillMode fillMode,
      double fillValue, String layer) {
    this.h = h;
    this.w = w;
    this.c = c;
    this.transforms = transforms;
    this.interpolation = interpolation;
    this.fillMode = fillMode;
    this.fillValue = fillValue;
    this.layer = layer;
  }

  @Override
  public Forward<Saved> forward(Map<String, double[]> params, double[] x, Mode mode) {
    if (!mode.training()) {
      return new Forward<>(x, new Saved(false));
    }
    double[] draws = mode.draws();
    checkArgument(draws != null, "%s: a training-mode pass needs the layer's draws, got none", layer);
    int n = x.length / (h * w * c);
    double[] t = new double[8 * n];
    for (int s = 0; s < n; s++) {
      System.arraycopy(transforms.of(draws, s), 0, t, 8 * s, 8);
    }
    return new Forward<>(ProjectiveTransform.apply(x, n, h, w, c, t, interpolation, fillMode, fillValue),
        new Saved(true));
  }

  @Override
  public Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    if (!needDx) {
      return new Backward(null, Map.of());
    }
    if (!saved.warped()) {
      return new Backward(dy, Map.of());
    }
    throw new IllegalStateException(layer + ": no gradient passes back through a training-mode warp (TF's"
        + " ImageProjectiveTransformV3 has none, and both backends refuse alike); put the layer before every"
        + " trainable layer, where no gradient is needed");
  }
}
