package dev.layerwise.open;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.Evaluation;
import dev.layerwise.LossGradients;
import dev.layerwise.Model;
import dev.layerwise.NdValue;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.check.GradientCheck;
import dev.layerwise.check.GradientCheckReport;
import dev.layerwise.check.ParameterCheck;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Hardmax;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code CompiledModel.gradients} through the public api, on both backends in float64: equal to central differences
 * of the loss it reports (every weight element and every input element, a graph with two outputs, batch
 * normalisation and a fixed dropout mask), equal to what {@link GradientCheck}'s finite differences find, and
 * refused, with the reason, where there is no loss or no gradient.
 */
class GradientsApiTest {
  private static final int N = 5;
  /** Central differences in float64 at step 1e-6 are off by about 1e-10 here. */
  private static final double STEP = 1e-6;
  private static final double FD_TOLERANCE = 1e-7;

  /** x → Dense(4, tanh) → BatchNormalization → Dropout → two heads, weighted 1 and 0.5. */
  private static Model twoHeads() {
    SymbolicTensor x = Input.shape(3).withName("x").tensor();
    SymbolicTensor h = Dense.units(4).withActivation(ActivationFn.TANH).withName("h").apply(x);
    SymbolicTensor d = Dropout.rate(0.4).withName("drop").apply(BatchNormalization.create().withName("bn").apply(h));
    return Model.of(List.of(x), List.of(Dense.units(2).withName("a").apply(d), Dense.units(3).withName("b").apply(d)))
        .withName("two_heads").withSeed(5);
  }

  private static TrainingConfig twoLosses() {
    return TrainingConfig.of(Optimizer.sgd(0.1), Map.of("a", Loss.meanSquaredError(), "b", Loss.meanSquaredError()))
        .withLossWeight("b", 0.5).withDType(DType.FLOAT64);
  }

