package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.Model;
import dev.layerwise.Predictions;
import dev.layerwise.SavedModelExport;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Add;
import dev.layerwise.layers.Concatenate;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;
import org.tensorflow.Signature;
import org.tensorflow.proto.DataType;

/**
 * The SavedModel of a model with several inputs and outputs: {@code serving_default} takes one input per model input
 * and returns one output per model output, each under its name, and {@link TfSavedModel} calls it with named arrays.
 */
class TfGraphSavedModelTest {
  private static final int N = 5;

  /**
   * image [2, 2] and meta [3]; the encoder Dense(3, tanh) shared by the flattened image and meta; class = Dense(3) of
   * both encodings concatenated, score = Dense(1) of their sum.
   */
  private static Model twoByTwo() {
    Dense encoder = Dense.units(3).withActivation(ActivationFn.TANH).withName("encoder");
    SymbolicTensor image = Input.shape(2, 2).withName("image").tensor();
    SymbolicTensor meta = Input.shape(3).withName("meta").tensor();
    SymbolicTensor a = encoder.apply(Dense.units(3).apply(Flatten.create().apply(image)));
    SymbolicTensor b = encoder.apply(meta);
    return Model.of(List.of(image, meta), List.of(Dense.units(3).withName("class").apply(Concatenate.create()
        .apply(a, b)), Dense.units(1).withName("score").apply(Add.create().apply(a, b)))).withName("two").withSeed(3);
  }

