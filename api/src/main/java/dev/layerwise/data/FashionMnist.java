package dev.layerwise.data;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando): 28×28 grey-scale images of 10 clothing classes, 60,000 for training and 10,000 for
 * testing. Read from the IDX files in a folder: by default {@code $FASHION_MNIST_DIR}, else where Debian's
 * {@code dataset-fashion-mnist} package puts them ({@value #DEBIAN_DIR}). Pixels are scaled to [0, 1].
 */
public final class FashionMnist {
  public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";
  public static final String ENVIRONMENT_VARIABLE = "FASHION_MNIST_DIR";
  public static final Shape IMAGE_SHAPE = Shape.of(28, 28);
  public static final List<String> CLASS_NAMES = List.of(
      "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  /** The training and test sets. */
  public record Splits(Dataset train, Dataset test) {}

  private FashionMnist() {}

  /** The folder {@link #load()} reads. */
  public static Path defaultDirectory() {
    String env = System.getenv(ENVIRONMENT_VARIABLE);
    return Path.of(env != null && !env.isBlank() ? env : DEBIAN_DIR);
  }

  /** Loads both splits from {@link #defaultDirectory()}. */
  public static Splits load() {
    return load(defaultDirectory());
  }

  /** Loads both splits from a folder holding the four IDX files (gzipped or not). */
  public static Splits load(Path dir) {
    checkArgument(Files.isDirectory(dir), "Fashion-MNIST folder not found: %s (install Debian's"
        + " dataset-fashion-mnist, or set %s to a folder with the four IDX files)", dir, ENVIRONMENT_VARIABLE);
    return new Splits(split(dir, "train"), split(dir, "t10k"));
  }

  private static Dataset split(Path dir, String prefix) {
    IdxFile images = IdxFile.read(find(dir, prefix + "-images-idx3-ubyte"));
    IdxFile labels = IdxFile.read(find(dir, prefix + "-labels-idx1-ubyte"));
    checkArgument(images.dims().length == 3 && images.dims()[1] == 28 && images.dims()[2] == 28,
        "Fashion-MNIST %s images should be N×28×28, got %s", prefix, java.util.Arrays.toString(images.dims()));
    checkArgument(images.count() == labels.count(), "Fashion-MNIST %s: %s images but %s labels", prefix,
        images.count(), labels.count());
    float[] x = images.data();
    for (int i = 0; i < x.length; i++) {
      x[i] /= 255f;
    }
    float[] y = labels.data();
    for (float label : y) {
      checkArgument(label >= 0 && label < 10, "Fashion-MNIST %s: label %s outside 0..9", prefix, label);
    }
    return Dataset.of(x, IMAGE_SHAPE, y, Shape.scalar());
  }

  private static Path find(Path dir, String stem) {
    Path gz = dir.resolve(stem + ".gz");
    return Files.exists(gz) ? gz : dir.resolve(stem);
  }
}
