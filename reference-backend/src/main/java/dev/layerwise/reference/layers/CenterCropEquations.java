package dev.layerwise.reference.layers;

import java.util.Map;

/**
 * {@code CenterCrop} of NHWC images {@code [n, h, w, c] → [n, H, W, c]}: {@code y[i, j] = x[top + i, left + j]};
 * {@code dx} is dy at the window's pixels and 0 elsewhere. No parameters; the same in both modes.
 */
public final class CenterCropEquations implements RefLayerEquations<CenterCropEquations.Saved> {

  /** Nothing: the map only selects. */
  public record Saved() {}

  private static final Saved NOTHING = new Saved();

  private final int h;
  private final int w;
  private final int c;
  private final int top;
  private final int left;
  private final int outH;
  private final int outW;

  public CenterCropEquations(int h, int w, int c, int top, int left, int outH, int outW) {
    this.h = h;
    this.w = w;
    this.c = c;
    this.top = top;
    this.left = left;
    this.outH = outH;
    this.outW = outW;
  }

  @Override
  public Forward<Saved> forward(Map<String, double[]> params, double[] x, Mode mode) {
    int n = x.length / (h * w * c);
    double[] y = new double[n * outH * outW * c];
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < outH; i++) {
        System.arraycopy(x, ((s * h + top + i) * w + left) * c, y, (s * outH + i) * outW * c, outW * c);
      }
    }
    return new Forward<>(y, NOTHING);
  }

  @Override
  public Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    if (!needDx) {
      return new Backward(null, Map.of());
    }
    int n = dy.length / (outH * outW * c);
    double[] dx = new double[n * h * w * c];
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < outH; i++) {
        System.arraycopy(dy, (s * outH + i) * outW * c, dx, ((s * h + top + i) * w + left) * c, outW * c);
      }
    }
    return new Backward(dx, Map.of());
  }
}