  private static Dataset data(float[] x) {
    SplittableRandom r = new SplittableRandom(11);
    float[] a = new float[N * 2];
    float[] b = new float[N * 3];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) r.nextDouble(-1, 1);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) r.nextDouble(-1, 1);
    }
    return Dataset.builder().features("x", x, Shape.of(3)).targets("a", a, Shape.of(2)).targets("b", b, Shape.of(3))
        .build();
  }

  private static float[] features() {
    SplittableRandom r = new SplittableRandom(7);
    float[] x = new float[N * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble(-2, 2);
    }
    return x;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void gradientsAreTheSlopesOfTheLossTheyReport(String backend) {
    float[] x = features();
    Map<String, NdValue> mask = Map.of("drop", NdValue.fromArray(new double[][] {{1, 0, 1, 1}, {0, 1, 1, 0},
        {1, 1, 1, 1}, {1, 0, 0, 1}, {0, 1, 1, 1}}));
    try (CompiledModel m = twoHeads().compile(Backend.named(backend), twoLosses())) {
      LossGradients g = m.gradients(data(x), mask);
      assertEquals(mask.get("drop"), g.dropoutMasks().get("drop").withDType(DType.FLOAT64), "the mask used");
      assertEquals(0.0, g.regularizationLoss());
      assertEquals(g.outputLosses().get("a") + 0.5 * g.outputLosses().get("b"), g.loss(), 1e-15,
          "L = La + 0.5·Lb");
      for (String w : m.spec().trainableWeightNames()) {
        NdValue value = m.weight(w);
        double[] v = value.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
          double at = v[i];
          double[] lossAt = new double[2];
          for (int side = 0; side < 2; side++) {
            v[i] = at + (side == 0 ? STEP : -STEP);
            m.setWeight(w, NdValue.of(value.shape(), v));
            lossAt[side] = m.gradients(data(x), mask).loss();
          }
          v[i] = at;
          m.setWeight(w, value);
          assertSlope((lossAt[0] - lossAt[1]) / (2 * STEP), g.weight(w).getFlat(i), w + " element " + i);
        }
      }
      for (int i = 0; i < x.length; i++) {
        float at = x[i];
        double h = Math.ulp(at) * 64; // a step the float32 features can hold exactly on both sides
        x[i] = at + (float) h;
        double plus = m.gradients(data(x), mask).loss();
        x[i] = at - (float) h;
        double minus = m.gradients(data(x), mask).loss();
        x[i] = at;
        assertSlope((plus - minus) / (2 * h), g.input().getFlat(i), "x element " + i);
      }
    }
  }

  private static void assertSlope(double numeric, double analytic, String what) {
    assertEquals(numeric, analytic, FD_TOLERANCE * Math.max(1, Math.abs(numeric)), what);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void withoutDropoutAndBatchNormThePerOutputLossesAreEvaluates(String backend) {
    SymbolicTensor x = Input.shape(3).withName("x").tensor();
    SymbolicTensor h = Dense.units(4).withActivation(ActivationFn.TANH).withName("h").apply(x);
    Model model = Model.of(List.of(x), List.of(Dense.units(2).withName("a").apply(h),
        Dense.units(3).withName("b").apply(h))).withSeed(2);
    try (CompiledModel m = model.compile(Backend.named(backend), twoLosses())) {
      Dataset data = data(features());
      LossGradients g = m.gradients(data);
      Evaluation e = m.evaluate(data, N);
      assertEquals(e.get("a_loss"), g.outputLosses().get("a"), 1e-12);
      assertEquals(e.get("b_loss"), g.outputLosses().get("b"), 1e-12);
      assertEquals(e.get("loss"), g.loss(), 1e-12);
      assertEquals(Map.of(), g.dropoutMasks());
    }
  }

  /**
   * {@link GradientCheck} differentiates the data loss numerically along each gradient's direction ĝ = g/‖g‖: the
   * slope it finds there is ‖g‖ for the g {@code gradients} returns.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void gradientCheckFindsTheSameSlopes(String backend) {
    Sequential model = Sequential.of(Input.shape(3), Dense.units(4).withActivation(ActivationFn.TANH),
        BatchNormalization.create(), Dense.units(2)).withSeed(4);
    try (CompiledModel m = model.compile(Backend.named(backend), TrainingConfig.of(Optimizer.sgd(0.1),
        Loss.meanSquaredError()).withDType(DType.FLOAT64))) {
      Dataset data = Dataset.of(features(), Shape.of(3), new float[N * 2], Shape.of(2));
      LossGradients g = m.gradients(data);
      GradientCheckReport report = GradientCheck.of(m).data(data).samples(N).onBackend(backend).run();
      assertTrue(report.passed(), report.toString());
      assertEquals(m.spec().trainableWeightNames().size(), report.checks().size());
      for (ParameterCheck c : report.checks()) {
        double norm = Math.sqrt(dot(g.weight(c.weight()), g.weight(c.weight())));
        ParameterCheck.Probe alongG = c.directions().get(0);
        assertEquals(alongG.numeric(), norm, 1e-6 * Math.max(1, norm), c.weight() + ": " + alongG);
      }
    }
  }

  private static double dot(NdValue a, NdValue b) {
    double s = 0;
    for (int i = 0; i < a.size(); i++) {
      s += a.getFlat(i) * b.getFlat(i);
    }
    return s;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void whatHasNoGradientIsRefusedNamingWhy(String backend) {
    Sequential plain = Sequential.of(Input.shape(3), Dense.units(2)).withName("plain");
    Dataset data = Dataset.of(features(), Shape.of(3), new float[N * 2], Shape.of(2));
    try (CompiledModel m = plain.compile(Backend.named(backend))) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.gradients(data));
      assertEquals("gradients: model 'plain' was compiled without a loss, for inference only; compile it with an"
          + " optimizer and a loss to take the gradients of its loss (copyWeightsTo carries its weights over)",
          e.getMessage());
    }
    Sequential hard = Sequential.of(Input.shape(3), Dense.units(2), Hardmax.create());
    try (CompiledModel m = hard.compile(Backend.named(backend), Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.gradients(data));
      assertTrue(e.getMessage().startsWith("gradients: Hardmax 'hardmax' is not differentiable"), e.getMessage());
    }
    Sequential dropout = Sequential.of(Input.shape(3), Dropout.rate(0.5), Dense.units(2));
    try (CompiledModel m = dropout.compile(Backend.named(backend), Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      IllegalArgumentException unlabelled = assertThrows(IllegalArgumentException.class,
          () -> m.gradients(Dataset.featuresOnly(features(), Shape.of(3))));
      assertTrue(unlabelled.getMessage().startsWith("gradients: the dataset has no labels"), unlabelled.getMessage());
      Map<String, NdValue> masks = new LinkedHashMap<>();
      masks.put("dense", NdValue.zeros(Shape.of(N, 3), DType.FLOAT32));
      IllegalArgumentException notDropout = assertThrows(IllegalArgumentException.class,
          () -> m.gradients(data, masks));
      assertEquals("gradients: model 'sequential' has no Dropout or augmentation layer 'dense'; its random layers are"
          + " [dropout]",
          notDropout.getMessage());
      IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
          () -> m.gradients(data, Map.of("dropout", NdValue.zeros(Shape.of(N, 2), DType.FLOAT32))));
      assertEquals("gradients: the dropout mask of 'dropout' must have shape [5, 3] (5 samples of the layer's input),"
          + " got [5, 2]", shape.getMessage());
      IllegalArgumentException half = assertThrows(IllegalArgumentException.class,
          () -> m.gradients(data, Map.of("dropout", NdValue.filled(Shape.of(N, 3), DType.FLOAT32, 0.5))));
      assertEquals("gradients: a dropout mask holds 1 (keep) or 0 (drop), but the mask of 'dropout' holds 0.5 at"
          + " flat index 0", half.getMessage());
    }
  }
}