  private static float[] ramp(int n, double phase) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) Math.sin(0.7 * i + phase);
    }
    return x;
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-6, what + " [" + i + "]");
    }
  }

  private static IllegalArgumentException refused(Executable call, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
    return e;
  }

  @Test
  void twoInputsAndTwoOutputsAreNamedInTheSignatureAndPredictAsInMemory(@TempDir Path dir) {
    float[] image = ramp(N * 4, 0);
    float[] meta = ramp(N * 3, 1);
    TrainingConfig config = TrainingConfig.of(Optimizer.sgd(0.1), Map.of("class",
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), "score", Loss.meanSquaredError()));
    try (CompiledModel m = twoByTwo().compile(TfHarness.tf(), config)) {
      Predictions expected = m.predictOutputs(Dataset.builder().features("image", image, Shape.of(2, 2))
          .features("meta", meta, Shape.of(3)).build());
      Path exported = m.exportSavedModel(dir);
      try (TfSavedModel served = TfSavedModel.load(exported)) {
        Signature sig = served.signature();
        assertEquals(Set.of("image", "meta"), sig.inputNames());
        assertEquals(Set.of("class", "score"), sig.outputNames());
        assertArrayEquals(new long[] {-1, 2, 2}, sig.getInputs().get("image").shape.asArray());
        assertArrayEquals(new long[] {-1, 3}, sig.getInputs().get("meta").shape.asArray());
        assertArrayEquals(new long[] {-1, 3}, served.outputShape("serving_default", "class"));
        assertArrayEquals(new long[] {-1, 1}, served.outputShape("serving_default", "score"));
        assertEquals(DataType.DT_FLOAT, sig.getOutputs().get("score").dataType);
        assertEquals(4, served.featureSize("serving_default", "image"));
        assertEquals(List.of("image", "meta"), List.copyOf(served.inputNames("serving_default")));

        Predictions got = served.predict(Map.of("image", image, "meta", meta), N);
        assertEquals(List.of("class", "score"), got.names());
        assertEquals(Shape.of(3), got.shape("class"));
        assertEquals(Shape.of(1), got.shape("score"));
        assertClose(expected.get("class"), got.get("class"), "class");
        assertClose(expected.get("score"), got.get("score"), "score");
      }
    }
  }

  @Test
  void wrongNamesOrLengthsAreRefusedListingWhatTheSignatureTakes(@TempDir Path dir) {
    float[] image = ramp(N * 4, 0);
    float[] meta = ramp(N * 3, 1);
    try (CompiledModel m = twoByTwo().compile(TfHarness.tf(), Optimizer.sgd(0.1), Loss.meanSquaredError());
        TfSavedModel served = TfSavedModel.load(m.exportSavedModel(dir))) {
      refused(() -> served.predict(Map.of("image", image, "metadata", meta), N), "signature 'serving_default' takes"
          + " the inputs [image, meta], got [image, metadata]: missing [meta], not among its inputs [metadata]");
      refused(() -> served.predict(Map.of("image", image), N), "missing [meta], not among its inputs []");
      Map<String, float[]> withNull = new HashMap<>(Map.of("image", image, "meta", meta));
      withNull.put(null, meta);
      refused(() -> served.predict(withNull, N), "got [image, meta, null]");
      refused(() -> served.predict(Map.of("image", image, "meta", new float[7]), N), "needs 15 floats for 5 samples of"
          + " 3 values in input 'meta' (shape [-1, 3]), got 7");
      refused(() -> served.predict(Map.of("image", image, "meta", meta), 0), "count must be positive");
      refused(() -> served.predict(image, N), "signature 'serving_default' has inputs [image, meta], not one; give one"
          + " array per input by name");
      refused(() -> served.featureSize("serving_default", "pixels"), "no input 'pixels'; it has [image, meta]");
      refused(() -> served.predict("serving", Map.of("image", image, "meta", meta), N), "no signature 'serving'");
      // the model still serves after all that
      assertEquals(N * 3, served.predict(Map.of("image", image, "meta", meta), N).get("class").length);
    }
  }

  @Test
  void oneInputKeepsXAndAnOutputOfASharedLayersSecondApplicationKeepsItsName(@TempDir Path dir) {
    Dense shared = Dense.units(2).withActivation(ActivationFn.TANH).withName("enc");
    SymbolicTensor x = Input.shape(2).tensor();
    SymbolicTensor once = shared.apply(x);
    Model model = Model.of(List.of(x), List.of(once, shared.apply(once))).withSeed(2);
    float[] in = ramp(N * 2, 0.5);
    try (CompiledModel m = model.compile(TfHarness.tf(), Optimizer.sgd(0.1), Loss.meanSquaredError());
        TfSavedModel served = TfSavedModel.load(m.exportSavedModel(SavedModelExport.to(dir)))) {
      assertEquals(Set.of("x"), served.signature().inputNames());
      assertEquals(Set.of("enc", "enc/call_1"), served.signature().outputNames());
      Predictions expected = m.predictOutputs(Dataset.featuresOnly(in, Shape.of(2)));
      Predictions got = served.predict(Map.of("x", in), N);
      assertClose(expected.get("enc"), got.get("enc"), "enc");
      assertClose(expected.get("enc/call_1"), got.get("enc/call_1"), "enc/call_1");
      refused(() -> served.predict(in, N), "has outputs [enc, enc/call_1]; name the one to read");
      assertClose(expected.get("enc/call_1"), served.predict("serving_default", "enc/call_1", in, N), "by name");
    }
  }

  @Test
  void layersNamedLikeTheSignaturesOpsDoNotClashWithThem(@TempDir Path dir) {
    SymbolicTensor x = Input.shape(2).withName("x").tensor();
    SymbolicTensor b = Input.shape(2).withName("b").tensor();
    SymbolicTensor output = Dense.units(2).withName("output").apply(Add.create().withName("x_1").apply(x, b));
    Model model = Model.of(List.of(x, b), List.of(output, Dense.units(1).withName("class").apply(output)))
        .withSeed(6);
    float[] xs = ramp(N * 2, 0.1);
    float[] bs = ramp(N * 2, 0.9);
    try (CompiledModel m = model.compile(TfHarness.tf(), Optimizer.sgd(0.1), Loss.meanSquaredError());
        TfSavedModel served = TfSavedModel.load(m.exportSavedModel(dir))) {
      Predictions expected = m.predictOutputs(Dataset.builder().features("x", xs, Shape.of(2)).features("b", bs,
          Shape.of(2)).build());
      Predictions got = served.predict(Map.of("x", xs, "b", bs), N);
      assertEquals(List.of("class", "output"), got.names());
      assertClose(expected.get("output"), got.get("output"), "output");
      assertClose(expected.get("class"), got.get("class"), "class");
    }
  }
}
