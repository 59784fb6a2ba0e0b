package dev.layerwise.examples;

import static dev.layerwise.examples.SnippetAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Model;
import dev.layerwise.Predictions;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.TrainingState;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Concatenate;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.NdValue;
import dev.layerwise.tf.TfSavedModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The samples of {@code docs/serving.md} ({@link ServingSnippets}) run as the page says, on a small classifier of
 * generated 4×4 "images" (8 batches of 32 per epoch, so each test takes a few seconds), and the page's Python sample
 * reads an archive.
 */
class ServingSnippetsTest {
  private static final Shape IMAGE = Shape.of(4, 4);
  private static final int CLASSES = 3;
  private static final int TRAIN = 256;
  private static final int TEST = 64;
  private static final int STEPS_PER_EPOCH = TRAIN / 32;

  private static final float[] TRAIN_X = images(TRAIN, 1);
  private static final float[] TEST_X = images(TEST, 2);
  private static final Dataset TRAIN_SET = labelled(TRAIN_X);
  private static final Dataset TEST_SET = labelled(TEST_X);

  /** n images of N(0, 1) pixels. */
  private static float[] images(int n, long seed) {
    SeededRandom r = new SeededRandom(seed);
    float[] x = new float[n * IMAGE.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  /** Labelled by which of the first three rows has the largest sum: learnable, so accuracy moves. */
  private static Dataset labelled(float[] x) {
    int n = x.length / IMAGE.size();
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int row = 0; row < CLASSES; row++) {
        double sum = 0;
        for (int col = 0; col < 4; col++) {
          sum += x[i * 16 + row * 4 + col];
        }
        if (sum > best) {
          best = sum;
          y[i] = row;
        }
      }
    }
    return Dataset.withClassLabels(x, IMAGE, y);
  }

  private static Sequential model() {
    return Sequential.of(Input.of(IMAGE), Flatten.create(), Dense.units(16).withActivation(ActivationFn.RELU),
        BatchNormalization.create(), Dense.units(CLASSES)).withSeed(7);
  }

  private static CompiledModel compile(Backend backend) {
    return model().compile(backend, Optimizer.adam(1e-2), Loss.sparseCategoricalCrossentropy().withFromLogits(true),
        Metric.ACCURACY);
  }

  private static Set<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void aSavedModelLoadsOnAnotherBackendAndCarriesOnFromItsEpochs(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("fashion.layerwise");
    TrainingState resumed = ServingSnippets.saveLoadResume(model(), TRAIN_SET, file);
    assertEquals(new TrainingState(3 * STEPS_PER_EPOCH, 3), resumed, "2 saved epochs and 1 more");

    assertEquals(Set.of("fashion.layerwise"), fileNames(dir), "the atomic save leaves no temporary file");
    try (CompiledModel saved = CompiledModel.load(file, Backend.named("reference"))) {
      assertEquals(new TrainingState(2 * STEPS_PER_EPOCH, 2), saved.trainingState());
      assertEquals(model().spec().weightSpecs().keySet(), saved.weights().keySet());
      assertEquals(Optimizer.adam(1e-3), saved.config().optimizer());   // as the sample compiled it
      assertEquals(List.of(Metric.ACCURACY), saved.config().metrics());
      float[] logits = saved.predict(TEST_X);
      assertEquals(TEST * CLASSES, logits.length);
      for (float v : logits) {
        assertTrue(Float.isFinite(v), Arrays.toString(logits));
      }
    }
  }

