package dev.layerwise.reference.layers;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Map;

/**
 * The mean of each channel over the whole image: x {@code [n, H, W, C]} read as {@code [n, H·W, C]},
 * {@code y[s, c] = (1/(H·W))·Σ_p x[s, p, c]}: {@code [n, C]}; backward {@code dx[s, p, c] = dy[s, c] / (H·W)}.
 */
public final class GlobalAveragePooling2DEquations
    implements RefLayerEquations<GlobalAveragePooling2DEquations.Saved> {

  /** The number of samples. */
  public record Saved(int samples) {}

  private final int positions;
  private final int channels;

  /** @param positions H·W, the pixels averaged per channel */
  public GlobalAveragePooling2DEquations(int positions, int channels) {
    checkArgument(positions > 0 && channels > 0,
        "GlobalAveragePooling2DEquations: positions and channels must be positive, got %s, %s", positions, channels);
    this.positions = positions;
    this.channels = channels;
  }

  @Override
  public Forward<Saved> forward(Map<String, double[]> params, double[] x, Mode mode) {
    int perSample = positions * channels;
    checkArgument(x.length % perSample == 0, "GlobalAveragePooling2D: input of %s values is not a whole number of"
        + " images of %s×%s", x.length, positions, channels);
    int n = x.length / perSample;
    double[] y = new double[n * channels];
    for (int s = 0; s < n; s++) {
      for (int p = 0; p < positions; p++) {
        for (int c = 0; c < channels; c++) {
          y[s * channels + c] += x[(s * positions + p) * channels + c];
        }
      }
    }
    for (int i = 0; i < y.length; i++) {
      y[i] /= positions;
    }
    return new Forward<>(y, new Saved(n));
  }

  @Override
  public Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    if (!needDx) {
      return new Backward(null, Map.of());
    }
    double[] dx = new double[saved.samples() * positions * channels];
    for (int s = 0; s < saved.samples(); s++) {
      for (int p = 0; p < positions; p++) {
        for (int c = 0; c < channels; c++) {
          dx[(s * positions + p) * channels + c] = dy[s * channels + c] / positions;
        }
      }
    }
    return new Backward(dx, Map.of());
  }
}
