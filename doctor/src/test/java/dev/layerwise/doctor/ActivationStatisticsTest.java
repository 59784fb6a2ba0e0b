package dev.layerwise.doctor;

import static dev.layerwise.doctor.ProbesTest.assertAllPass;
import static dev.layerwise.doctor.ProbesTest.assertOnly;
import static dev.layerwise.doctor.ProbesTest.compile;
import static dev.layerwise.doctor.ProbesTest.data;
import static dev.layerwise.doctor.ProbesTest.net;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.Sequential;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Input;
import dev.layerwise.optimizers.Optimizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Activation statistics on the reference backend: healthy Glorot and He nets pass; all-zero kernels, N(0, 0.01²) and
 * N(0, 1) kernels in a deep tanh net and a large negative ReLU bias are each named by their own check only.
 */
class ActivationStatisticsTest {
  private static final Initializer ZERO = Initializer.zeros();

  private static ActivationStatistics measure(int depth, ActivationFn fn, Initializer kernels, Initializer biases) {
    try (CompiledModel m = compile(net(depth, fn, kernels, biases), Optimizer.adam(1e-3))) {
      return ActivationStatistics.measure(m, data());
    }
  }

  @Test
  void healthyGlorotAndHeNetsPass() {
    assertAllPass(measure(3, ActivationFn.RELU, Initializer.heNormal(), ZERO).checks());
    assertAllPass(measure(3, ActivationFn.RELU, Initializer.glorotUniform(), ZERO).checks());
    ActivationStatistics tanh = measure(6, ActivationFn.TANH, Initializer.glorotUniform(), ZERO);
    assertAllPass(tanh.checks());
    assertEquals(List.of("activation scale", "saturation"), tanh.checks().stream().map(Check::name).toList());
  }

  @Test
  void batchNormalisationIsReadAsTrainingUsesItNotAsTheIdentityOfItsInitialMovingStatistics() {
    // N(0, 1) kernels saturate tanh (see below) unless the batch normalisation before it standardises them, which
    // it does in training; with its initial moving statistics (mean 0, variance 1) inference would pass them on
    Sequential net = Sequential.of(Input.shape(ProbesTest.FEATURES),
        Dense.units(128).withKernelInitializer(Initializer.randomNormal(1.0)), BatchNormalization.create(),
        Activation.of(ActivationFn.TANH), Dropout.rate(0.5), Dense.units(4)).withSeed(5);
    try (CompiledModel m = compile(net, Optimizer.adam(1e-3))) {
      ActivationStatistics a = ActivationStatistics.measure(m, data());
      assertAllPass(a.checks());
      assertEquals(1.0, a.stds().get("batch_normalization"), 0.01, "standardised by the batch's statistics");
      assertTrue(a.saturated().get("activation") < 0.05, a.saturated().toString());
    }
  }

  @Test
  void theNumbersAreTheLayersOwnComputedByHand() {
    // one ReLU layer: h = relu(x·W + b), every statistic recomputed here from the weights
    try (CompiledModel m = compile(net(1, ActivationFn.RELU, Initializer.heNormal(), Initializer.constant(-0.5)),
        Optimizer.adam(1e-3))) {
      Dataset d = data();
      ActivationStatistics a = ActivationStatistics.measure(m, d);
      double[] w = m.weight("dense/kernel").toDoubleArray();
      double sum = 0;
      double square = 0;
      boolean[] alive = new boolean[128];
      for (int i = 0; i < d.size(); i++) {
        for (int u = 0; u < 128; u++) {
          double z = -0.5;
          for (int j = 0; j < ProbesTest.FEATURES; j++) {
            z += d.feature(i, j) * w[j * 128 + u];
          }
          double h = Math.max(0, z);
          sum += h;
          square += h * h;
          alive[u] |= h > 0;
        }
      }
      int n = d.size() * 128;
      double mean = sum / n;
      assertEquals(mean, a.means().get("dense"), 1e-9);
      assertEquals(Math.sqrt(square / n - mean * mean), a.stds().get("dense"), 1e-9);
      int dead = 0;
      for (boolean b : alive) {
        dead += b ? 0 : 1;
      }
      assertEquals(dead / 128.0, a.dead().get("dense"), 1e-12);
      assertEquals(List.of("dense", "dense_1"), List.copyOf(a.stds().keySet()), "the logits are measured too");
      assertEquals(List.of("dense"), a.hidden(), "but not judged");
    }
  }

  @Test
  void allZeroKernelsAreNamedByTheScaleCheckAsConstant() {
    ActivationStatistics relu = measure(3, ActivationFn.RELU, ZERO, ZERO);
    assertOnly(relu.checks(), "activation scale", Verdict.FAIL);
    assertTrue(relu.checks().get(0).measured().contains("one constant"), relu.checks().get(0).toText());
    assertFalse(relu.checks().stream().anyMatch(c -> c.name().equals("dead ReLUs")),
        "every unit outputs 0, but because the kernels are zero, not because the units died");
    assertEquals(0.0, relu.stds().get("dense"));
    assertOnly(measure(3, ActivationFn.TANH, ZERO, ZERO).checks(), "activation scale", Verdict.FAIL);
    ActivationStatistics shifted = measure(3, ActivationFn.TANH, ZERO, Initializer.constant(0.5));
    assertOnly(shifted.checks(), "activation scale", Verdict.FAIL);
    assertEquals(Math.tanh(0.5), shifted.means().get("dense"), 1e-12, "a constant, but not 0");
    assertEquals(0.0, shifted.stds().get("dense"), "exactly: every output is the same");
  }

  @Test
  void smallNormalKernelsInADeepTanhNetCollapse() {
    ActivationStatistics a = measure(6, ActivationFn.TANH, Initializer.randomNormal(0.01), ZERO);
    assertOnly(a.checks(), "activation scale", Verdict.FAIL);
    double first = a.stds().get("dense");
    double last = a.stds().get("dense_5");
    assertTrue(last < 1e-4 * first, "std " + first + " → " + last);
  }

  @Test
  void unitNormalKernelsInADeepTanhNetSaturate() {
    ActivationStatistics a = measure(6, ActivationFn.TANH, Initializer.randomNormal(1.0), ZERO);
    assertOnly(a.checks(), "saturation", Verdict.FAIL);
    assertTrue(a.saturated().get("dense_3") > 0.5, a.saturated().toString());
  }

  @Test
  void aLargeNegativeBiasKillsTheReLUs() {
    ActivationStatistics a = measure(3, ActivationFn.RELU, Initializer.heNormal(), Initializer.constant(-3));
    assertOnly(a.checks(), "dead ReLUs", Verdict.FAIL);
    assertTrue(a.checks().get(1).reading().contains("negative bias"), a.checks().get(1).toText());
  }
}
