package dev.layerwise.data;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import dev.layerwise.io.Npy;
import dev.layerwise.spi.TensorValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Datasets from NumPy files: {@code .npy} (one array, {@code numpy.save}) and {@code .npz} (a zip of {@code .npy}
 * files, {@code numpy.savez} or {@code savez_compressed}, one per keyword: {@code np.savez("d.npz", x=x, y=y)}
 * holds {@code x.npy} and {@code y.npy}).
 *
 * <pre>{@code
 * Dataset train = NumpyDataset.fromNpz(Path.of("mnist.npz"), "x_train", "y_train");
 * }</pre>
 *
 * <p>The first dimension of each array counts the samples, the rest is the per-sample shape (an array of shape
 * {@code [n]} gives scalar samples, as class labels are). Any type {@link Npy#read} reads is accepted — float32,
 * float64, integers, bool — and kept without rounding: an array whose every value is exactly a float32 (every
 * {@code <f4} file, integer labels, {@code |u1} pixels, which stay 0..255) is stored as float32, anything else as
 * float64 (a float32 model rounds it, a float64 model computes on it as given). A missing file or key, a malformed
 * array, a 0-d array or feature and label arrays of different lengths give an {@link IllegalArgumentException}
 * naming the file (and the key).
 */
public final class NumpyDataset {
  private NumpyDataset() {}

  /** Features from one {@code .npy} file and labels from another. */
  public static Dataset fromNpy(Path features, Path labels) {
    requireNonNull(labels, "NumpyDataset.fromNpy: labels");
    return dataset(read(features), features.toString(), read(labels), labels.toString());
  }

  /** Features only (for prediction) from one {@code .npy} file. */
  public static Dataset fromNpy(Path features) {
    return dataset(read(features), features.toString(), null, null);
  }

  /** Features and labels from two arrays of one {@code .npz} file, named by their keys. */
  public static Dataset fromNpz(Path file, String featuresKey, String labelsKey) {
    requireNonNull(labelsKey, "NumpyDataset.fromNpz: labelsKey");
    Map<String, TensorValue> arrays = readNpz(file, List.of(featuresKey, labelsKey));
    return dataset(arrays.get(featuresKey), file + " [" + featuresKey + "]", arrays.get(labelsKey),
        file + " [" + labelsKey + "]");
  }

  /** Features only (for prediction) from one array of a {@code .npz} file. */
  public static Dataset fromNpz(Path file, String featuresKey) {
    return dataset(readNpz(file, List.of(featuresKey)).get(featuresKey), file + " [" + featuresKey + "]", null,
        null);
  }

  /** The keys of a {@code .npz} file's arrays, in the zip's order. */
  public static List<String> npzKeys(Path file) {
    try (ZipFile zip = open(file)) {
      List<String> keys = new ArrayList<>();
      zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".npy"))
          .forEach(n -> keys.add(n.substring(0, n.length() - 4)));
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read .npz file " + file, e);
    }
  }

  private static TensorValue read(Path file) {
    requireNonNull(file, "NumpyDataset: file");
    checkArgument(Files.isRegularFile(file), ".npy file not found: %s", file);
    try {
      return Npy.read(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read .npy file " + file, e);
    }
  }

  private static Map<String, TensorValue> readNpz(Path file, List<String> keys) {
    keys.forEach(k -> requireNonNull(k, "NumpyDataset.fromNpz: key"));
    try (ZipFile zip = open(file)) {
      Map<String, TensorValue> arrays = new LinkedHashMap<>();
      for (String key : keys) {
        ZipEntry entry = zip.getEntry(key + ".npy");
        if (entry == null) {
          List<String> present = new ArrayList<>();
          zip.stream().map(ZipEntry::getName).forEach(n -> present.add(n.replaceFirst("\\.npy$", "")));
          throw new IllegalArgumentException(String.format(".npz file %s has no array '%s'; its arrays are %s", file,
              key, present));
        }
        try (InputStream in = zip.getInputStream(entry)) {
          arrays.put(key, Npy.read(in.readAllBytes(), file + " [" + key + "]"));
        }
      }
      return arrays;
    } catch (ZipException e) {
      throw new IllegalArgumentException(".npz file " + file + " is corrupt: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read .npz file " + file, e);
    }
  }

  private static ZipFile open(Path file) throws IOException {
    requireNonNull(file, "NumpyDataset: file");
    checkArgument(Files.isRegularFile(file), ".npz file not found: %s", file);
    try {
      return new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new IllegalArgumentException(".npz file " + file + " is not a zip file: " + e.getMessage(), e);
    }
  }

  private static Dataset dataset(TensorValue x, String xName, TensorValue y, String yName) {
    Shape xShape = sampleShape(x, xName);
    if (y == null) {
      return isFloat32(x) ? Dataset.featuresOnly(x.toFloats(), xShape) : Dataset.featuresOnly(x.data(), xShape);
    }
    Shape yShape = sampleShape(y, yName);
    int n = x.shape().dims()[0];
    checkArgument(y.shape().dims()[0] == n, "%s holds %s samples (shape %s) but %s holds %s (shape %s)", xName, n,
        x.shape(), yName, y.shape().dims()[0], y.shape());
    if (isFloat32(x) && isFloat32(y)) {
      return Dataset.of(x.toFloats(), xShape, y.toFloats(), yShape);
    }
    return Dataset.of(x.data(), xShape, y.data(), yShape);
  }

  private static Shape sampleShape(TensorValue t, String name) {
    int[] dims = t.shape().dims();
    checkArgument(dims.length >= 1, "%s is a 0-d array (a single number); a dataset needs a first dimension that"
        + " counts the samples", name);
    return dims.length == 1 ? Shape.scalar() : Shape.of(Arrays.copyOfRange(dims, 1, dims.length));
  }

  private static boolean isFloat32(TensorValue t) {
    for (double d : t.data()) {
      if ((double) (float) d != d && !Double.isNaN(d)) {
        return false;
      }
    }
    return true;
  }
}