  @Test
  void checkpointsKeepTheLastThreeEpochsAndTheBest(@TempDir Path dir) throws IOException {
    Backend reference = Backend.named("reference");
    try (CompiledModel m = compile(reference)) {
      ServingSnippets.checkpoints(m, TRAIN_SET, TEST_SET, dir);
      assertEquals(new TrainingState(10 * STEPS_PER_EPOCH, 10), m.trainingState());
    }
    assertEquals(Set.of("epoch-0008.layerwise", "epoch-0009.layerwise", "epoch-0010.layerwise", "best.layerwise"),
        fileNames(dir));
    Map<Integer, Double> accuracy = new TreeMap<>();
    for (int epoch = 8; epoch <= 10; epoch++) {
      try (CompiledModel m = CompiledModel.load(dir.resolve("epoch-00" + (epoch < 10 ? "0" : "") + epoch
          + ".layerwise"), reference)) {
        assertEquals(new TrainingState(epoch * STEPS_PER_EPOCH, epoch), m.trainingState());
        accuracy.put(epoch, m.evaluate(TEST_SET).metric(Metric.ACCURACY));
      }
    }
    try (CompiledModel best = CompiledModel.load(dir.resolve("best.layerwise"), reference)) {
      int epoch = best.trainingState().epochs();
      assertTrue(epoch >= 1 && epoch <= 10, "best after epoch " + epoch);
      double bestAccuracy = best.evaluate(TEST_SET).metric(Metric.ACCURACY);
      for (Map.Entry<Integer, Double> e : accuracy.entrySet()) {
        assertTrue(bestAccuracy >= e.getValue(), "best.layerwise (epoch " + epoch + ") has val_accuracy "
            + bestAccuracy + ", epoch " + e.getKey() + " " + e.getValue());
      }
      assertTrue(bestAccuracy > 1.0 / CLASSES + 0.1, "the model should learn: " + bestAccuracy);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void theExportServesTheModelsOwnPredictions(String name, @TempDir Path base) {
    try (CompiledModel m = compile(Backend.named(name))) {
      m.fit(TRAIN_SET, FitOptions.builder().epochs(2).quiet().build());
      float[] served = ServingSnippets.exportSavedModel(m, base, TEST_X, TEST);
      assertTrue(Files.isRegularFile(base.resolve("1/saved_model.pb")), "base/1/saved_model.pb");
      assertTrue(Files.isDirectory(base.resolve("1/variables")), "base/1/variables/");
      assertClose(m.predict(TEST_X), served, 1e-5, name + "-trained model served by TfSavedModel");
      try (TfSavedModel loaded = TfSavedModel.load(base.resolve("1"))) {
        assertEquals(Set.of("serving_default", "probabilities", "class_ids"), loaded.signatureKeys());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void aGraphExportServesEachOutputByNameFromNamedInputs(String name, @TempDir Path base) {
    SymbolicTensor image = Input.of(IMAGE).withName("image").tensor();
    SymbolicTensor meta = Input.shape(2).withName("meta").tensor();
    SymbolicTensor h = Concatenate.create().apply(Dense.units(8).withActivation(ActivationFn.RELU)
        .apply(Flatten.create().apply(image)), meta);
    Model model = Model.of(List.of(image, meta), List.of(Dense.units(CLASSES).withName("class").apply(h),
        Dense.units(1).withName("score").apply(h))).withSeed(3);
    float[] metaValues = Arrays.copyOf(images(TEST, 3), TEST * 2);
    Dataset test = Dataset.builder().features("image", TEST_X, IMAGE).features("meta", metaValues, Shape.of(2))
        .build();
    try (CompiledModel m = model.compile(Backend.named(name), TrainingConfig.of(Optimizer.adam(1e-2),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true)).withLoss("score", Loss.meanSquaredError()))) {
      Predictions expected = m.predictOutputs(test);
      float[][] served = ServingSnippets.exportGraphSavedModel(m, base, TEST_X, metaValues, TEST);
      assertClose(expected.get("class"), served[0], 1e-5, name + ": class");
      assertClose(expected.get("score"), served[1], 1e-5, name + ": score");
    }
  }

  @Test
  void thePythonSampleListsEveryWeightWithItsShape(@TempDir Path dir) throws Exception {
    assumePythonWithNumpy();
    Path archive = dir.resolve("model.layerwise");
    Map<String, String> expected = new LinkedHashMap<>();
    try (CompiledModel m = compile(Backend.named("tensorflow"))) {
      m.fit(TRAIN_SET, FitOptions.builder().epochs(1).quiet().build());
      m.save(archive);
      for (Map.Entry<String, NdValue> w : m.weights().entrySet()) {
        int[] dims = w.getValue().shape().dims();
        String shape = Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining(", ", "(",
            dims.length == 1 ? ",)" : ")"));
        expected.put(w.getKey(), shape + " float32");   // trained on TensorFlow: <f4
      }
    }
    assertEquals(Set.of("dense/kernel", "dense/bias", "batch_normalization/gamma", "batch_normalization/beta",
        "batch_normalization/moving_mean", "batch_normalization/moving_variance", "dense_1/kernel", "dense_1/bias"),
        expected.keySet());
    Path script = dir.resolve("read_weights.py");
    Files.write(script, GuidePages.block("serving.md", "python-read-weights").lines());
    Process p = new ProcessBuilder("python3", script.toString(), archive.toString()).redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
    assertEquals(0, p.exitValue(), "python3 failed:\n" + out);
    Map<String, String> printed = new LinkedHashMap<>();
    for (String line : out.strip().split("\n")) {
      int space = line.indexOf(' ');
      assertTrue(space > 0, "unexpected output line: " + line);
      printed.put(line.substring(0, space), line.substring(space + 1).strip());
    }
    assertEquals(expected, printed, "what the page's Python prints");
    assertEquals("(16, 16) float32", printed.get("dense/kernel"));
  }

  /** Skips, saying why, unless {@code python3} runs and has NumPy. */
  private static void assumePythonWithNumpy() throws InterruptedException {
    String why;
    try {
      Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean done = p.waitFor(60, TimeUnit.SECONDS);
      why = done && p.exitValue() == 0 ? null : "python3 cannot import numpy (install python3-numpy): " + out.strip();
    } catch (IOException e) {
      why = "no python3 on the PATH (install python3 and python3-numpy): " + e.getMessage();
    }
    Assumptions.assumeTrue(why == null, why);
  }
}
