package dev.layerwise.doctor;

import static dev.layerwise.doctor.ProbesTest.assertAllPass;
import static dev.layerwise.doctor.ProbesTest.assertOnly;
import static dev.layerwise.doctor.ProbesTest.compile;
import static dev.layerwise.doctor.ProbesTest.data;
import static dev.layerwise.doctor.ProbesTest.net;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.LossGradients;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.optimizers.Optimizer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Gradient norms on the reference backend: healthy nets pass; all-zero kernels get zero gradients; N(0, 1) kernels in
 * a deep tanh net make the gradient grow on its way back; overflowing features give non-finite gradients.
 */
class GradientNormsTest {
  private static final Initializer ZERO = Initializer.zeros();

  private static GradientNorms measure(int depth, ActivationFn fn, Initializer kernels) {
    try (CompiledModel m = compile(net(depth, fn, kernels, ZERO), Optimizer.adam(1e-3))) {
      return GradientNorms.measure(m, data());
    }
  }

  @Test
  void healthyGlorotAndHeNetsPass() {
    assertAllPass(measure(3, ActivationFn.RELU, Initializer.heNormal()).checks());
    assertAllPass(measure(6, ActivationFn.TANH, Initializer.glorotUniform()).checks());
  }

  @Test
  void theNormsAreTheGradientsAndTheirSizeRelativeToTheWeights() {
    try (CompiledModel m = compile(net(2, ActivationFn.RELU, Initializer.heNormal(), ZERO), Optimizer.adam(1e-3))) {
      Dataset d = data();
      GradientNorms g = GradientNorms.measure(m, d);
      LossGradients direct = m.gradients(d);                   // 512 samples: the probe's batch is all of them
      double[] grad = direct.weight("dense_1/kernel").toDoubleArray();
      double[] w = m.weight("dense_1/kernel").toDoubleArray();
      double gg = 0;
      double ww = 0;
      for (int i = 0; i < grad.length; i++) {
        gg += grad[i] * grad[i];
        ww += w[i] * w[i];
      }
      assertEquals(Math.sqrt(gg), g.norms().get("dense_1/kernel"), 1e-12);
      assertEquals(Math.sqrt(gg / ww), g.relative().get("dense_1/kernel"), 1e-12);
      assertTrue(Double.isNaN(g.relative().get("dense_1/bias")), "a zero bias has no relative size");
    }
  }

  @Test
  void allZeroKernelsGetZeroGradients() {
    GradientNorms g = measure(3, ActivationFn.RELU, ZERO);
    assertOnly(g.checks(), "zero gradients", Verdict.FAIL);
    assertTrue(g.checks().get(1).measured().startsWith("4 of 4 kernels get exactly 0"), g.checks().get(1).toText());
  }

  @Test
  void unitNormalKernelsInADeepTanhNetMakeTheGradientGrowBackwards() {
    GradientNorms g = measure(6, ActivationFn.TANH, Initializer.randomNormal(1.0));
    Check flow = g.checks().stream().filter(c -> c.name().equals("gradient flow")).findFirst().orElseThrow();
    assertTrue(flow.verdict() != Verdict.PASS, flow.toText());
    assertOnly(g.checks(), "gradient flow", flow.verdict());
    assertTrue(flow.reading().startsWith("The gradient grows"), flow.toText());
  }

  @Test
  void overflowingFeaturesGiveNonFiniteGradients() {
    double[] x = new double[64 * ProbesTest.FEATURES];
    Arrays.fill(x, 1e308);                           // the first layer's sums overflow to ±∞
    Dataset huge = Dataset.of(x, Shape.of(ProbesTest.FEATURES), new double[64], Shape.of(1));
    try (CompiledModel m = compile(net(2, ActivationFn.RELU, Initializer.heNormal(), ZERO), Optimizer.adam(1e-3))) {
      GradientNorms g = GradientNorms.measure(m, huge);
      assertEquals(1, g.checks().size(), "nothing else is read from NaN");
      assertEquals(Verdict.FAIL, g.checks().get(0).verdict(), g.checks().get(0).toText());
      assertEquals("finite gradients", g.checks().get(0).name());
    }
  }
}
