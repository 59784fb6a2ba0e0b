package dev.layerwise.data;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Reads labelled images from a folder with one sub-folder per class, Keras's {@code image_dataset_from_directory}:
 *
 * <pre>
 * flowers/daisy/001.png
 * flowers/daisy/002.png
 * flowers/tulip/001.jpg
 * </pre>
 *
 * <pre>{@code
 * ImageFolderData flowers = ImageFolderDataset.from(Path.of("flowers")).withImageSize(64, 64).read();
 * }</pre>
 *
 * <p>As in Keras: the classes are the sub-folders' names sorted by {@link String#compareTo} (class 0 is the first);
 * a sub-folder's images are found at any depth below it; files ending in {@code .png}, {@code .jpg}, {@code .jpeg},
 * {@code .bmp} or {@code .gif} (any case) are images, others are skipped, as are files directly in the folder;
 * pixels are float32 values 0..255, not rescaled (add a rescaling step or divide yourself), channels last:
 * {@code [height, width, channels]}; colour images are read as RGB unless {@link ColorMode#GRAYSCALE} is chosen.
 * Unlike Keras: images are resized only when {@link #withImageSize} asks (Keras always resizes, to 256 × 256 by
 * default), and the samples come in class order, then file path order, not shuffled ({@code fit} shuffles every
 * epoch; {@link Dataset#split} shuffles when splitting). Resizing is java.awt's bilinear interpolation, which agrees
 * with Keras's default bilinear resize to within one grey level (see {@link ImagePixels}).
 *
 * <p>Decoding is {@code javax.imageio}'s (PNG, JPEG, BMP, GIF; the first frame of an animated GIF). A folder without
 * class sub-folders or without any image, a file {@code javax.imageio} cannot decode, and images of different sizes
 * without {@link #withImageSize} each give an {@link IllegalArgumentException} naming the folder or the file.
 * Instances are immutable and thread-safe.
 */
public final class ImageFolderDataset {
  private final Path folder;
  private final ColorMode colorMode;
  private final int height;
  private final int width;

  private ImageFolderDataset(Path folder, ColorMode colorMode, int height, int width) {
    this.folder = folder;
    this.colorMode = colorMode;
    this.height = height;
    this.width = width;
  }

  /** The images under {@code folder}, read as RGB at their own size. */
  public static ImageFolderDataset from(Path folder) {
    requireNonNull(folder, "ImageFolderDataset.from: folder");
    return new ImageFolderDataset(folder, ColorMode.RGB, 0, 0);
  }

  /** One channel (grey) or three (RGB); see {@link ColorMode}. */
  public ImageFolderDataset withColorMode(ColorMode mode) {
    requireNonNull(mode, "ImageFolderDataset.withColorMode: mode");
    return new ImageFolderDataset(folder, mode, height, width);
  }

  /** Every image resized to {@code height × width} (bilinear), so images of different sizes can be mixed. */
  public ImageFolderDataset withImageSize(int height, int width) {
    checkArgument(height > 0 && width > 0, "ImageFolderDataset.withImageSize: height and width must be positive, got"
        + " %s × %s", height, width);
    return new ImageFolderDataset(folder, colorMode, height, width);
  }

  /**
   * Reads every image.
   *
   * @throws IllegalArgumentException for a missing folder, one without class sub-folders or images, an image that
   *     cannot be decoded, or images of different sizes without {@link #withImageSize}, naming the folder or file
   * @throws UncheckedIOException when the folder cannot be listed
   */
  public ImageFolderData read() {
    ImageFolderSource images = source();
    return new ImageFolderData(images.readAll(), images.classNames(), images.files());
  }

  /**
   * The images as an {@link IndexedSource}, for folders larger than memory: the folder is listed (and the first image
   * decoded, for its size) now, and each image decoded when {@code fit}, {@code evaluate} or {@code predict} reads
   * its batch, every epoch again. Sample i is the image {@link #read()} would put at i, with the same pixels, so a
   * fit on the source equals a fit on {@code read().dataset()} with the same seed.
   *
   * @throws IllegalArgumentException for a missing folder, one without class sub-folders or images, or a first image
   *     that cannot be decoded
   * @throws UncheckedIOException when the folder cannot be listed
   */
  public ImageFolderSource source() {
    return new ImageFolderSource(folder, ImageFiles.list(folder), colorMode, height, width);
  }
}
