package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.FitOptions;
import dev.layerwise.ForwardOptions;
import dev.layerwise.ForwardResult;
import dev.layerwise.LossGradients;
import dev.layerwise.NdValue;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The samples of {@code docs/open-models.md} ({@link OpenModelSnippets}) run on both backends as the page says. */
class OpenModelSnippetsTest {
  private static final Dataset FOUR = Dataset.of(new float[] {1, 2, -1, 0.5f, 0.25f, -2, 3, 1}, Shape.of(2),
      new float[4], Shape.of(1));

  @Test
  void valuesAreWhatTheCommentsSay() {
    List<Object> v = OpenModelSnippets.values();
    assertEquals("float32 [2, 3] [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]", v.get(0).toString());
    assertEquals("float32 [3] [4.0, 5.0, 6.0]", v.get(1).toString());
    assertEquals(6.0, v.get(2));
    assertArrayEquals(new float[] {4, 5, 6}, ((float[][]) v.get(3))[1]);
    assertEquals(DType.FLOAT64, ((NdValue) v.get(4)).dtype());
    assertEquals("float64 [3, 2] [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]", v.get(5).toString());
    NdValue w = (NdValue) v.get(0);
    assertEquals(w, OpenModelSnippets.tfArrays(w));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void weightsAreReadAndWrittenByNameAndByLayer(String backend) {
    Map<String, NdValue> hidden = OpenModelSnippets.readAndWrite(Backend.named(backend));
    assertEquals(List.of("kernel", "bias"), List.copyOf(hidden.keySet()));
    NdValue given = NdValue.fromArray(new double[][] {{0.3, -0.2, 0.5}, {-0.4, 0.1, 0.25}});
    NdValue kernel = hidden.get("kernel"); // float32, or float64 on the reference backend, which holds doubles
    assertEquals(given.withDType(DType.FLOAT32).withDType(kernel.dtype()), kernel,
        "the given kernel, rounded to float32 in a float32 model");
    assertEquals(NdValue.zeros(Shape.of(3), kernel.dtype()), hidden.get("bias"));
    try (CompiledModel m = OpenModelSnippets.twoLayers().compile(Backend.named(backend), Optimizer.sgd(0.1),
        Loss.meanSquaredError())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> m.setWeight("out/kernel", NdValue.zeros(Shape.of(2, 3), DType.FLOAT32)));
      assertEquals("setWeights: weight 'out/kernel' of model 'sequential' has shape [3, 2], got a value of shape"
          + " [2, 3]", e.getMessage());
    }
  }

  /** The page's numbers: the gradients HandGradientsTest (conformance-tests) works out by hand, without a penalty. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void gradientsComeInFloat64WithTheirShapes(String backend) {
    LossGradients g = OpenModelSnippets.gradients(Backend.named(backend));
    assertEquals(Shape.of(2, 3), g.weight("hidden/kernel").shape());
    assertEquals(Shape.of(2, 2), g.input().shape());
    assertEquals(DType.FLOAT64, g.input().dtype());
    assertEquals(0.0, g.regularizationLoss());
    assertEquals(g.dataLoss(), g.loss());
    assertEquals(g.loss(), g.outputLosses().get("out"));
    assertTrue(g.loss() > 0);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void aFixedMaskKeepsTheFirstUnitDoubled(String backend) {
    List<ForwardResult> r = OpenModelSnippets.forward(Backend.named(backend), FOUR);
    NdValue hidden = r.get(0).layerOutput("hidden");
    NdValue dropped = r.get(1).layerOutput("drop");
    assertEquals(Shape.of(4, 3), dropped.shape());
    for (int i = 0; i < 4; i++) {
      assertEquals(2 * hidden.getDouble(i, 0), dropped.getDouble(i, 0), 1e-6, "sample " + i);
      assertEquals(0.0, dropped.getDouble(i, 1));
      assertEquals(0.0, dropped.getDouble(i, 2));
      assertTrue(hidden.getDouble(i, 0) >= 0 && hidden.getDouble(i, 1) >= 0, "after the ReLU");
    }
    assertEquals(List.of("drop"), List.copyOf(r.get(1).dropoutMasks().keySet()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void theFeatureModelGivesTheTrainedModelsHiddenLayer(String backend) {
    try (CompiledModel trained = OpenModelSnippets.withDropout().compile(Backend.named(backend),
        Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      trained.fit(FOUR, FitOptions.builder().epochs(3).batchSize(2).quiet().build());
      NdValue x = NdValue.of(Shape.of(4, 2), 1f, 2, -1, 0.5f, 0.25f, -2, 3, 1);
      NdValue features = OpenModelSnippets.featureModel(trained, x);
      NdValue expected = trained.forward(FOUR, ForwardOptions.inference().withLayerOutputs("hidden"))
          .layerOutput("hidden");
      assertEquals(Shape.of(4, 3), features.shape());
      assertTrue(features.allClose(expected, 1e-6, 1e-6), features + " vs " + expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void fineTuningLeavesTheFrozenBaseBitForBitAndMovesItAfterUnfreezing(String backend) {
    SeededRandom r = new SeededRandom(9);
    float[] x = new float[64 * 8];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    int[] y = new int[64];
    for (int i = 0; i < y.length; i++) {
      y[i] = r.nextInt(4);
    }
    List<Map<String, NdValue>> stages = OpenModelSnippets.fineTune(Backend.named(backend),
        Dataset.withClassLabels(x, Shape.of(8), y));
    for (String w : stages.get(0).keySet()) {
      if (w.startsWith("base")) {
        assertEquals(stages.get(0).get(w), stages.get(1).get(w), w + " is frozen in stage 2");
        assertNotEquals(stages.get(1).get(w), stages.get(2).get(w), w + " trains again in stage 3");
      } else {
        assertNotEquals(stages.get(0).get(w), stages.get(1).get(w), w + " trains in stage 2");
      }
    }
  }

  /** Both backends train and predict in float64 from the same doubles: they agree far beyond float32's precision. */
  @Test
  void aFloat64ModelPredictsInFloat64AndTheBackendsAgree() {
    NdValue ref = OpenModelSnippets.float64(Backend.named("reference"));
    NdValue tf = OpenModelSnippets.float64(Backend.named("tensorflow"));
    assertEquals(DType.FLOAT64, ref.dtype());
    assertEquals(Shape.of(2, 2), ref.shape());
    assertTrue(ref.maxAbsDifference(tf) < 1e-12, ref + " vs " + tf);
    assertTrue(ref.maxAbsDifference(ref.withDType(DType.FLOAT32)) > 0, "not float32 values: " + ref);
  }
}
