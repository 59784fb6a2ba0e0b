package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;

/**
 * Crops a random {@code height × width} window out of each training image, after padding it with
 * {@code padding} zeros on every side (the CIFAR recipe: pad 4, crop 32 — Keras's {@code RandomCrop} has no padding;
 * with {@code padding = 0} this is Keras's layer). Training: {@code y[i, j, c] = xp[top + i, left + j, c]} with xp
 * the padded image and {@code top ∈ [0, h + 2p − height]}, {@code left ∈ [0, w + 2p − width]} drawn uniformly per
 * sample (Keras draws one window per batch; per sample augments more and is what per-image pipelines do). The
 * gradient is dy placed back at the window, 0 elsewhere, so the layer may sit anywhere.
 *
 * <p>Inference follows Keras: no padding; the largest centred window of the target's aspect ratio,
 * {@code ch = max(1, min(h, ⌊w·height/width⌋))} rows and {@code cw = max(1, min(w, ⌊h·width/height⌋))} columns from
 * {@code (⌊(h − ch)/2⌋, ⌊(w − cw)/2⌋)}, resized bilinearly to {@code height × width} when it differs (as
 * {@link Resizing}). For the CIFAR recipe (input 32 × 32, crop 32) inference is the identity.
 *
 * <p>Input shape: {@code [h, w, channels]} with {@code h + 2p ≥ height}, {@code w + 2p ≥ width} (Keras resizes a
 * smaller image up; this layer refuses it when the model is built). Output shape:
 * {@code [height, width, channels]}.
 */
public record RandomCrop(String name, int height, int width, int padding) implements Augmentation {
  public RandomCrop {
    LayerNames.check("RandomCrop", name);
    String who = LayerNames.describe("RandomCrop", name);
    checkArgument(height > 0 && width > 0, "%s: height and width must be positive, got %s × %s", who, height, width);
    checkArgument(padding >= 0, "%s: padding must be ≥ 0, got %s", who, padding);
  }

  /** Random {@code height × width} crops without padding. */
  public static RandomCrop of(int height, int width) {
    return new RandomCrop(null, height, width, 0);
  }

  /** Pads every side with this many zeros before cropping in training. */
  public RandomCrop withPadding(int padding) {
    return new RandomCrop(name, height, width, padding);
  }

  @Override
  public RandomCrop withName(String name) {
    return new RandomCrop(name, height, width, padding);
  }

  @Override
  public Shape outputShape(Shape input) {
    LayerShapes.image(this, input);
    checkArgument(input.dim(0) + 2 * padding >= height && input.dim(1) + 2 * padding >= width, "%s: a %s × %s crop"
        + " does not fit images of %s × %s padded by %s (%s × %s); lower height/width or raise padding", describe(),
        height, width, input.dim(0), input.dim(1), padding, input.dim(0) + 2 * padding, input.dim(1) + 2 * padding);
    return Shape.of(height, width, input.dim(2));
  }

  /** The inference window {@code [top, left, rows, columns]} of an input, before its resize to the output size. */
  public int[] inferenceWindow(Shape input) {
    int h = input.dim(0);
    int w = input.dim(1);
    int rows = Math.max(1, Math.min(h, (int) ((double) w * height / width)));
    int columns = Math.max(1, Math.min(w, (int) ((double) h * width / height)));
    return new int[] {(h - rows) / 2, (w - columns) / 2, rows, columns};
  }

  /**
   * The inference map of the rows, {@code [height, h]} row-major: the bilinear {@code [height, rows]} resize
   * ({@link Interpolation#matrix}) of the window's rows, placed at the window; the columns' likewise with
   * {@link #inferenceColumns}. A window the output's size gives the plain crop.
   */
  public double[] inferenceRows(Shape input) {
    int[] window = inferenceWindow(input);
    return windowed(input.dim(0), height, window[0], window[2]);
  }

  /** The inference map of the columns, {@code [width, w]} (see {@link #inferenceRows}). */
  public double[] inferenceColumns(Shape input) {
    int[] window = inferenceWindow(input);
    return windowed(input.dim(1), width, window[1], window[3]);
  }

  private static double[] windowed(int n, int out, int start, int size) {
    double[] resize = Interpolation.BILINEAR.matrix(size, out);
    double[] m = new double[out * n];
    for (int i = 0; i < out; i++) {
      System.arraycopy(resize, i * size, m, i * n + start, size);
    }
    return m;
  }

  @Override
  public int drawsPerSample() {
    return 2;
  }

  @Override
  public void draw(SeededRandom random, Shape input, float[] out, int offset) {
    out[offset] = random.nextInt(input.dim(0) + 2 * padding - height + 1);
    out[offset + 1] = random.nextInt(input.dim(1) + 2 * padding - width + 1);
  }

  @Override
  public void checkDraw(Shape input, float[] draws, int offset) {
    int rows = input.dim(0) + 2 * padding - height;
    int columns = input.dim(1) + 2 * padding - width;
    float top = draws[offset];
    float left = draws[offset + 1];
    AugmentationDraws.check(this, "crop's top row", top, top == Math.rint(top) && top >= 0 && top <= rows,
        "a whole number in [0, " + rows + "]");
    AugmentationDraws.check(this, "crop's left column", left, left == Math.rint(left) && left >= 0
        && left <= columns, "a whole number in [0, " + columns + "]");
  }

  @Override
  public String namePrefix() {
    return "random_crop";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitRandomCrop(this, context);
  }
}
