package dev.layerwise.data;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * A folder of images, one sub-folder per class, read lazily: an {@link IndexedSource} whose every read decodes the
 * images asked for ({@link ImageFolderDataset#source()}; the conventions are {@link ImageFolderDataset}'s). Only the
 * file list is held; {@code fit} shuffles it exactly as it shuffles the images in memory.
 *
 * <p>A file that cannot be decoded, or (without {@code withImageSize}) an image of another size than the first, is
 * found when its batch is read: {@code fit} stops with a {@link DataSourceException} naming the folder, the samples
 * and, in its cause, the file. Immutable; reads may run from several threads at once.
 */
public final class ImageFolderSource implements IndexedSource {
  private final Path folder;
  private final ImageFiles images;
  private final ColorMode colorMode;
  /** The size every image is read at: the one asked for, or the first image's. */
  private final int height;
  private final int width;
  /** Whether images are resized (else they must all have the first one's size). */
  private final boolean resize;

  ImageFolderSource(Path folder, ImageFiles images, ColorMode colorMode, int height, int width) {
    this.folder = folder;
    this.images = images;
    this.colorMode = colorMode;
    this.resize = height > 0;
    if (resize) {
      this.height = height;
      this.width = width;
    } else {
      BufferedImage first = ImageFiles.decode(images.files().get(0));
      this.height = first.getHeight();
      this.width = first.getWidth();
    }
  }

  @Override
  public int size() {
    return images.files().size();
  }

  @Override
  public String description() {
    return "image folder " + folder;
  }

  /** Class index → sub-folder name. */
  public ClassNames classNames() {
    return new ClassNames(images.classes());
  }

  /** The image file of each sample, in sample order. */
  public List<Path> files() {
    return images.files();
  }

  /** The shape of every sample: {@code [height, width, channels]}. */
  public Shape imageShape() {
    return Shape.of(height, width, colorMode.channels());
  }

  /**
   * Decodes the images at the given sample indices, in that order: float32 pixels 0..255 with one class index each.
   *
   * @throws IllegalArgumentException for an index out of range, or an image that cannot be decoded or (without
   *     {@code withImageSize}) has another size than the first, naming the file
   */
  @Override
  public Dataset read(int[] samples) {
    int per = height * width * colorMode.channels();
    long total = (long) samples.length * per;
    checkArgument(samples.length > 0, "%s: read needs at least one sample index", description());
    checkArgument(total <= Integer.MAX_VALUE - 8, "%s: %s images of %s are %s values, more than one Java array holds;"
        + " choose a smaller image size", description(), samples.length, imageShape(), total);
    float[] x = new float[(int) total];
    int[] y = new int[samples.length];
    for (int r = 0; r < samples.length; r++) {
      int i = samples[r];
      checkArgument(0 <= i && i < size(), "%s: sample index %s is outside [0, %s)", description(), i, size());
      Path file = images.files().get(i);
      BufferedImage image = ImageFiles.decode(file);
      checkArgument(resize || (image.getHeight() == height && image.getWidth() == width), "image %s is %s × %s"
          + " (height × width) but %s is %s × %s; give a size to resize them to with withImageSize", file,
          image.getHeight(), image.getWidth(), images.files().get(0), height, width);
      ImagePixels.copy(ImagePixels.resized(ImagePixels.normalized(image), height, width), colorMode, x, r * per);
      y[r] = images.labels()[i];
    }
    return Dataset.withClassLabels(x, imageShape(), y).withFiniteFeaturesAssumed();
  }

  /** Every image, in sample order. */
  Dataset readAll() {
    int[] all = new int[size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return read(all);
  }
}
