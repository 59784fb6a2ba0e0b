package dev.layerwise.layers;

/** Which way {@link RandomFlip} flips an image. */
public enum FlipMode {
  /** Left–right: column j becomes column {@code w − 1 − j}. */
  HORIZONTAL,
  /** Top–bottom: row i becomes row {@code h − 1 − i}. */
  VERTICAL,
  /**
   * Both at once, with one draw (as Keras: a flipped image is turned half a turn), so an image is either unchanged
   * or flipped both ways, never one way only.
   */
  HORIZONTAL_AND_VERTICAL;

  /** Whether a flip in this mode reverses the rows. */
  public boolean rows() {
    return this != HORIZONTAL;
  }

  /** Whether a flip in this mode reverses the columns. */
  public boolean columns() {
    return this != VERTICAL;
  }
}
