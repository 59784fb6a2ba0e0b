package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;

/** A height × width pair: a kernel size, a pooling window or strides. */
public record Size2D(int height, int width) {
  public Size2D {
    checkArgument(height > 0 && width > 0, "sizes and strides must be positive, got %s×%s", height, width);
  }

  /** A square size. */
  public static Size2D of(int size) {
    return new Size2D(size, size);
  }

  public static Size2D of(int height, int width) {
    return new Size2D(height, width);
  }

  @Override
  public String toString() {
    return height + "×" + width;
  }
}
