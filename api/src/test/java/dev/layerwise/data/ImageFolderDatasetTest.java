package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerwise.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading labelled images from one sub-folder per class, with PNGs written by the test from known pixels. */
class ImageFolderDatasetTest {
  @TempDir
  Path dir;

  /** A grey image of the given width × height from row-major values. */
  private static BufferedImage gray(int width, int height, int... values) {
    BufferedImage im = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    im.getRaster().setPixels(0, 0, width, height, values);
    return im;
  }

  /** A 1 × n RGB image from (r, g, b) triples. */
  private static BufferedImage rgb(int... rgbTriples) {
    int n = rgbTriples.length / 3;
    BufferedImage im = new BufferedImage(n, 1, BufferedImage.TYPE_INT_RGB);
    im.getRaster().setPixels(0, 0, n, 1, rgbTriples);
    return im;
  }

  private Path png(String relative, BufferedImage image) {
    Path p = dir.resolve(relative);
    try {
      Files.createDirectories(p.getParent());
      assertTrue(ImageIO.write(image, "png", p.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  private static float[] pixels(Dataset d, int sample) {
    int per = d.featureShape().size();
    float[] x = new float[per];
    d.copyRange(sample, 1, x, null);
    return x;
  }

  private static void assertContains(Exception e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
  }

  @Test
  void classesAreTheSubFoldersSortedAndPixelsAreKeptAs0To255() {
    png("dog/b.png", gray(2, 1, 7, 8));
    png("dog/a.png", gray(2, 1, 5, 6));
    png("cat/nested/x.png", gray(2, 1, 0, 255));
    png("Zebra/z.png", gray(2, 1, 1, 2));
    png("loose.png", gray(2, 1, 9, 9)); // directly in the folder: not a class's image
    ImageFolderData data = ImageFolderDataset.from(dir).withColorMode(ColorMode.GRAYSCALE).read();
    // String order: upper case before lower case, as Python's sorted() orders Keras's folders
    assertEquals(ClassNames.of("Zebra", "cat", "dog"), data.classNames());
    Dataset d = data.dataset();
    assertEquals(Shape.of(1, 2, 1), d.featureShape());
    assertEquals(4, d.size());
    assertEquals(List.of(dir.resolve("Zebra/z.png"), dir.resolve("cat/nested/x.png"), dir.resolve("dog/a.png"),
        dir.resolve("dog/b.png")), data.files());
    assertArrayEquals(new float[] {0, 1, 2, 2}, new float[] {d.label(0, 0), d.label(1, 0), d.label(2, 0),
        d.label(3, 0)});
    assertArrayEquals(new float[] {0, 255}, pixels(d, 1));
    assertArrayEquals(new float[] {5, 6}, pixels(d, 2));
  }

  @Test
  void greyImagesAreRepeatedInRgbAndColourImagesBecomeTheirLumaInGrey() {
    png("a/g.png", gray(2, 1, 10, 200));
    png("b/c.png", rgb(10, 20, 30, 255, 0, 0));
    Path folder = dir;
    Dataset asRgb = ImageFolderDataset.from(folder).read().dataset();
    assertEquals(Shape.of(1, 2, 3), asRgb.featureShape());
    assertArrayEquals(new float[] {10, 10, 10, 200, 200, 200}, pixels(asRgb, 0));
    assertArrayEquals(new float[] {10, 20, 30, 255, 0, 0}, pixels(asRgb, 1));
    Dataset asGray = ImageFolderDataset.from(folder).withColorMode(ColorMode.GRAYSCALE).read().dataset();
    assertArrayEquals(new float[] {10, 200}, pixels(asGray, 0));
    // BT.601: 0.299·10 + 0.587·20 + 0.114·30 = 18.15; 0.299·255 = 76.245
    assertArrayEquals(new float[] {18.15f, 76.245f}, pixels(asGray, 1), 1e-4f);
  }

  @Test
  void alphaIsDroppedNotCompositedAndSixteenBitGreyIsScaledTo255() {
    BufferedImage argb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(0, 0, 0x00_40_80_c0); // fully transparent, colour (64, 128, 192)
    png("a/alpha.png", argb);
    BufferedImage wide = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
    wide.getRaster().setSample(0, 0, 0, 257 * 100);
    png("b/sixteen.png", wide);
    Dataset d = ImageFolderDataset.from(dir).read().dataset();
    assertArrayEquals(new float[] {64, 128, 192}, pixels(d, 0));
    assertArrayEquals(new float[] {100, 100, 100}, pixels(d, 1));
  }

  /**
   * Expected values are TF's {@code tf.image.resize(..., "bilinear")} (half-pixel centres, clamped borders),
   * worked by hand: output pixel j samples the input at {@code (j + 0.5)·in/out − 0.5}.
   */
  @Test
  void resizingIsBilinearLikeKerasWithinOneGreyLevel() {
    png("up/a.png", gray(2, 1, 0, 100));
    png("down/b.png", gray(3, 1, 0, 90, 180));
    png("grid/c.png", gray(2, 2, 0, 100, 100, 0));
    Dataset d = ImageFolderDataset.from(dir).withColorMode(ColorMode.GRAYSCALE).withImageSize(3, 4).read()
        .dataset();
    assertEquals(Shape.of(3, 4, 1), d.featureShape());
    // classes: down, grid, up. "down" [0, 90, 180] → 4 wide samples x = −0.125, 0.625, 1.375, 2.125 (clamped)
    float[] down = {0, 56.25f, 123.75f, 180};
    float[] grid = {
        0, 25, 75, 100, // y = −1/6 → row 0
        50, 50, 50, 50, // y = 0.5 → the mean of both rows
        100, 75, 25, 0}; // y = 7/6 → row 1
    float[] up = {0, 25, 75, 100};
    float[] downRows = new float[12];
    float[] upRows = new float[12];
    for (int r = 0; r < 3; r++) {
      System.arraycopy(down, 0, downRows, 4 * r, 4);
      System.arraycopy(up, 0, upRows, 4 * r, 4);
    }
    assertArrayEquals(downRows, pixels(d, 0), 1f);
    assertArrayEquals(grid, pixels(d, 1), 1f);
    assertArrayEquals(upRows, pixels(d, 2), 1f);
  }

  @Test
  void fashionMnistImagesWrittenAsPngReadBackAsTheirBytes() {
    Path idx = FashionMnist.defaultDirectory().resolve("t10k-images-idx3-ubyte.gz");
    assumeTrue(Files.exists(idx), "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist); the"
        + " generated-pixel tests above cover the same reading");
    IdxFile images = IdxFile.read(idx);
    IdxFile labels = IdxFile.read(FashionMnist.defaultDirectory().resolve("t10k-labels-idx1-ubyte.gz"));
    int n = 12;
    for (int i = 0; i < n; i++) {
      int[] v = new int[28 * 28];
      for (int p = 0; p < v.length; p++) {
        v[p] = (int) images.data()[i * 784 + p];
      }
      String label = FashionMnist.CLASS_NAMES.get((int) labels.data()[i]).replace('/', '-');
      png(String.format("%s/%03d.png", label, i), gray(28, 28, v));
    }
    ImageFolderData data = ImageFolderDataset.from(dir).withColorMode(ColorMode.GRAYSCALE).read();
    assertEquals(n, data.dataset().size());
    for (int s = 0; s < n; s++) {
      int i = Integer.parseInt(data.files().get(s).getFileName().toString().substring(0, 3));
      float[] expected = java.util.Arrays.copyOfRange(images.data(), i * 784, (i + 1) * 784);
      assertArrayEquals(expected, pixels(data.dataset(), s));
      String folder = data.files().get(s).getParent().getFileName().toString();
      assertEquals(folder, data.classNames().name((int) data.dataset().label(s, 0)));
      assertEquals(FashionMnist.CLASS_NAMES.get((int) labels.data()[i]).replace('/', '-'), folder);
    }
  }

  @Test
  void aFolderWithoutClassesOrImagesIsRefused() throws IOException {
    png("loose.png", gray(1, 1, 0));
    assertContains(assertThrows(IllegalArgumentException.class, () -> ImageFolderDataset.from(dir).read()),
        "image folder " + dir + " has no class sub-folders");
    Files.createDirectories(dir.resolve("cats"));
    Files.writeString(dir.resolve("cats/notes.txt"), "not an image");
    assertContains(assertThrows(IllegalArgumentException.class, () -> ImageFolderDataset.from(dir).read()),
        "has class sub-folders [cats] but no images");
    assertContains(assertThrows(IllegalArgumentException.class, () -> ImageFolderDataset.from(dir.resolve("none"))
        .read()), "image folder not found");
  }

  @Test
  void anUnreadableImageIsNamed() throws IOException {
    png("a/good.png", gray(1, 1, 0));
    Path garbage = dir.resolve("a/garbage.png");
    Files.writeString(garbage, "these bytes are no image");
    assertContains(assertThrows(IllegalArgumentException.class, () -> ImageFolderDataset.from(dir).read()),
        "image " + garbage, "not in a format javax.imageio reads");
    Files.delete(garbage);
    Path cut = png("b/cut.png", gray(8, 8, new int[64]));
    byte[] bytes = Files.readAllBytes(cut);
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertContains(assertThrows(IllegalArgumentException.class, () -> ImageFolderDataset.from(dir).read()),
        "image " + cut + " cannot be decoded");
  }

  @Test
  void aHeaderClaimingMorePixelsThanTheHeapHoldsIsRefusedBeforeDecoding() throws IOException {
    // a PNG signature, an IHDR chunk claiming 100,000 × 100,000 8-bit grey pixels (with its CRC), no data
    java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(17).put("IHDR".getBytes(java.nio.charset.StandardCharsets
        .US_ASCII)).putInt(100_000).putInt(100_000).put(new byte[] {8, 0, 0, 0, 0});
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(ihdr.array());
    java.nio.ByteBuffer png = java.nio.ByteBuffer.allocate(8 + 4 + 17 + 4).put(new byte[] {(byte) 0x89, 'P', 'N',
        'G', '\r', '\n', 0x1a, '\n'}).putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
    Path huge = dir.resolve("a/huge.png");
    Files.createDirectories(huge.getParent());
    Files.write(huge, png.array());
    assertContains(assertThrows(IllegalArgumentException.class, () -> ImageFolderDataset.from(dir).read()),
        "image " + huge + " claims 100000 × 100000 pixels", "raise it with -Xmx");
  }

  @Test
  void imagesOfDifferentSizesNeedAResize() {
    Path small = png("a/small.png", gray(1, 1, 0));
    Path big = png("b/big.png", gray(2, 3, new int[6]));
    assertContains(assertThrows(IllegalArgumentException.class, () -> ImageFolderDataset.from(dir).read()),
        "image " + big + " is 3 × 2 (height × width) but " + small + " is 1 × 1", "withImageSize");
    assertEquals(Shape.of(2, 2, 3), ImageFolderDataset.from(dir).withImageSize(2, 2).read().dataset()
        .featureShape());
    assertContains(assertThrows(IllegalArgumentException.class, () -> ImageFolderDataset.from(dir)
        .withImageSize(0, 2)), "height and width must be positive, got 0 × 2");
  }
}
