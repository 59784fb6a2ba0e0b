package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
  private static final int PIXELS = 28 * 28;

  @TempDir
  Path dir;

  /** Pixel p of image i: (7p + 31i) mod 256, so every image differs and every byte value occurs. */
  private static int pixel(int image, int p) {
    return (7 * p + 31 * image) % 256;
  }

  private static byte[] images(int n) {
    int[] v = new int[n * PIXELS];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < PIXELS; p++) {
        v[i * PIXELS + p] = pixel(i, p);
      }
    }
    return IdxBytes.ubytes(new int[] {n, 28, 28}, v);
  }

  private void writeFourFiles(int[] trainLabels, int[] testLabels) {
    IdxBytes.write(dir.resolve("train-images-idx3-ubyte"), images(trainLabels.length));
    IdxBytes.write(dir.resolve("train-labels-idx1-ubyte"), IdxBytes.ubytes(new int[] {trainLabels.length},
        trainLabels));
    IdxBytes.write(dir.resolve("t10k-images-idx3-ubyte.gz"), IdxBytes.gzip(images(testLabels.length)));
    IdxBytes.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxBytes.gzip(IdxBytes.ubytes(
        new int[] {testLabels.length}, testLabels)));
  }

  @Test
  void loadsBothSplitsPlainOrGzipped() {
    writeFourFiles(new int[] {9, 0, 3}, new int[] {1, 2});
    FashionMnist.Splits s = FashionMnist.load(dir);
    assertEquals(3, s.train().size());
    assertEquals(2, s.test().size());
    assertEquals(Shape.of(28, 28), s.train().featureShape());
    assertEquals(Shape.of(28, 28), s.test().featureShape());
    assertEquals(Shape.scalar(), s.train().labelShape());
    assertEquals(9f, s.train().label(0, 0));
    assertEquals(0f, s.train().label(1, 0));
    assertEquals(3f, s.train().label(2, 0));
    assertEquals(1f, s.test().label(0, 0));
    assertEquals(2f, s.test().label(1, 0));
  }

  @Test
  void pixelsAreScaledToTheUnitInterval() {
    writeFourFiles(new int[] {9, 0, 3}, new int[] {1, 2});
    FashionMnist.Splits s = FashionMnist.load(dir);
    float[] x = new float[3 * PIXELS];
    s.train().copyRange(0, 3, x, null);
    float min = 1;
    float max = 0;
    for (int i = 0; i < 3; i++) {
      for (int p = 0; p < PIXELS; p++) {
        float v = x[i * PIXELS + p];
        assertEquals(pixel(i, p) / 255f, v, 0f, "image " + i + " pixel " + p);
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    assertEquals(0f, min);
    assertEquals(1f, max);
    float[] t = new float[PIXELS];
    s.test().copyRange(1, 1, t, null);
    assertEquals(pixel(1, 5) / 255f, t[5], 0f);
  }

  @Test
  void aMissingFolderNamesItAndTheDebianPackage() {
    Path nowhere = dir.resolve("no-such-folder");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(nowhere));
    assertTrue(e.getMessage().contains(nowhere.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
    assertTrue(e.getMessage().contains("FASHION_MNIST_DIR"), e.getMessage());
  }

  @Test
  void aMissingFileInTheFolderIsNamed() {
    writeFourFiles(new int[] {1}, new int[] {1});
    dir.resolve("train-labels-idx1-ubyte").toFile().delete();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(dir));
    assertTrue(e.getMessage().contains("not found") && e.getMessage().contains("train-labels-idx1-ubyte"),
        e.getMessage());
  }

  @Test
  void labelsOutsideTheTenClassesAreRejected() {
    writeFourFiles(new int[] {1, 10}, new int[] {0});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(dir));
    assertTrue(e.getMessage().contains("train") && e.getMessage().contains("label 10.0"), e.getMessage());
  }

  @Test
  void imagesOfAnotherSizeAreRejected() {
    writeFourFiles(new int[] {1}, new int[] {1});
    IdxBytes.write(dir.resolve("train-images-idx3-ubyte"), IdxBytes.ubytes(new int[] {1, 2, 2}, new int[4]));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(dir));
    assertTrue(e.getMessage().contains("N×28×28") && e.getMessage().contains("[1, 2, 2]"), e.getMessage());
  }

  @Test
  void imageAndLabelCountsMustMatch() {
    writeFourFiles(new int[] {1, 2}, new int[] {1});
    IdxBytes.write(dir.resolve("train-labels-idx1-ubyte"), IdxBytes.ubytes(new int[] {3}, new int[] {1, 2, 3}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(dir));
    assertTrue(e.getMessage().contains("2 images but 3 labels"), e.getMessage());
  }

  @Test
  void constants() {
    assertEquals(10, FashionMnist.CLASS_NAMES.size());
    assertEquals("Ankle boot", FashionMnist.CLASS_NAMES.get(9));
    assertEquals(Shape.of(28, 28), FashionMnist.IMAGE_SHAPE);
  }
}
