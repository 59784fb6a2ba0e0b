package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerwise.Shape;
import dev.layerwise.io.Npy;
import dev.layerwise.io.NumpyProbe;
import dev.layerwise.spi.TensorValue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datasets from {@code .npy} and {@code .npz} files, written here in Java and, when NumPy is installed, by NumPy. */
class NumpyDatasetTest {
  @TempDir
  Path dir;

  private Path npy(String name, Shape shape, double... values) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, Npy.write(new TensorValue(shape, values)));
    return p;
  }

  /** A .npz (stored, or deflated as savez_compressed does) of name → .npy bytes pairs. */
  private Path npz(String name, boolean deflate, Object... nameThenTensor) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(p); ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setLevel(deflate ? 6 : 0);
      for (int i = 0; i < nameThenTensor.length; i += 2) {
        zip.putNextEntry(new ZipEntry(nameThenTensor[i] + ".npy"));
        zip.write(Npy.write((TensorValue) nameThenTensor[i + 1]));
        zip.closeEntry();
      }
    }
    return p;
  }

  private static float[] features(Dataset d) {
    float[] x = new float[d.size() * d.featureShape().size()];
    d.copyRange(0, d.size(), x, null);
    return x;
  }

  private static void assertContains(Exception e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
  }

  @Test
  void theFirstDimensionCountsSamplesAndTheRestIsTheSampleShape() throws IOException {
    Path x = npy("x.npy", Shape.of(3, 2, 2), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    Path y = npy("y.npy", Shape.of(3), 2, 0, 1);
    Dataset d = NumpyDataset.fromNpy(x, y);
    assertEquals(3, d.size());
    assertEquals(Shape.of(2, 2), d.featureShape());
    assertEquals(Shape.scalar(), d.labelShape());
    assertEquals(7, d.feature(1, 3));
    assertEquals(2, d.label(0, 0));
    assertFalse(d.hasDoubles());
    assertFalse(NumpyDataset.fromNpy(x).hasLabels());
  }

  @Test
  void valuesThatAreNotFloat32AreKeptAsFloat64() throws IOException {
    Dataset d = NumpyDataset.fromNpy(npy("x.npy", Shape.of(2, 1), 0.1, 0.5), npy("y.npy", Shape.of(2), 0, 1));
    assertTrue(d.hasDoubles());
    double[] x = new double[2];
    d.copyRangeDoubles(0, 2, List.of(x), null);
    assertArrayEquals(new double[] {0.1, 0.5}, x);
  }

  @Test
  void anNpzGivesItsArraysByKeyStoredOrCompressed() throws IOException {
    for (boolean deflate : new boolean[] {false, true}) {
      Path p = npz("d" + deflate + ".npz", deflate, "x_train", new TensorValue(Shape.of(2, 3), new double[] {1, 2,
          3, 4, 5, 6}), "y_train", new TensorValue(Shape.of(2), new double[] {1, 0}));
      assertEquals(List.of("x_train", "y_train"), NumpyDataset.npzKeys(p));
      Dataset d = NumpyDataset.fromNpz(p, "x_train", "y_train");
      assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, features(d));
      assertEquals(0, d.label(1, 0));
      assertEquals(Shape.of(3), NumpyDataset.fromNpz(p, "x_train").featureShape());
    }
  }

  @Test
  void badFilesAreNamed() throws IOException {
    Path p = npz("d.npz", false, "x", new TensorValue(Shape.of(2, 1), new double[] {1, 2}), "y",
        new TensorValue(Shape.of(3), new double[] {0, 1, 2}));
    assertContains(assertThrows(IllegalArgumentException.class, () -> NumpyDataset.fromNpz(p, "x", "labels")),
        ".npz file " + p + " has no array 'labels'; its arrays are [x, y]");
    assertContains(assertThrows(IllegalArgumentException.class, () -> NumpyDataset.fromNpz(p, "x", "y")),
        p + " [x] holds 2 samples (shape [2, 1]) but " + p + " [y] holds 3 (shape [3])");
    Path scalar = npy("s.npy", Shape.scalar(), 4);
    assertContains(assertThrows(IllegalArgumentException.class, () -> NumpyDataset.fromNpy(scalar)),
        scalar + " is a 0-d array");
    Path notZip = npy("fake.npz", Shape.of(1), 1);
    assertContains(assertThrows(IllegalArgumentException.class, () -> NumpyDataset.fromNpz(notZip, "x")),
        ".npz file " + notZip + " is not a zip file");
    Path text = dir.resolve("t.npy");
    Files.writeString(text, "1,2,3");
    assertContains(assertThrows(IllegalArgumentException.class, () -> NumpyDataset.fromNpy(text)),
        text + ": not a .npy file");
    assertContains(assertThrows(IllegalArgumentException.class, () -> NumpyDataset.fromNpy(dir.resolve("no.npy"))),
        ".npy file not found");
  }

  @Test
  void filesNumpyWritesAreRead() throws Exception {
    assumeTrue(NumpyProbe.AVAILABLE, "python3 with numpy is not installed; the Java-written files above cover the"
        + " format");
    Process p = new ProcessBuilder("python3", "-c", """
        import numpy as np
        x = np.arange(24, dtype=np.uint8).reshape(4, 2, 3) * 10
        np.savez_compressed('mnist_like.npz', x_train=x, y_train=np.array([3, 1, 4, 1], dtype=np.int64))
        np.save('f8.npy', np.array([[0.1], [0.2]]))
        """).directory(dir.toFile()).inheritIO().start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0);
    Dataset d = NumpyDataset.fromNpz(dir.resolve("mnist_like.npz"), "x_train", "y_train");
    assertEquals(Shape.of(2, 3), d.featureShape());
    assertFalse(d.hasDoubles());
    assertEquals(230, d.feature(3, 5));
    assertEquals(4, d.label(2, 0));
    assertTrue(NumpyDataset.fromNpy(dir.resolve("f8.npy")).hasDoubles());
  }
}
