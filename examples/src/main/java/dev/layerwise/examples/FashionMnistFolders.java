package dev.layerwise.examples;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes Fashion-MNIST images as a folder tree of grey PNG files, one sub-folder per class ({@code Ankle boot/},
 * {@code Bag/}, …, {@code T-shirt_top/}: the class names with '/' replaced), the layout {@link
 * ImageFolderClassification} and Keras's {@code image_dataset_from_directory} read: the first {@code perClass}
 * images of each class of the chosen split, pixel values 0..255 as in the IDX file.
 *
 * <pre>
 * mvn -q -pl examples exec:exec -Dexample.main=dev.layerwise.examples.FashionMnistFolders \
 *     -Dexample.args="target/fashion-folders 60 20"     # train/: 60 per class, test/: 20 per class
 * </pre>
 */
public final class FashionMnistFolders {
  private FashionMnistFolders() {}

  /** The folder name of a Fashion-MNIST class ("T-shirt/top" holds a path separator). */
  public static String folderName(int label) {
    return FashionMnist.CLASS_NAMES.get(label).replace('/', '_');
  }

  /**
   * Writes the first {@code perClass} images of each class of {@code images} (Fashion-MNIST pixels in [0, 1]) under
   * {@code root/<class>/<index>.png}.
   *
   * @throws IllegalArgumentException if a class has fewer than {@code perClass} images
   */
  public static void write(Dataset images, int perClass, Path root) {
    int[] written = new int[FashionMnist.CLASS_NAMES.size()];
    float[] pixels = new float[28 * 28];
    try {
      for (int i = 0; i < images.size(); i++) {
        int label = (int) images.label(i, 0);
        if (written[label] == perClass) {
          continue;
        }
        images.copyRange(i, 1, pixels, null);
        BufferedImage png = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = png.getRaster();
        for (int p = 0; p < pixels.length; p++) {
          raster.setSample(p % 28, p / 28, 0, Math.round(pixels[p] * 255f));
        }
        Path folder = Files.createDirectories(root.resolve(folderName(label)));
        javax.imageio.ImageIO.write(png, "png", folder.resolve(String.format(Locale.ROOT, "%05d.png", i)).toFile());
        written[label]++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the PNG files under " + root, e);
    }
    for (int c = 0; c < written.length; c++) {
      if (written[c] < perClass) {
        throw new IllegalArgumentException("class " + folderName(c) + " has " + written[c] + " images, fewer than the"
            + " " + perClass + " asked for");
      }
    }
  }

  /** Arguments: the root folder, images per class for {@code train/} and for {@code test/}. */
  public static void main(String[] args) {
    if (args.length != 3) {
      throw new IllegalArgumentException("expected: ROOT TRAIN_PER_CLASS TEST_PER_CLASS, got " + args.length
          + " arguments");
    }
    Path root = Path.of(args[0]);
    FashionMnist.Splits data = FashionMnist.load();
    write(data.train(), Integer.parseInt(args[1]), root.resolve("train"));
    write(data.test(), Integer.parseInt(args[2]), root.resolve("test"));
    System.out.println("wrote " + root.resolve("train") + " and " + root.resolve("test"));
  }
}
