package dev.layerwise.data;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

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
  private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

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
    checkArgument(Files.isDirectory(folder), "image folder not found: %s", folder);
    List<String> classes = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (Path classFolder : list(folder).filter(Files::isDirectory).sorted(ImageFolderDataset::byName).toList()) {
      classes.add(classFolder.getFileName().toString());
      for (Path f : images(classFolder)) {
        files.add(f);
        labels.add(classes.size() - 1);
      }
    }
    checkArgument(!classes.isEmpty(), "image folder %s has no class sub-folders; put each class's images in a"
        + " sub-folder named after the class", folder);
    checkArgument(!files.isEmpty(), "image folder %s has class sub-folders %s but no images in them (files ending in"
        + " %s)", folder, classes, EXTENSIONS);
    BufferedImage first = decode(files.get(0));
    int h = height > 0 ? height : first.getHeight();
    int w = width > 0 ? width : first.getWidth();
    int c = colorMode.channels();
    long total = (long) files.size() * h * w * c;
    checkArgument(total <= Integer.MAX_VALUE - 8, "image folder %s: %s images of %s × %s × %s are %s values, more"
        + " than one Java array holds; choose a smaller image size", folder, files.size(), h, w, c, total);
    float[] x = new float[(int) total];
    for (int i = 0; i < files.size(); i++) {
      BufferedImage image = i == 0 ? first : decode(files.get(i));
      checkArgument(height > 0 || (image.getHeight() == h && image.getWidth() == w), "image %s is %s × %s (height ×"
          + " width) but %s is %s × %s; give a size to resize them to with withImageSize", files.get(i),
          image.getHeight(), image.getWidth(), files.get(0), h, w);
      ImagePixels.copy(ImagePixels.resized(ImagePixels.normalized(image), h, w), colorMode, x, i * h * w * c);
    }
    int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
    Dataset d = Dataset.withClassLabels(x, Shape.of(h, w, c), y).withFiniteFeaturesAssumed();
    return new ImageFolderData(d, new ClassNames(classes), files);
  }

  /** Compares by file name, as {@link String#compareTo} orders them (and Python's {@code sorted}, for Keras). */
  private static int byName(Path a, Path b) {
    return a.getFileName().toString().compareTo(b.getFileName().toString());
  }

  private static Stream<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list image folder " + dir, e);
    }
  }

  /** The image files at any depth below a class folder, in path order; hidden files skipped. */
  private static List<Path> images(Path classFolder) {
    try (Stream<Path> s = Files.walk(classFolder)) {
      return s.filter(Files::isRegularFile).filter(ImageFolderDataset::isImage).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list image folder " + classFolder, e);
    }
  }

  private static boolean isImage(Path f) {
    String name = f.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    return !name.startsWith(".") && EXTENSIONS.stream().anyMatch(lower::endsWith);
  }

  /**
   * Decodes the first image of a file, after checking that the size its header claims fits in the heap (a hostile
   * or damaged header must not become an {@link OutOfMemoryError}).
   */
  private static BufferedImage decode(Path file) {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new IllegalArgumentException("image " + file + " is not in a format javax.imageio reads (PNG, JPEG,"
            + " BMP, GIF)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        // decoded as up to 4 bytes a pixel, then normalized and resized copies: keep it to a tenth of the heap
        checkArgument(pixels * 4 <= Runtime.getRuntime().maxMemory() / 10, "image %s claims %s × %s pixels (width ×"
            + " height), more than this JVM's heap can decode (raise it with -Xmx)", file, reader.getWidth(0),
            reader.getHeight(0));
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IllegalArgumentException e) {
      if (String.valueOf(e.getMessage()).contains(file.toString())) {
        throw e;
      }
      throw new IllegalArgumentException("image " + file + " cannot be decoded: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      // javax.imageio reports a damaged file as an IIOException, or, for some damage, as an unchecked exception
      throw new IllegalArgumentException("image " + file + " cannot be decoded: " + e.getMessage(), e);
    }
  }
}
