package dev.layerwise.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * An image decoded by {@code javax.imageio} turned into float pixels 0..255, channels last, optionally resized.
 *
 * <p>Resizing draws the image with java.awt's bilinear interpolation ({@code Graphics2D} with
 * {@code VALUE_INTERPOLATION_BILINEAR}), which samples at pixel centres and clamps at the borders as TF's
 * {@code tf.image.resize(method="bilinear")} (Keras's default) does, without antialiasing; java.awt keeps 8-bit
 * channels, so a resized value is within one grey level of TF's unrounded one.
 */
final class ImagePixels {
  private ImagePixels() {}

  /** Whether the image is a plain grey-scale one (one band, a grey colour space, not a palette). */
  static boolean isGray(BufferedImage image) {
    return image.getRaster().getNumBands() == 1 && !(image.getColorModel() instanceof IndexColorModel)
        && image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
  }

  /**
   * The image as 8-bit grey ({@code TYPE_BYTE_GRAY}) or 8-bit RGB ({@code TYPE_INT_RGB}), its samples copied as they
   * are: no colour-space conversion (java.awt's would apply a gamma curve to grey), a 16-bit grey sample rounded to
   * 8 bits, an alpha channel dropped rather than composited.
   */
  static BufferedImage normalized(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    if (isGray(image)) {
      if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
        return image;
      }
      Raster in = image.getRaster();
      double max = (1 << image.getColorModel().getComponentSize(0)) - 1;
      BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          out.getRaster().setSample(x, y, 0, (int) Math.round(in.getSample(x, y, 0) * 255 / max));
        }
      }
      return out;
    }
    if (image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, w, h, image.getRGB(0, 0, w, h, null, 0, w), 0, w);
    return out;
  }

  /** A normalized image drawn at another size with bilinear interpolation. */
  static BufferedImage resized(BufferedImage image, int height, int width) {
    if (image.getWidth() == width && image.getHeight() == height) {
      return image;
    }
    BufferedImage out = new BufferedImage(width, height, image.getType());
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Copies a normalized image's pixels into {@code dst} at {@code at} as [height, width, channels] floats 0..255. */
  static void copy(BufferedImage image, ColorMode mode, float[] dst, int at) {
    int w = image.getWidth();
    int h = image.getHeight();
    boolean gray = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
    Raster raster = image.getRaster();
    int[] rgb = gray ? null : image.getRGB(0, 0, w, h, null, 0, w);
    int c = mode.channels();
    for (int i = 0; i < w * h; i++) {
      if (gray) {
        float v = raster.getSample(i % w, i / w, 0);
        for (int k = 0; k < c; k++) {
          dst[at + i * c + k] = v;
        }
      } else {
        int p = rgb[i];
        float r = (p >> 16) & 0xff;
        float g = (p >> 8) & 0xff;
        float b = p & 0xff;
        if (mode == ColorMode.GRAYSCALE) {
          dst[at + i] = (float) (0.299 * r + 0.587 * g + 0.114 * b);
        } else {
          dst[at + 3 * i] = r;
          dst[at + 3 * i + 1] = g;
          dst[at + 3 * i + 2] = b;
        }
      }
    }
  }
}
