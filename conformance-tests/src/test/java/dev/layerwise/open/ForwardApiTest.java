package dev.layerwise.open;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.FitOptions;
import dev.layerwise.ForwardOptions;
import dev.layerwise.ForwardResult;
import dev.layerwise.Model;
import dev.layerwise.NdValue;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Concatenate;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code CompiledModel.forward}: both modes, any layer's output from the same compiled model, fixed dropout masks;
 * checked against a sub-model ({@code Model.of(model.inputs(), model.output(layer))}) compiled on its own with a copy
 * of the weights, and against the layers' equations worked out from the weights.
 */
class ForwardApiTest {
  private static final int N = 6;
  private static final double EPSILON = 1e-3; // BatchNormalization's default
  private static final double FLOAT32 = 1e-5;

  private static Sequential model() {
    return Sequential.of(Input.shape(4), Dense.units(5).withActivation(ActivationFn.RELU).withName("hidden"),
        BatchNormalization.create().withName("bn"), Dropout.rate(0.5).withName("drop"),
        Dense.units(3).withName("logits")).withSeed(3);
  }

  private static Dataset data() {
    SplittableRandom r = new SplittableRandom(17);
    float[] x = new float[N * 4];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble(-2, 2);
    }
    float[] y = new float[N * 3];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) r.nextDouble(-1, 1);
    }
    return Dataset.of(x, Shape.of(4), y, Shape.of(3));
  }

  private static CompiledModel trained(String backend) {
    CompiledModel m = model().compile(Backend.named(backend), Optimizer.sgd(0.1), Loss.meanSquaredError());
    m.fit(data(), FitOptions.builder().epochs(3).batchSize(3).quiet().build()); // moves the moving statistics
    return m;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void layerOutputsInInferenceEqualASubModelsWithCopiedWeights(String backend) {
    try (CompiledModel m = trained(backend)) {
      ForwardResult r = m.forward(data(), ForwardOptions.inference().withLayerOutputs("hidden", "bn", "drop"));
      assertEquals(List.of("hidden", "bn", "drop"), List.copyOf(r.layerOutputs().keySet()));
      assertEquals(Shape.of(N, 5), r.layerOutput("bn").shape());
      assertEquals(m.dtype(), r.layerOutput("bn").dtype(), "float32, or float64 on the reference backend");
      assertEquals(r.layerOutput("bn"), r.layerOutput("drop"), "inference-mode dropout passes its input");
      assertArrayEquals(m.predict(data()), r.output().toFloatArray(), "the outputs are predict's");
      assertClose(reluDense(data(), m.weight("hidden/kernel"), m.weight("hidden/bias")), r.layerOutput("hidden"),
          "hidden: relu(x·W + b), after the activation");

      Model upToBn = Model.of(m.model().inputs(), List.of(m.model().output("bn")));
      try (CompiledModel sub = upToBn.compile(Backend.named(backend))) {
        assertEquals(List.of("hidden/kernel", "hidden/bias", "bn/gamma", "bn/beta", "bn/moving_mean",
            "bn/moving_variance"), m.copyWeightsTo(sub));
        assertClose(r.layerOutput("bn"), sub.forward(data(), false).output(), "the sub-model's output");
        assertClose(r.layerOutput("bn"), sub.forward(data(), ForwardOptions.inference()).output(), "again");
        sub.setWeight("bn/beta", NdValue.filled(Shape.of(5), DType.FLOAT32, 7));
        assertTrue(m.weight("bn/beta").maxAbsDifference(sub.weight("bn/beta")) > 1, "the sub-model has a copy");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void trainingModeUsesTheBatchsStatisticsAndTheGivenMaskAndChangesNothing(String backend) {
    NdValue mask = NdValue.fromArray(new float[][] {{1, 0, 1, 1, 0}, {0, 1, 1, 0, 1}, {1, 1, 1, 1, 1},
        {0, 0, 1, 1, 0}, {1, 0, 0, 1, 1}, {0, 1, 0, 1, 0}});
    try (CompiledModel m = trained(backend)) {
      Map<String, NdValue> before = m.weights();
      ForwardResult t = m.forward(data(), ForwardOptions.training().withDropoutMasks(Map.of("drop", mask))
          .withLayerOutputs("hidden", "bn", "drop"));
      assertEquals(mask.withDType(m.dtype()), t.dropoutMasks().get("drop"));
      assertEquals(before, m.weights(), "a training-mode pass moves no statistic");

      NdValue h = t.layerOutput("hidden");
      double[][] bn = new double[N][5];
      for (int c = 0; c < 5; c++) {
        double mean = 0;
        for (int i = 0; i < N; i++) {
          mean += h.getDouble(i, c) / N;
        }
        double variance = 0;
        for (int i = 0; i < N; i++) {
          variance += (h.getDouble(i, c) - mean) * (h.getDouble(i, c) - mean) / N;
        }
        for (int i = 0; i < N; i++) {
          bn[i][c] = m.weight("bn/gamma").getDouble(c) * (h.getDouble(i, c) - mean) / Math.sqrt(variance + EPSILON)
              + m.weight("bn/beta").getDouble(c);
        }
      }
      assertClose(NdValue.fromArray(bn), t.layerOutput("bn"), "bn: the batch's own mean and biased variance");
      double[][] dropped = new double[N][5];
      for (int i = 0; i < N; i++) {
        for (int c = 0; c < 5; c++) {
          dropped[i][c] = bn[i][c] * mask.getDouble(i, c) / (1 - 0.5);
        }
      }
      assertClose(NdValue.fromArray(dropped), t.layerOutput("drop"), "drop: masked and scaled by 1/(1 − rate)");

      Model upToBn = Model.of(m.model().inputs(), List.of(m.model().output("bn")));
      try (CompiledModel sub = upToBn.compile(Backend.named(backend))) {
        m.copyWeightsTo(sub);
        assertClose(t.layerOutput("bn"), sub.forward(data(), true).output(), "the sub-model in training mode");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void aSharedLayersApplicationsAreOutputsOfTheirOwn(String backend) {
    SymbolicTensor left = Input.shape(2).withName("left").tensor();
    SymbolicTensor right = Input.shape(2).withName("right").tensor();
    Dense encoder = Dense.units(2).withActivation(ActivationFn.TANH).withName("enc");
    Model model = Model.of(List.of(left, right), List.of(Dense.units(1).withName("out").apply(
        Concatenate.create().apply(encoder.apply(left), encoder.apply(right))))).withSeed(8);
    Dataset data = Dataset.builder().features("left", new float[] {1, 2, 3, 4}, Shape.of(2))
        .features("right", new float[] {-1, 0.5f, 2, -2}, Shape.of(2)).build();
    try (CompiledModel m = model.compile(Backend.named(backend))) {
      ForwardResult r = m.forward(data, ForwardOptions.inference().withLayerOutputs("enc", "enc/call_1"));
      NdValue expectedRight = tanhEncoder(NdValue.of(Shape.of(2, 2), -1f, 0.5f, 2, -2), m);
      assertClose(tanhEncoder(NdValue.of(Shape.of(2, 2), 1f, 2, 3, 4), m), r.layerOutput("enc"), "enc on left");
      assertClose(expectedRight, r.layerOutput("enc/call_1"), "enc on right");
      Model rightOnly = Model.of(List.of(m.model().inputs().get(1)), List.of(m.model().output("enc/call_1")));
      try (CompiledModel sub = rightOnly.compile(Backend.named(backend))) {
        assertEquals(List.of("enc/kernel", "enc/bias"), m.copyWeightsTo(sub));
        assertClose(expectedRight, sub.forward(NdValue.of(Shape.of(2, 2), -1f, 0.5f, 2, -2), false).output(),
            "the right tower alone");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void unknownLayersAndMisplacedMasksAreRefusedNamingTheKnownOnes(String backend) {
    try (CompiledModel m = model().compile(Backend.named(backend))) {
      IllegalArgumentException layer = assertThrows(IllegalArgumentException.class,
          () -> m.forward(data(), ForwardOptions.inference().withLayerOutputs("hidden", "dense")));
      assertEquals("forward: model 'sequential' has no layer 'dense'; its layers are [input_layer, hidden, bn, drop,"
          + " logits]", layer.getMessage());
      IllegalArgumentException output = assertThrows(IllegalArgumentException.class,
          () -> m.model().output("dense"));
      assertEquals("model 'sequential' has no layer 'dense'; its layers are [input_layer, hidden, bn, drop, logits]",
          output.getMessage());
      IllegalArgumentException inference = assertThrows(IllegalArgumentException.class,
          () -> ForwardOptions.inference().withDropoutMasks(Map.of("drop", NdValue.zeros(Shape.of(N, 5),
              DType.FLOAT32))));
      assertTrue(inference.getMessage().contains("dropout only drops in training mode"), inference.getMessage());
    }
  }

  /** relu(x·W + b) for a Dense layer's weights. */
  private static NdValue reluDense(Dataset data, NdValue w, NdValue b) {
    double[][] out = new double[data.size()][w.shape().dim(1)];
    for (int i = 0; i < out.length; i++) {
      for (int j = 0; j < out[i].length; j++) {
        double z = b.getDouble(j);
        for (int k = 0; k < w.shape().dim(0); k++) {
          z += data.feature(i, k) * w.getDouble(k, j);
        }
        out[i][j] = Math.max(0, z);
      }
    }
    return NdValue.fromArray(out);
  }

  /** tanh(x·W + b) with the encoder's weights. */
  private static NdValue tanhEncoder(NdValue x, CompiledModel m) {
    NdValue w = m.weight("enc/kernel");
    NdValue b = m.weight("enc/bias");
    double[][] out = new double[x.shape().dim(0)][2];
    for (int i = 0; i < out.length; i++) {
      for (int j = 0; j < 2; j++) {
        double z = b.getDouble(j);
        for (int k = 0; k < 2; k++) {
          z += x.getDouble(i, k) * w.getDouble(k, j);
        }
        out[i][j] = Math.tanh(z);
      }
    }
    return NdValue.fromArray(out);
  }

  private static void assertClose(NdValue expected, NdValue got, String what) {
    assertEquals(expected.shape(), got.shape(), what + ": shape");
    assertTrue(got.allClose(expected, FLOAT32, FLOAT32), what + ": expected " + expected + ", got " + got);
  }
}
