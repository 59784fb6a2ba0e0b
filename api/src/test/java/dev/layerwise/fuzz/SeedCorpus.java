package dev.layerwise.fuzz;

import dev.layerwise.Model;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.TrainingState;
import dev.layerwise.io.ArchiveContents;
import dev.layerwise.io.Json;
import dev.layerwise.io.ModelArchive;
import dev.layerwise.io.Npy;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Add;
import dev.layerwise.layers.AveragePooling2D;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Concatenate;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.ELU;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.GlobalAveragePooling2D;
import dev.layerwise.layers.Hardmax;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.LeakyReLU;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.Maxout;
import dev.layerwise.layers.PReLU;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.Reshape;
import dev.layerwise.layers.Softmax;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.regularizers.Regularizer;
import dev.layerwise.spi.TensorValue;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Writes the fuzz targets' seed corpora into {@code src/test/resources/dev/layerwise/fuzz/<Class>Inputs/<method>/}:
 * small valid files of each kind and a few invalid ones, from which the fuzzer mutates. Committed; run again only
 * to change them:
 *
 * <pre>
 * mvn -pl api test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.layerwise.fuzz.SeedCorpus
 * </pre>
 */
public final class SeedCorpus {
  private SeedCorpus() {}

  public static void main(String[] args) throws IOException, java.net.URISyntaxException {
    // this class sits in api/target/test-classes: the corpus goes to the source tree beside it
    Path testClasses = Path.of(SeedCorpus.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path root = testClasses.resolve("../../src/test/resources/dev/layerwise/fuzz").normalize();
    idx(root.resolve("IdxFileFuzzTestInputs/idx"));
    npy(root.resolve("NpyFuzzTestInputs/npy"));
    Map<String, byte[]> adam = entries(archive(Optimizer.adam(0.01)));
    json(root.resolve("JsonFuzzTestInputs/json"), adam.get("layerwise.json"));
    archives(root.resolve("ModelArchiveFuzzTestInputs/archive"), adam);
    csv(root.resolve("CsvDatasetFuzzTestInputs/csv"));
    images(root.resolve("ImageFolderFuzzTestInputs/image"));
  }

  private static void csv(Path dir) throws IOException {
    put(dir, "iris", ("sepal_length,sepal_width,species\n5.1,3.5,setosa\n7.0,3.2,versicolor\n6.3,3.3,virginica\n")
        .getBytes(StandardCharsets.UTF_8));
    put(dir, "headerless-numbers", "0,1.5,-2\n1,3e-3,4\n2,NaN,Infinity\n".getBytes(StandardCharsets.UTF_8));
    put(dir, "quoted-bom", "\uFEFFa,\"b, c\",label\n 1 , 2 ,\"two words\"\n\n3,4,\"x\"\"y\"\n"
        .getBytes(StandardCharsets.UTF_8));
    put(dir, "invalid-ragged", "a,b,c\n1,2,x\n3,4\n".getBytes(StandardCharsets.UTF_8));
    put(dir, "invalid-open-quote", "a,b\n1,\"2\n".getBytes(StandardCharsets.UTF_8));
  }

  private static void images(Path dir) throws IOException {
    java.awt.image.BufferedImage gray = new java.awt.image.BufferedImage(3, 2,
        java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
    gray.getRaster().setPixels(0, 0, 3, 2, new int[] {0, 50, 100, 150, 200, 255});
    java.awt.image.BufferedImage rgb = new java.awt.image.BufferedImage(2, 2,
        java.awt.image.BufferedImage.TYPE_INT_ARGB);
    rgb.setRGB(0, 0, 2, 2, new int[] {0xff102030, 0x80ff0000, 0x0000ff00, 0xff0000ff}, 0, 2);
    java.awt.image.BufferedImage bgr = new java.awt.image.BufferedImage(2, 1,
        java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
    bgr.setRGB(0, 0, 2, 1, new int[] {0x123456, 0xabcdef}, 0, 2);
    put(dir, "gray-png", encode(gray, "png"));
    put(dir, "argb-png", encode(rgb, "png"));
    put(dir, "gif", encode(gray, "gif"));
    put(dir, "bmp", encode(bgr, "bmp"));
    put(dir, "jpeg", encode(bgr, "jpeg"));
    byte[] png = encode(gray, "png");
    put(dir, "invalid-truncated-png", Arrays.copyOf(png, png.length / 2));
  }

  private static byte[] encode(java.awt.image.BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!javax.imageio.ImageIO.write(image, format, out)) {
      throw new IOException("no javax.imageio writer for " + format);
    }
    return out.toByteArray();
  }

  private static void put(Path dir, String name, byte[] bytes) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve(name), bytes);
  }

  private static byte[] idxFile(int type, int[] dims, int width, long[] values) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt((type << 8) | dims.length);
    for (int d : dims) {
      out.writeInt(d);
    }
    for (long v : values) {
      switch (width) {
        case 1 -> out.writeByte((int) v);
        case 2 -> out.writeShort((int) v);
        case 4 -> out.writeInt((int) v);
        default -> out.writeLong(v);
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(raw);
    }
    return bytes.toByteArray();
  }

