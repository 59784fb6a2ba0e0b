package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.SavedModelExport;
import dev.layerwise.SavedModelExport.ClassHead;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * The exported signatures as TF Serving sees them (read back with TF Java's own loader, not with
 * {@link TfSavedModel}), and the values of the class signatures against softmax, sigmoid, argmax and threshold
 * computed here from the in-memory model's outputs.
 */
class TfSavedModelSignaturesTest {
  /** Probabilities: TF's float32 softmax/sigmoid against the double formula on the same float32 output. */
  private static final double PROBABILITY_TOLERANCE = 1e-6;
  private static final int N = 48;
  private static final int CLASSES = 4;
  private static final Shape SAMPLE = Shape.of(2, 3);

  @TempDir Path dir;

  /** A float32 feature matrix of N samples of shape [2, 3], seeded. */
  private static float[] features(long seed) {
    SeededRandom r = new SeededRandom(seed);
    float[] x = new float[N * SAMPLE.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  private static Dataset classes(float[] x) {
    int[] labels = new int[N];
    for (int i = 0; i < N; i++) {
      labels[i] = Math.floorMod((int) Math.floor(3 * x[i * SAMPLE.size()]), CLASSES);
    }
    return Dataset.withClassLabels(x, SAMPLE, labels);
  }

  private static Dataset binary(float[] x, int units) {
    float[] y = new float[N * units];
    for (int i = 0; i < N; i++) {
      for (int u = 0; u < units; u++) {
        y[i * units + u] = x[i * SAMPLE.size() + u] + x[i * SAMPLE.size() + u + 1] > 0 ? 1 : 0;
      }
    }
    return Dataset.of(x, SAMPLE, y, Shape.of(units));
  }

  private static Sequential mlp(Dense last) {
    return Sequential.of(Input.shape(2, 3), Flatten.create(), Dense.units(8).withActivation(ActivationFn.TANH), last)
        .withSeed(3);
  }

  /** Compiles, trains briefly (so the weights are not the initial ones), exports with class signatures. */
  private Path exportClassifier(CompiledModel m, Dataset data, String name) {
    m.fit(data, FitOptions.builder().epochs(3).batchSize(16).quiet().build());
    return m.exportSavedModel(SavedModelExport.to(dir.resolve(name)).withClassSignatures(true));
  }

  // ---------------------------------------------------------------- the signature defs, read by TF's loader

  private record Expected(String output, DataType dtype, long... dims) {}

  /** Every signature, its method, input and outputs, and the tag, as read by {@link SavedModelBundle#load}. */
  private static void assertSignatures(Path exported, Map<String, Expected> expected) {
    try (SavedModelBundle bundle = SavedModelBundle.load(exported.toString(), "serve")) {
      assertEquals(List.of("serve"), bundle.metaGraphDef().getMetaInfoDef().getTagsList(), "tags");
      Map<String, Signature> byKey = bundle.signatures().stream()
          .collect(Collectors.toMap(Signature::key, s -> s, (a, b) -> a, TreeMap::new));
      assertEquals(expected.keySet(), byKey.keySet(), "signature keys");
      Map<String, SignatureDef> defs = bundle.metaGraphDef().getSignatureDefMap();
      for (var e : expected.entrySet()) {
        String key = e.getKey();
        Expected want = e.getValue();
        Signature sig = byKey.get(key);
        SignatureDef def = defs.get(key);
        assertEquals("tensorflow/serving/predict", sig.methodName(), key + ": method");
        assertEquals("tensorflow/serving/predict", def.getMethodName(), key + ": method in the SignatureDef");
        assertEquals(Set.of("x"), sig.inputNames(), key + ": inputs");
        Signature.TensorDescription x = sig.getInputs().get("x");
        assertEquals(DataType.DT_FLOAT, x.dataType, key + ": input dtype");
        assertArrayEquals(new long[] {-1, 2, 3}, x.shape.asArray(), key + ": input shape");
        assertArrayEquals(new long[] {-1, 2, 3}, dims(def.getInputsMap().get("x")), key + ": input TensorInfo");
        assertEquals(Set.of(want.output()), sig.outputNames(), key + ": outputs");
        Signature.TensorDescription out = sig.getOutputs().get(want.output());
        assertEquals(want.dtype(), out.dataType, key + ": output dtype");
        assertArrayEquals(want.dims(), out.shape.asArray(), key + ": output shape");
        TensorInfo info = def.getOutputsMap().get(want.output());
        assertEquals(want.dtype(), info.getDtype(), key + ": output TensorInfo dtype");
        assertArrayEquals(want.dims(), dims(info), key + ": output TensorInfo shape");
      }
    }
  }

  private static long[] dims(TensorInfo info) {
    assertFalse(info.getTensorShape().getUnknownRank(), "rank must be known");
    return info.getTensorShape().getDimList().stream().mapToLong(d -> d.getSize()).toArray();
  }

  @Test
  void withoutClassSignaturesOnlyServingDefaultIsExported() {
    try (CompiledModel m = mlp(Dense.units(CLASSES)).compile(Backend.named("tensorflow"), Optimizer.sgd(0.1),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      Path exported = m.exportSavedModel(SavedModelExport.to(dir));
      assertSignatures(exported, Map.of("serving_default", new Expected("logits", DataType.DT_FLOAT, -1, CLASSES)));
    }
  }

  @Test
  void softmaxLogitsClassifierExportsThreeSignatures() {
    try (CompiledModel m = mlp(Dense.units(CLASSES)).compile(Backend.named("tensorflow"), Optimizer.sgd(0.1),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      Path exported = m.exportSavedModel(SavedModelExport.to(dir).withClassSignatures(true));
      assertSignatures(exported, Map.of(
          "serving_default", new Expected("logits", DataType.DT_FLOAT, -1, CLASSES),
          "probabilities", new Expected("probabilities", DataType.DT_FLOAT, -1, CLASSES),
          "class_ids", new Expected("class_ids", DataType.DT_INT64, -1)));
    }
  }

  @Test
  void softmaxOutputClassifierExportsThreeSignatures() {
    try (CompiledModel m = mlp(Dense.units(CLASSES).withActivation(ActivationFn.SOFTMAX)).compile(
        Backend.named("tensorflow"), Optimizer.sgd(0.1), Loss.sparseCategoricalCrossentropy())) {
      Path exported = m.exportSavedModel(SavedModelExport.to(dir).withClassSignatures(true));
      assertSignatures(exported, Map.of(
          "serving_default", new Expected("probabilities", DataType.DT_FLOAT, -1, CLASSES),
          "probabilities", new Expected("probabilities", DataType.DT_FLOAT, -1, CLASSES),
          "class_ids", new Expected("class_ids", DataType.DT_INT64, -1)));
    }
  }

  @Test
  void aKlDivergenceModelIsASoftmaxClassifier() {
    // kl_divergence only compiles with softmax last, so its output is the probabilities
    try (CompiledModel m = mlp(Dense.units(CLASSES).withActivation(ActivationFn.SOFTMAX)).compile(
        Backend.named("tensorflow"), Optimizer.sgd(0.1), Loss.klDivergence())) {
      Path exported = m.exportSavedModel(SavedModelExport.to(dir).withClassSignatures(true));
      assertSignatures(exported, Map.of(
          "serving_default", new Expected("probabilities", DataType.DT_FLOAT, -1, CLASSES),
          "probabilities", new Expected("probabilities", DataType.DT_FLOAT, -1, CLASSES),
          "class_ids", new Expected("class_ids", DataType.DT_INT64, -1)));
    }
  }

  @Test
  void binaryClassifierHasOneClassIdPerOutputUnit() {
    try (CompiledModel m = mlp(Dense.units(1)).compile(Backend.named("tensorflow"), Optimizer.sgd(0.1),
        Loss.binaryCrossentropy().withFromLogits(true))) {
      Path exported = m.exportSavedModel(SavedModelExport.to(dir).withClassSignatures(true).withVersion(5));
      assertEquals(dir.resolve("5"), exported);
      assertSignatures(exported, Map.of(
          "serving_default", new Expected("logits", DataType.DT_FLOAT, -1, 1),
          "probabilities", new Expected("probabilities", DataType.DT_FLOAT, -1, 1),
          "class_ids", new Expected("class_ids", DataType.DT_INT64, -1, 1)));
    }
  }

  // ---------------------------------------------------------------- the values

  @Test
  void softmaxOfLogitsAndArgmax() {
    float[] x = features(11);
    Dataset data = classes(x);
    try (CompiledModel m = mlp(Dense.units(CLASSES)).compile(Backend.named("tensorflow"), Optimizer.adam(0.01),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      Path exported = exportClassifier(m, data, "softmax-logits");
      float[] logits = m.predict(data);
      double[] expected = softmaxRows(logits, CLASSES);
      assertServes(exported, x, logits, expected, argmaxRows(logits, CLASSES));
    }
  }

  @Test
  void outputAlreadySoftmaxIsTheProbabilities() {
    float[] x = features(12);
    Dataset data = classes(x);
    try (CompiledModel m = mlp(Dense.units(CLASSES).withActivation(ActivationFn.SOFTMAX)).compile(
        Backend.named("tensorflow"), Optimizer.adam(0.01), Loss.sparseCategoricalCrossentropy())) {
      Path exported = exportClassifier(m, data, "softmax-output");
      float[] p = m.predict(data);
      double[] expected = new double[p.length];
      for (int i = 0; i < p.length; i++) {
        expected[i] = p[i];
      }
      assertServes(exported, x, p, expected, argmaxRows(p, CLASSES));
    }
  }

  @Test
  void sigmoidOfLogitsAndThreshold() {
    float[] x = features(13);
    Dataset data = binary(x, 1);
    try (CompiledModel m = mlp(Dense.units(1)).compile(Backend.named("tensorflow"), Optimizer.adam(0.01),
        Loss.binaryCrossentropy().withFromLogits(true))) {
      Path exported = exportClassifier(m, data, "sigmoid-logits");
      float[] logits = m.predict(data);
      double[] expected = new double[logits.length];
      long[] ids = new long[logits.length];
      for (int i = 0; i < logits.length; i++) {
        expected[i] = 1 / (1 + Math.exp(-logits[i]));
        ids[i] = expected[i] > 0.5 ? 1 : 0;
      }
      long ones = Arrays.stream(ids).sum();
      assertTrue(ones > 0 && ones < N, "the data should give both classes, got " + ones + " ones of " + N);
      assertServes(exported, x, logits, expected, ids);
    }
  }

  @Test
  void outputAlreadySigmoidMultiLabel() {
    float[] x = features(14);
    Dataset data = binary(x, 3);
    try (CompiledModel m = mlp(Dense.units(3).withActivation(ActivationFn.SIGMOID)).compile(
        Backend.named("tensorflow"), Optimizer.adam(0.01), Loss.binaryCrossentropy())) {
      Path exported = exportClassifier(m, data, "sigmoid-output");
      assertSignatures(exported, Map.of(
          "serving_default", new Expected("probabilities", DataType.DT_FLOAT, -1, 3),
          "probabilities", new Expected("probabilities", DataType.DT_FLOAT, -1, 3),
          "class_ids", new Expected("class_ids", DataType.DT_INT64, -1, 3)));
      float[] p = m.predict(data);
      double[] expected = new double[p.length];
      long[] ids = new long[p.length];
      for (int i = 0; i < p.length; i++) {
        expected[i] = p[i];
        ids[i] = p[i] > 0.5f ? 1 : 0;
      }
      assertServes(exported, x, p, expected, ids);
    }
  }

  /** serving_default reproduces the model; probabilities and class ids match the values computed here. */
  private static void assertServes(Path exported, float[] x, float[] output, double[] probabilities,
      long[] classIds) {
    try (TfSavedModel served = TfSavedModel.load(exported)) {
      assertEquals(Set.of("serving_default", "probabilities", "class_ids"), served.signatureKeys());
      float[] out = served.predict(x, N);
      assertEquals(output.length, out.length, "serving_default length");
      for (int i = 0; i < out.length; i++) {
        assertEquals(output[i], out[i], 1e-6 * Math.max(1, Math.abs(output[i])), "serving_default[" + i + "]");
      }
      float[] p = served.predictProbabilities(x, N);
      assertEquals(probabilities.length, p.length, "probabilities length");
      for (int i = 0; i < p.length; i++) {
        assertEquals(probabilities[i], p[i], PROBABILITY_TOLERANCE, "probabilities[" + i + "]");
      }
      assertArrayEquals(p, served.predict("probabilities", "probabilities", x, N), "the generic call");
      long[] ids = served.predictClassIds(x, N);
      assertArrayEquals(classIds, ids, "class ids");
      assertArrayEquals(ids, served.predictInt64("class_ids", "class_ids", x, N), "the generic call");
    }
  }

  private static double[] softmaxRows(float[] z, int c) {
    double[] p = new double[z.length];
    for (int r = 0; r < z.length / c; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < c; j++) {
        max = Math.max(max, z[r * c + j]);
      }
      double sum = 0;
      for (int j = 0; j < c; j++) {
        p[r * c + j] = Math.exp(z[r * c + j] - max);
        sum += p[r * c + j];
      }
      for (int j = 0; j < c; j++) {
        p[r * c + j] /= sum;
      }
    }
    return p;
  }

  /** The first index of the largest value in each row (TF's ArgMax breaks ties the same way). */
  private static long[] argmaxRows(float[] z, int c) {
    long[] ids = new long[z.length / c];
    for (int r = 0; r < ids.length; r++) {
      int best = 0;
      for (int j = 1; j < c; j++) {
        if (z[r * c + j] > z[r * c + best]) {
          best = j;
        }
      }
      ids[r] = best;
    }
    return ids;
  }

  // ---------------------------------------------------------------- refusals

  @Test
  void classSignaturesOfARegressionModelAreRefused() throws Exception {
    try (CompiledModel m = mlp(Dense.units(2)).compile(Backend.named("tensorflow"), Optimizer.sgd(0.1),
        Loss.meanSquaredError())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> m.exportSavedModel(SavedModelExport.to(dir).withClassSignatures(true)));
      assertTrue(e.getMessage().contains("classifier") && e.getMessage().contains("mean_squared_error"),
          e.getMessage());
      try (var listing = Files.list(dir)) {
        assertEquals(0, listing.count(), "nothing is written");
      }
    }
  }

  @Test
  void classSignaturesOfAHingeModelAreRefused() throws Exception {
    // categorical_hinge scores are margins: a softmax of them would not be the model's probabilities
    try (CompiledModel m = mlp(Dense.units(CLASSES)).compile(Backend.named("tensorflow"), Optimizer.sgd(0.1),
        Loss.categoricalHinge())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> m.exportSavedModel(SavedModelExport.to(dir).withClassSignatures(true)));
      assertEquals("class signatures need a classifier whose output gives probabilities (a cross-entropy or"
          + " kl_divergence loss); 'sequential' is trained with categorical_hinge", e.getMessage());
      try (var listing = Files.list(dir)) {
        assertEquals(0, listing.count(), "nothing is written");
      }
      // without them the scores export as they are
      assertSignatures(m.exportSavedModel(SavedModelExport.to(dir)),
          Map.of("serving_default", new Expected("output", DataType.DT_FLOAT, -1, CLASSES)));
    }
  }

  @Test
  void aSoftmaxHeadNeedsTwoClasses() throws Exception {
    try (CompiledModel m = mlp(Dense.units(1)).compile(Backend.named("tensorflow"), Optimizer.sgd(0.1),
        Loss.binaryCrossentropy().withFromLogits(true))) {
      SavedModelExport options = SavedModelExport.to(dir).withOutputName("logits")
          .withClassHead(ClassHead.SOFTMAX_OF_OUTPUT);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new TfBackend().savedModelExporter().export(m.spec(), m.backendModel().weights(), options));
      assertTrue(e.getMessage().contains("at least 2 classes"), e.getMessage());
      try (var listing = Files.list(dir)) {
        assertEquals(0, listing.count(), "nothing is written");
      }
    }
  }
}
