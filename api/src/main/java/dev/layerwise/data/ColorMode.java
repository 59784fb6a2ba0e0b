package dev.layerwise.data;

/** How many channels an image is read into (Keras's {@code color_mode}). */
public enum ColorMode {
  /**
   * One channel. A colour image becomes its luma {@code 0.299·R + 0.587·G + 0.114·B} (ITU-R BT.601, the weights of
   * TF's {@code rgb_to_grayscale}), not rounded. (Keras decodes with {@code channels=1}, whose weights depend on the
   * format's decoder: BT.601 for JPEG, libpng's BT.709 for PNG.)
   */
  GRAYSCALE(1),
  /**
   * Three channels, R, G, B; a grey image repeats its value in all three; an alpha channel is dropped, as Keras
   * does.
   */
  RGB(3);

  private final int channels;

  ColorMode(int channels) {
    this.channels = channels;
  }

  public int channels() {
    return channels;
  }
}
