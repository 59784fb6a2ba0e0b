package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Evaluation;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.ClassNames;
import dev.layerwise.data.CsvData;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.DatasetSplit;
import dev.layerwise.data.ImageFolderData;
import dev.layerwise.data.IndexedSource;
import dev.layerwise.data.NpyShards;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.metrics.Metric;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The samples of {@code docs/data.md} ({@link DataSnippets}) run on files written here and do what the page says. */
class DataSnippetsTest {
  @TempDir
  Path dir;

  /** Iris-like measurements: per species a mean per feature (iris's own class means, in cm) and spread 0.3. */
  private static final String[] SPECIES = {"setosa", "versicolor", "virginica"};
  private static final double[][] MEANS = {{5.0, 3.4, 1.5, 0.2}, {5.9, 2.8, 4.3, 1.3}, {6.6, 3.0, 5.6, 2.0}};

  /** Writes {@code perClass} rows of each listed species, the species interleaved, with a header. */
  private static void writeIris(Path file, int perClass, long seed, int... species) throws IOException {
    SeededRandom random = new SeededRandom(seed);
    StringBuilder csv = new StringBuilder("sepal_length,sepal_width,petal_length,petal_width,species\n");
    for (int r = 0; r < perClass; r++) {
      for (int s : species) {
        for (double mean : MEANS[s]) {
          csv.append(String.format(Locale.ROOT, "%.1f,", mean + 0.3 * random.nextGaussian()));
        }
        csv.append(SPECIES[s]).append('\n');
      }
    }
    Files.writeString(file, csv);
  }

  private CsvData[] irisFiles() throws IOException {
    writeIris(dir.resolve("iris-train.csv"), 40, 1, 2, 0, 1);
    // the test file holds two species only: read alone, versicolor would become class 0
    writeIris(dir.resolve("iris-test.csv"), 15, 2, 2, 1);
    return DataSnippets.readCsv(dir);
  }