  private static long[] ramp(int n) {
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = i * 37L % 256;
    }
    return v;
  }

  private static void idx(Path dir) throws IOException {
    byte[] images = idxFile(0x08, new int[] {2, 3, 4}, 1, ramp(24));
    put(dir, "ubyte-rank3", images);
    put(dir, "labels-gzip", gzip(idxFile(0x08, new int[] {10}, 1, ramp(10))));
    put(dir, "sbyte", idxFile(0x09, new int[] {4}, 1, new long[] {-128, -1, 0, 127}));
    put(dir, "short", idxFile(0x0B, new int[] {2, 2}, 2, new long[] {-32768, 0, 1, 32767}));
    put(dir, "int32", idxFile(0x0C, new int[] {3}, 4, new long[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}));
    put(dir, "float32", idxFile(0x0D, new int[] {2}, 4, new long[] {Float.floatToIntBits(1.5f),
        Float.floatToIntBits(Float.NaN)}));
    put(dir, "float64", idxFile(0x0E, new int[] {1}, 8, new long[] {Double.doubleToLongBits(-2.25)}));
    put(dir, "invalid-truncated", Arrays.copyOf(images, images.length - 5));
    put(dir, "invalid-claims-2.1G", idxFile(0x08, new int[] {2_100_000_000}, 1, new long[8]));
    put(dir, "invalid-gzip-cut", Arrays.copyOf(gzip(images), 20));
    put(dir, "invalid-zero-rank", new byte[] {0, 0, 8, 0});
  }

  private static byte[] npyV1(String dict, byte[] data) {
    int unpadded = 10 + dict.length() + 1;
    int total = (unpadded + 63) / 64 * 64;
    String header = dict + " ".repeat(total - unpadded) + "\n";
    return ByteBuffer.allocate(total + data.length).order(ByteOrder.LITTLE_ENDIAN)
        .put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length())
        .put(header.getBytes(StandardCharsets.US_ASCII)).put(data).array();
  }

  private static void npy(Path dir) throws IOException {
    put(dir, "f4-2x3", Npy.write(new TensorValue(Shape.of(2, 3), new double[] {0, 1.5, -2, 3.25, 1e-3f, 7})));
    put(dir, "f8-3", Npy.write(new TensorValue(Shape.of(3), new double[] {0.1, Double.NaN, -1e300})));
    put(dir, "scalar", Npy.write(new TensorValue(Shape.scalar(), new double[] {42})));
    byte[] be = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putDouble(1).putDouble(-1).array();
    put(dir, "f8-big-endian", npyV1("{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }", be));
    byte[] ints = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-7).putInt(9).array();
    put(dir, "i4", npyV1("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", ints));
    put(dir, "i8", npyV1("{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", Arrays.copyOf(ints, 8)));
    byte[] v1 = npyV1("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }", new byte[4]);
    byte[] v2 = ByteBuffer.allocate(v1.length + 2).order(ByteOrder.LITTLE_ENDIAN).put(v1, 0, 6)
        .put(new byte[] {2, 0}).putInt(v1.length - 10).put(v1, 10, v1.length - 10).array();
    put(dir, "v2-header", v2);
    put(dir, "invalid-fortran", npyV1("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 1), }", be));
    put(dir, "invalid-truncated", Arrays.copyOf(v1, v1.length - 2));
  }

  private static void json(Path dir, byte[] index) throws IOException {
    put(dir, "layerwise-json", index);
    put(dir, "values", "{\"a\": [1, -2.5e-3, true, false, null, \"NaN\"], \"b\": {\"c\": \"\\u00e9\\n\\\"\"}}"
        .getBytes(StandardCharsets.UTF_8));
    put(dir, "invalid-unterminated", "{\"a\": [1, 2".getBytes(StandardCharsets.UTF_8));
    put(dir, "invalid-deep", "[".repeat(600).getBytes(StandardCharsets.UTF_8));
    put(dir, "invalid-number", "[1e, --2, 99999999999999999999]".getBytes(StandardCharsets.UTF_8));
  }

  /** A small saved archive: Dense, batch norm, Dense, with the optimizer's slots. */
  private static Path archive(Optimizer optimizer) throws IOException {
    return archive(Sequential.of(Input.shape(3), Dense.units(2).withActivation(ActivationFn.RELU),
        BatchNormalization.create(), Dense.units(2)).withSeed(1), optimizer);
  }

  /** Every other kind of layer, so the fuzzer starts from each one's description. */
  private static Sequential cnn() {
    return Sequential.of(Input.shape(6, 6, 2), Conv2D.of(3, 3).withPadding(Padding.SAME)
            .withKernelRegularizer(Regularizer.l2(1e-3)), PReLU.perChannel(), MaxPooling2D.of(2), Dropout.rate(0.25),
        AveragePooling2D.of(1), Conv2D.of(4, 2).withStrides(1), GlobalAveragePooling2D.create(), Dense.units(2))
        .withSeed(2);
  }

  private static Sequential zoo() {
    return Sequential.of(Input.shape(12), Reshape.to(3, 4), Flatten.create(), Dense.units(8), LeakyReLU.alpha(0.2),
        ELU.create(), Maxout.of(4, 2), Activation.of(ActivationFn.TANH), Hardmax.create(), Dense.units(3),
        Softmax.create()).withSeed(3);
  }

  /** Two inputs, a shared layer, a merge and two outputs: the graph format's description to start from. */
  private static Model graph() {
    Dense encoder = Dense.units(2).withActivation(ActivationFn.TANH).withName("encoder");
    SymbolicTensor a = Input.shape(3).withName("a").tensor();
    SymbolicTensor b = Input.shape(3).withName("b").tensor();
    SymbolicTensor sum = Add.create().apply(encoder.apply(a), encoder.apply(b));
    return Model.of(List.of(a, b), List.of(Dense.units(2).withName("class").apply(sum), Dense.units(1)
        .withName("score").apply(Concatenate.create().apply(sum, b)))).withName("graph").withSeed(4);
  }

  private static Path archive(Model model, Optimizer optimizer) throws IOException {
    TrainingConfig training = model.outputNames().size() == 1 ? TrainingConfig.of(optimizer,
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY) : TrainingConfig.of(optimizer,
        Map.of(model.outputNames().get(0), Loss.sparseCategoricalCrossentropy().withFromLogits(true),
            model.outputNames().get(1), Loss.meanSquaredError())).withLossWeight(model.outputNames().get(1), 0.5);
    Map<String, TensorValue> weights = model.spec().initialWeights(1);
    Map<String, TensorValue> slots = new LinkedHashMap<>();
    for (String w : model.spec().trainableWeightNames()) {
      for (String slot : optimizer.slotNames()) {
        slots.put(w + "/" + slot, TensorValue.filled(weights.get(w).shape(), 0.5));
      }
    }
    Path file = Files.createTempFile("seed", ".layerwise");
    ModelArchive.write(new ArchiveContents(model, training, weights, slots, new TrainingState(3, 1),
        Map.of("backend", "seed")), file);
    return file;
  }

  private static Map<String, byte[]> entries(Path archive) throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        m.put(e.getName(), in.readAllBytes());
      }
    }
    return m;
  }

  private static byte[] unzipped(Map<String, byte[]> entries) {
    Map<String, byte[]> rest = new LinkedHashMap<>(entries);
    byte[] json = rest.remove("layerwise.json");
    return ModelArchiveFuzzTest.unzipped(json, rest);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, byte[]> withIndex(Map<String, byte[]> entries,
      java.util.function.Consumer<Map<String, Object>> edit) {
    Map<String, byte[]> m = new LinkedHashMap<>(entries);
    Map<String, Object> index = (Map<String, Object>) Json.parse(new String(m.get("layerwise.json"),
        StandardCharsets.UTF_8));
    edit.accept(index);
    m.put("layerwise.json", Json.write(index).getBytes(StandardCharsets.UTF_8));
    return m;
  }

  private static void archives(Path dir, Map<String, byte[]> adam) throws IOException {
    put(dir, "adam-zip", Files.readAllBytes(archive(Optimizer.adam(0.01))));
    put(dir, "adam-unzipped", unzipped(adam));
    put(dir, "sgd-unzipped", unzipped(entries(archive(Optimizer.sgd(0.1)))));
    put(dir, "cnn-unzipped", unzipped(entries(archive(cnn(), Optimizer.rmsprop(0.01)))));
    Map<String, byte[]> graph = entries(archive(graph(), Optimizer.adam(0.01)));
    put(dir, "graph-unzipped", unzipped(graph));
    put(dir, "invalid-graph-cycle", unzipped(withIndex(graph, i -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> encoder = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) i.get("model"))
          .get("nodes")).get(2);
      encoder.put("inbound", List.of("add"));
    })));
    put(dir, "zoo-unzipped", unzipped(entries(archive(zoo(), Optimizer.sgd(0.1).withMomentum(0.9)))));
    Map<String, byte[]> nan = new LinkedHashMap<>(adam);
    nan.put("weights/dense/bias.npy", Npy.write(new TensorValue(Shape.of(2), new double[] {Double.NaN, 1})));
    put(dir, "invalid-nan-weight", unzipped(nan));
    put(dir, "invalid-version-0", unzipped(withIndex(adam, i -> i.put("format_version", 0L))));
    Map<String, byte[]> noKernel = new LinkedHashMap<>(adam);
    noKernel.remove("weights/dense/kernel.npy");
    put(dir, "invalid-missing-entry", unzipped(noKernel));
  }
}
