package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.io.Npy;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.testing.FakeBackend;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ready-made sources: {@link NpyShards} (sharded) and {@link ImageFolderSource} (indexed), and their refusals. */
class DataSourcesTest {
  @TempDir
  Path dir;

  /** Writes an array of the given shape holding 0, 1, 2, … plus {@code offset}. */
  private Path npy(String name, double offset, int... dims) throws IOException {
    Shape shape = Shape.of(dims);
    double[] d = new double[shape.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = offset + i;
    }
    Path p = dir.resolve(name);
    Files.write(p, Npy.write(new TensorValue(shape, d)));
    return p;
  }

  private static FitOptions quiet() {
    return FitOptions.builder().epochs(1).batchSize(4).quiet().build();
  }

  private static CompiledModel model(int width) {
    return Sequential.of(Input.shape(width), Dense.units(5)).withSeed(1).compile(new FakeBackend(),
        Optimizer.sgd(0.1), Loss.sparseCategoricalCrossentropy().withFromLogits(true));
  }

  @Test
  void npyShardsCountSamplesFromTheHeadersAndReadAShardAsNumpyDatasetDoes() throws IOException {
    Path x0 = npy("x0.npy", 0, 5, 3);
    Path y0 = npy("y0.npy", 0, 5);
    Path x1 = npy("x1.npy", 100, 2, 3);
    Path y1 = npy("y1.npy", 0, 2);
    NpyShards shards = NpyShards.of(List.of(x0, x1), List.of(y0, y1));
    assertEquals(2, shards.shardCount());
    assertEquals(5, shards.shardSize(0));
    assertEquals(2, shards.shardSize(1));
    assertEquals(7, shards.size());
    assertEquals(NpyShards.DEFAULT_BUFFER, shards.shuffleBuffer());
    assertEquals(9, shards.withShuffleBuffer(9).shuffleBuffer());
    Dataset d = shards.readShard(1);
    assertEquals(2, d.size());
    assertEquals(103f, d.feature(1, 0));
    assertEquals(1f, d.label(1, 0));
    assertEquals(Shape.of(5, 3), Npy.shape(x0));
  }

  @Test
  void aShardThatCannotBeReadStopsFitNamingTheFile() throws IOException {
    Path x0 = npy("x0.npy", 0, 4, 3);
    Path x1 = npy("x1.npy", 0, 4, 3);
    byte[] whole = Files.readAllBytes(x1);
    Files.write(x1, Arrays.copyOf(whole, whole.length - 8)); // the header still says 4 samples
    NpyShards shards = NpyShards.of(List.of(x0, x1), List.of(npy("y0.npy", 0, 4), npy("y1.npy", 0, 4)));
    assertEquals(8, shards.size(), "sizes come from the headers alone");
    try (CompiledModel m = model(3)) {
      var e = assertThrows(DataSourceException.class, () -> m.fit(shards,
          FitOptions.builder().epochs(1).batchSize(4).shuffle(false).quiet().build()));
      assertTrue(e.getMessage().startsWith("fit on 2 .npy shards " + x0 + " … " + x1 + ", shard 1 (" + x1
          + "): reading failed: "), e.getMessage());
      assertTrue(e.getMessage().contains("truncated .npy data"), e.getMessage());
    }
  }

  @Test
  void shardsOfAnotherShapeAreRefusedNamingTheFile() throws IOException {
    Path x1 = npy("x1.npy", 0, 4, 4);
    NpyShards shards = NpyShards.of(List.of(npy("x0.npy", 0, 4, 3), x1), List.of(npy("y0.npy", 0, 4),
        npy("y1.npy", 0, 4)));
    try (CompiledModel m = model(3)) {
      var e = assertThrows(IllegalArgumentException.class, () -> m.evaluate(shards, 4));
      assertTrue(e.getMessage().startsWith("evaluate on 2 .npy shards " + dir.resolve("x0.npy") + " … " + x1
          + ", shard 1 (" + x1 + "): the model's Input"), e.getMessage());
      assertTrue(e.getMessage().contains("expects samples of shape [3] (3 features), got samples of shape [4]"),
          e.getMessage());
    }
  }

  @Test
  void npyShardsRefuseBadFileLists() throws IOException {
    Path x0 = npy("x0.npy", 0, 4, 3);
    Path y0 = npy("y0.npy", 0, 5);
    var e = assertThrows(IllegalArgumentException.class, () -> NpyShards.of(List.of(x0), List.of(y0)));
    assertEquals("NpyShards: " + x0 + " holds 4 samples but its labels file " + y0 + " holds 5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> NpyShards.of(List.of(), List.of()));
    assertEquals("NpyShards: no files; at least one shard is needed", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> NpyShards.of(List.of(x0), List.of()));
    assertEquals("NpyShards: 1 feature files but 0 label files; give one labels file per features file",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> NpyShards.featuresOnly(List.of(dir.resolve("no.npy"))));
    assertEquals(".npy file not found: " + dir.resolve("no.npy"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> NpyShards.of(List.of(x0), List.of(y0))
        .withShuffleBuffer(0));
    assertTrue(e.getMessage().contains("holds 4 samples"), "the lists are checked first: " + e.getMessage());
  }

  private void png(String relative, int width, int... values) throws IOException {
    BufferedImage im = new BufferedImage(width, values.length / width, BufferedImage.TYPE_BYTE_GRAY);
    im.getRaster().setPixels(0, 0, width, values.length / width, values);
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    assertTrue(ImageIO.write(im, "png", p.toFile()));
  }

  @Test
  void anImageFolderSourceReadsTheImagesReadWouldGiveInAnyOrder() throws IOException {
    png("b/1.png", 2, 10, 11);
    png("a/1.png", 2, 1, 2);
    png("a/2.png", 2, 3, 4);
    ImageFolderDataset folder = ImageFolderDataset.from(dir).withColorMode(ColorMode.GRAYSCALE);
    ImageFolderSource source = folder.source();
    assertEquals(3, source.size());
    assertEquals(Shape.of(1, 2, 1), source.imageShape());
    assertEquals(List.of("a", "b"), source.classNames().names());
    assertEquals(folder.read().files(), source.files());
    Dataset picked = source.read(new int[] {2, 0});
    float[] x = new float[4];
    float[] y = new float[2];
    picked.copyRange(0, 2, x, y);
    assertArrayEquals(new float[] {10, 11, 1, 2}, x);
    assertArrayEquals(new float[] {1, 0}, y);
    assertEquals("image folder " + dir, source.description());
  }

  @Test
  void anUnreadableImageStopsAStreamedFitNamingTheFile() throws IOException {
    png("a/1.png", 2, 1, 2);
    png("a/2.png", 2, 3, 4);
    Path broken = dir.resolve("b/broken.png");
    Files.createDirectories(broken.getParent());
    Files.write(broken, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
    ImageFolderSource source = ImageFolderDataset.from(dir).withColorMode(ColorMode.GRAYSCALE).source();
    try (CompiledModel m = Sequential.of(Input.shape(1, 2, 1), Flatten.create(), Dense.units(2)).withSeed(1)
        .compile(new FakeBackend(), Optimizer.sgd(0.1), Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      var e = assertThrows(DataSourceException.class, () -> m.predict(source, 2));
      assertTrue(e.getMessage().startsWith("predict on image folder " + dir + ", samples [2]: reading failed: image "
          + broken), e.getMessage());
    }
  }
}
