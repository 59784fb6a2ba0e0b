package dev.layerwise.tf;

import static dev.layerwise.tf.TfHarness.assertClose;
import static dev.layerwise.tf.TfHarness.floats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.regularizers.Regularizer;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.StepResult;
import dev.layerwise.spi.TensorValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The penalty {@code l1·Σ|w| + l2·Σw²} is added to the training and evaluation loss, reported apart, and
 * differentiated with it; the output VJP leaves it out. Compared against the same model without regularizers.
 */
class TfRegularizationTest {
  private static final double L1 = 0.01;
  private static final double L2 = 0.05;
  private static final double BIAS_L2 = 0.2;
  private static final float[] X = floats(0.5, -1, 2, 0.25, 1.5, -0.5, -2, 1, 0, 3, -1.5, 0.75);
  private static final float[] Y = floats(1, -1, 0.5, 0, 2, 1, -0.5, 0.25);

  private static CompiledModel model(boolean regularized) {
    Dense dense = Dense.units(2);
    Conv2D conv = Conv2D.of(2, 1);
    if (regularized) {
      dense = dense.withKernelRegularizer(Regularizer.l1l2(L1, L2)).withBiasRegularizer(Regularizer.l2(BIAS_L2));
      conv = conv.withKernelRegularizer(Regularizer.l1(L1));
    }
    return Sequential.of(Input.shape(1, 2, 3), conv, Flatten.create(), dense).withSeed(4).compile(TfHarness.tf(),
        TrainingConfig.of(Optimizer.sgd(0.1), Loss.meanSquaredError()).withDType(DType.FLOAT64));
  }

  private static double penalty(Map<String, TensorValue> w) {
    double p = 0;
    for (double v : w.get("conv2d/kernel").data()) {
      p += L1 * Math.abs(v);
    }
    for (double v : w.get("dense/kernel").data()) {
      p += L1 * Math.abs(v) + L2 * v * v;
    }
    for (double v : w.get("dense/bias").data()) {
      p += BIAS_L2 * v * v;
    }
    return p;
  }

  @Test
  void penaltyIsAddedToTheLossReportedApartAndDifferentiated() {
    try (CompiledModel reg = model(true); CompiledModel plain = model(false)) {
      Map<String, TensorValue> w = reg.backendModel().weights();
      w = new java.util.LinkedHashMap<>(w);
      w.put("dense/bias", new TensorValue(Shape.of(2), new double[] {0.5, -0.25}));
      w.put("conv2d/kernel", new TensorValue(Shape.of(1, 1, 3, 2), new double[] {0.5, -1, 0.25, 0, -0.75, 1.5}));
      reg.backendModel().setWeights(w);
      plain.backendModel().setWeights(w);
      double penalty = penalty(w);
      Batch batch = new Batch(X, Y, 2);

      StepResult evalReg = reg.backendModel().evaluate(batch);
      StepResult evalPlain = plain.backendModel().evaluate(batch);
      assertEquals(penalty, evalReg.regularizationLoss(), 1e-12);
      assertEquals(evalPlain.loss() + penalty, evalReg.loss(), 1e-12);
      assertEquals(0, evalPlain.regularizationLoss());

      Gradients gReg = reg.backendModel().lossGradients(batch);
      Gradients gPlain = plain.backendModel().lossGradients(batch);
      assertEquals(penalty, gReg.regularizationLoss(), 1e-12);
      assertEquals(gPlain.loss() + penalty, gReg.loss(), 1e-12);
      assertEquals(0, gPlain.regularizationLoss());
      checkPenaltyGradient(w, "dense/kernel", L1, L2, gReg, gPlain);
      checkPenaltyGradient(w, "dense/bias", 0, BIAS_L2, gReg, gPlain);
      // conv2d/kernel has an exact 0: Abs′(0) = 0, so the L1 term adds nothing there.
      checkPenaltyGradient(w, "conv2d/kernel", L1, 0, gReg, gPlain);
      assertClose(gPlain.inputGradient().data(), gReg.inputGradient().data(), 0, "dx has no penalty term");

      TensorValue r = new TensorValue(Shape.of(2, 2), new double[] {1, -2, 0.5, 3});
      Gradients vjpReg = reg.backendModel().outputGradients(batch, r, true);
      Gradients vjpPlain = plain.backendModel().outputGradients(batch, r, true);
      assertTrue(Double.isNaN(vjpReg.loss()) && Double.isNaN(vjpReg.regularizationLoss()));
      vjpPlain.weightGradients().forEach((k, v) ->
          assertClose(v.data(), vjpReg.weightGradients().get(k).data(), 0, "VJP " + k + " has no penalty"));

      BackendModel b = reg.backendModel();
      StepResult step = b.trainStep(batch, 0.1, 1);
      assertEquals(penalty, step.regularizationLoss(), 1e-12, "the penalty before the update");
      assertEquals(evalPlain.loss() + penalty, step.loss(), 1e-12);
    }
  }

  private static void checkPenaltyGradient(Map<String, TensorValue> w, String name, double l1, double l2,
      Gradients reg, Gradients plain) {
    double[] v = w.get(name).data();
    double[] expected = new double[v.length];
    double[] base = plain.weightGradients().get(name).data();
    for (int i = 0; i < v.length; i++) {
      expected[i] = base[i] + l1 * Math.signum(v[i]) + 2 * l2 * v[i];
    }
    assertClose(expected, reg.weightGradients().get(name).data(), 1e-12, name);
  }

  @Test
  void float32ReportsThePenaltyToo() {
    try (CompiledModel m = Sequential.of(Input.shape(3), Dense.units(2).withKernelRegularizer(Regularizer.l2(0.5)))
        .withSeed(2).compile(TfHarness.tf(), Optimizer.adam(0.01), Loss.meanSquaredError())) {
      double expected = 0;
      for (double v : m.backendModel().weights().get("dense/kernel").data()) {
        expected += 0.5 * v * v;
      }
      StepResult r = m.backendModel().trainStep(new Batch(X, Y, 4), 0.01, 1);
      assertEquals(expected, r.regularizationLoss(), 1e-6 * expected);
    }
  }
}
