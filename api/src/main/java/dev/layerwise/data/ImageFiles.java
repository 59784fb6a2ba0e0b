package dev.layerwise.data;

import static com.google.common.base.Preconditions.checkArgument;

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
 * The files of an image folder with one sub-folder per class, listed as {@link ImageFolderDataset} describes, and
 * their decoding.
 *
 * @param classes the sub-folders' names, sorted
 * @param files every image, in class order then path order
 * @param labels each file's class index
 */
record ImageFiles(List<String> classes, List<Path> files, int[] labels) {
  static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

  /**
   * Lists a folder's classes and images.
   *
   * @throws IllegalArgumentException for a missing folder, one without class sub-folders or without images
   */
  static ImageFiles list(Path folder) {
    checkArgument(Files.isDirectory(folder), "image folder not found: %s", folder);
    List<String> classes = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (Path classFolder : entries(folder).filter(Files::isDirectory).sorted(ImageFiles::byName).toList()) {
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
    return new ImageFiles(List.copyOf(classes), List.copyOf(files),
        labels.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Compares by file name, as {@link String#compareTo} orders them (and Python's {@code sorted}, for Keras). */
  private static int byName(Path a, Path b) {
    return a.getFileName().toString().compareTo(b.getFileName().toString());
  }

  private static Stream<Path> entries(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list image folder " + dir, e);
    }
  }

  /** The image files at any depth below a class folder, in path order; hidden files skipped. */
  private static List<Path> images(Path classFolder) {
    try (Stream<Path> s = Files.walk(classFolder)) {
      return s.filter(Files::isRegularFile).filter(ImageFiles::isImage).sorted().toList();
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
  static BufferedImage decode(Path file) {
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
