package dev.layerwise.layers;

/**
 * The eight-number projective transforms {@code (a0, a1, a2, b0, b1, b2, c0, c1)} of {@link RandomRotation} and
 * {@link RandomZoom}, built as Keras builds them. Each maps an output pixel {@code (x, y)} (column, row) to the
 * input point {@code ((a0·x + a1·y + a2)/k, (b0·x + b1·y + b2)/k)}, {@code k = c0·x + c1·y + 1}; both are affine
 * here ({@code c0 = c1 = 0}). Pixel centres are integers, so an image of {@code h × w} pixels has its centre at
 * {@code (cx, cy) = ((w − 1)/2, (h − 1)/2)}.
 */
public final class WarpTransforms {
  private WarpTransforms() {}

  /**
   * A rotation by θ radians about the image centre: {@code a0 = cos θ, a1 = −sin θ, b0 = sin θ, b1 = cos θ},
   * {@code a2 = cx − cx·a0 − cy·a1}, {@code b2 = cy − cx·b0 − cy·b1}. With rows growing downwards a positive θ
   * turns the picture counter-clockwise, as Keras documents.
   */
  public static double[] rotation(double theta, int height, int width) {
    double cos = Math.cos(theta);
    double sin = Math.sin(theta);
    double cx = (width - 1) / 2.0;
    double cy = (height - 1) / 2.0;
    return new double[] {cos, -sin, cx - cx * cos + cy * sin, sin, cos, cy - cx * sin - cy * cos, 0, 0};
  }

  /**
   * A zoom about the image centre by {@code zx} across and {@code zy} down: {@code a0 = zx, a2 = cx·(1 − zx)},
   * {@code b1 = zy, b2 = cy·(1 − zy)}. A factor above 1 samples a larger region (zooms out), below 1 a smaller
   * one (zooms in).
   */
  public static double[] zoom(double zx, double zy, int height, int width) {
    double cx = (width - 1) / 2.0;
    double cy = (height - 1) / 2.0;
    return new double[] {zx, 0, cx * (1 - zx), 0, zy, cy * (1 - zy), 0, 0};
  }
}