  @Test
  void theTestFileIsReadWithTheTrainingFilesClassIndices() throws IOException {
    CsvData[] data = irisFiles();
    assertEquals(ClassNames.of("setosa", "versicolor", "virginica"), data[0].classNames().orElseThrow());
    assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), data[0].featureNames());
    assertEquals(120, data[0].dataset().size());
    Dataset test = data[1].dataset();
    assertEquals(30, test.size());
    assertEquals(2, test.label(0, 0)); // virginica, the first row
    assertEquals(1, test.label(1, 0)); // versicolor
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void aClassifierTrainedOnTheCsvSeparatesTheSpecies(String backend) throws IOException {
    CsvData[] data = irisFiles();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Evaluation e = DataSnippets.fitCsv(Backend.named(backend), data[0], data[1],
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertTrue(e.metric(Metric.ACCURACY) >= 0.9, backend + ": accuracy " + e.metric(Metric.ACCURACY));
    String report = printed.toString(StandardCharsets.UTF_8);
    assertTrue(report.contains("versicolor") && report.contains("virginica"), report);
  }

  @Test
  void theScikitLearnLayoutIsReadPastItsFirstLine() throws IOException {
    Path file = dir.resolve("wine.csv");
    Files.writeString(file, "2,13,class_0,class_1,class_2\n" + "1,".repeat(13) + "0\n" + "2,".repeat(13) + "2\n");
    CsvData wine = DataSnippets.readScikitLearnLayout(file);
    assertEquals(13, wine.featureNames().size());
    assertEquals(2, wine.dataset().size());
    assertEquals(2, wine.dataset().label(1, 0));
  }

  @Test
  void theReloadedModelNamesItsPredictions() throws IOException {
    CsvData[] data = irisFiles();
    Path file = dir.resolve("iris.layerwise");
    var p = DataSnippets.classNames(Backend.named("reference"), data[0], data[1], file);
    assertEquals(30, p.size());
    long right = IntStream.range(0, p.size()).filter(i -> p.index(i) == (int) data[1].dataset().label(i, 0))
        .count();
    assertTrue(right >= 27, right + " of 30 named right: " + p.names());
    assertEquals("virginica", p.name(0));
    assertEquals(data[0].classNames(), dev.layerwise.io.ModelArchive.read(file).model().classNames());
  }

  @Test
  void theImageFolderIsReadAtTheGivenSizeWithSortedClasses() throws IOException {
    image("sneaker/1.png", 28, 28);
    image("sneaker/2.png", 32, 20);
    image("bag/1.png", 40, 40);
    ImageFolderData images = DataSnippets.readImages(dir);
    assertEquals(ClassNames.of("bag", "sneaker"), images.classNames());
    assertEquals(Shape.of(28, 28, 1), images.dataset().featureShape());
    assertEquals(3, images.dataset().size());
    assertEquals(1, images.dataset().label(2, 0));
  }

  private void image(String relative, int width, int height) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    BufferedImage im = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    assertTrue(ImageIO.write(im, "png", p.toFile()));
  }

  @Test
  void theNpzSampleReadsTheArraysByKey() throws IOException {
    Path npz = dir.resolve("mnist.npz");
    try (OutputStream out = Files.newOutputStream(npz); ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("x_train.npy"));
      zip.write(float32Npy(new int[] {2, 3}, 0, 1, 2, 3, 4, 5));
      zip.putNextEntry(new ZipEntry("y_train.npy"));
      zip.write(float32Npy(new int[] {2}, 1, 0));
    }
    Dataset d = DataSnippets.readNpz(npz);
    assertEquals(Shape.of(3), d.featureShape());
    assertEquals(4, d.feature(1, 1));
    assertEquals(1, d.label(0, 0));
  }

  /** A {@code <f4} .npy file as the NumPy format spec (version 1.0) lays it out. */
  private static byte[] float32Npy(int[] dims, float... values) {
    StringBuilder shape = new StringBuilder();
    for (int d : dims) {
      shape.append(d).append(", ");
    }
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape.toString().strip() + "), }";
    int unpadded = 10 + dict.length() + 1;
    String header = dict + " ".repeat((unpadded + 63) / 64 * 64 - unpadded) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.US_ASCII));
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  @Test
  void theSplitsHoldOutAFifthAndTheStratifiedOneAFifthOfEachClass() throws IOException {
    Dataset all = irisFiles()[0].dataset();
    DatasetSplit[] s = DataSnippets.splits(all);
    assertEquals(96, s[0].train().size());
    assertEquals(24, s[0].test().size());
    int[] held = new int[3];
    for (int i = 0; i < s[1].test().size(); i++) {
      held[(int) s[1].test().label(i, 0)]++;
    }
    assertEquals(List.of(8, 8, 8), List.of(held[0], held[1], held[2]));
  }
  /** A 28 × 28 grey PNG: class 0 dark with a bright top half, class 1 the reverse, plus seeded noise. */
  private void pattern(Path file, int cls, SeededRandom random) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage im = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        boolean bright = (y < 14) == (cls == 0);
        im.getRaster().setSample(x, y, 0, (bright ? 200 : 40) + random.nextInt(30));
      }
    }
    assertTrue(ImageIO.write(im, "png", file.toFile()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void theStreamedImageFolderTrainsAndValidates(String backend) throws IOException {
    SeededRandom random = new SeededRandom(3);
    String[] classes = {"shirt", "trouser"};
    for (int c = 0; c < 2; c++) {
      for (int i = 0; i < 12; i++) {
        pattern(dir.resolve("train/" + classes[c] + "/" + i + ".png"), c, random);
      }
      for (int i = 0; i < 5; i++) {
        pattern(dir.resolve("test/" + classes[c] + "/" + i + ".png"), c, random);
      }
    }
    Evaluation e = DataSnippets.fitImageSource(Backend.named(backend), dir.resolve("train"), dir.resolve("test"));
    assertEquals(1.0, e.metric(Metric.ACCURACY), "the two patterns are told apart: " + e);
  }

  @Test
  void theNpyShardsTrainAModel() throws IOException {
    List<Path> xs = new ArrayList<>();
    List<Path> ys = new ArrayList<>();
    SeededRandom random = new SeededRandom(8);
    for (int k = 0; k < 4; k++) {
      float[] x = new float[20 * 2];
      float[] y = new float[20];
      for (int i = 0; i < 20; i++) {
        y[i] = random.nextInt(2);
        x[2 * i] = (float) (y[i] * 2 - 1 + 0.3 * random.nextGaussian());
        x[2 * i + 1] = (float) random.nextGaussian();
      }
      xs.add(Files.write(dir.resolve("x" + k + ".npy"), float32Npy(new int[] {20, 2}, x)));
      ys.add(Files.write(dir.resolve("y" + k + ".npy"), float32Npy(new int[] {20}, y)));
    }
    try (CompiledModel m = Sequential.of(Input.shape(2), Dense.units(2)).withSeed(4).compile(Backend.named(
        "reference"), Optimizer.adam(0.05), Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      History h = DataSnippets.fitNpyShards(m, xs, ys);
      assertEquals(3, h.epochCount());
      assertTrue(h.get("loss")[2] < h.get("loss")[0], "it learns: " + h);
      assertEquals(80, m.predict(NpyShards.featuresOnly(xs), 32).length / 2);
    }
  }

  @Test
  void theCustomSourceComputesItsSamplesOnDemand() {
    IndexedSource squares = DataSnippets.squares();
    assertEquals(1_000_000, squares.size());
    Dataset d = squares.read(new int[] {500_000, 3});
    assertEquals(0.5f, d.feature(0, 0));
    assertEquals(0.25f, d.label(0, 0));
    assertEquals(3e-6f, d.feature(1, 0));
  }
}
