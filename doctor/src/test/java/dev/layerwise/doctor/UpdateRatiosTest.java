package dev.layerwise.doctor;

import static dev.layerwise.doctor.ProbesTest.assertAllPass;
import static dev.layerwise.doctor.ProbesTest.compile;
import static dev.layerwise.doctor.ProbesTest.data;
import static dev.layerwise.doctor.ProbesTest.net;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.NdValue;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.optimizers.Optimizer;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Update ratios on the reference backend: measured on a copy (the model keeps its weights to the bit and takes no
 * step); a healthy net under Adam 1e-3 and SGD 0.01 passes; Adam at 10× and at ÷1000 are named too high and too low.
 */
class UpdateRatiosTest {
  private static UpdateRatios measure(Optimizer optimizer) {
    try (CompiledModel m = compile(net(2, ActivationFn.RELU, Initializer.glorotUniform(), Initializer.zeros()),
        optimizer)) {
      return UpdateRatios.measure(m, data(), 32, 20);
    }
  }

  @Test
  void theModelIsLeftBitIdentical() {
    try (CompiledModel m = compile(net(2, ActivationFn.RELU, Initializer.glorotUniform(), Initializer.zeros()),
        Optimizer.adam(1e-2))) {
      Map<String, NdValue> before = m.weights();
      UpdateRatios u = UpdateRatios.measure(m, data(), 32, 20);
      assertEquals(20, u.steps());
      assertTrue(u.peaks().get("dense/kernel") > 0, "the copy did move");
      Map<String, NdValue> after = m.weights();
      assertEquals(before.keySet(), after.keySet());
      before.forEach((name, v) -> assertTrue(Arrays.equals(v.toDoubleArray(),
          after.get(name).toDoubleArray()), name));
      assertEquals(0, m.iterations(), "no step taken on the model");
    }
  }

  @Test
  void oneFullBatchSgdStepMovesEachKernelByTheRateTimesItsRelativeGradient() {
    try (CompiledModel m = compile(net(2, ActivationFn.RELU, Initializer.glorotUniform(), Initializer.zeros()),
        Optimizer.sgd(0.01))) {
      Dataset d = data();
      UpdateRatios u = UpdateRatios.measure(m, d, d.size(), 1);
      for (String k : new String[] {"dense/kernel", "dense_1/kernel", "dense_2/kernel"}) {
        double g = Probes.norm(m.gradients(d).weight(k));
        double w = Probes.norm(m.weight(k));
        assertEquals(0.01 * g / w, u.perStep().get(k)[0], 1e-9 * g / w, k);
      }
    }
  }

  @Test
  void healthyRatesPass() {
    assertAllPass(measure(Optimizer.adam(1e-3)).checks());
    assertAllPass(measure(Optimizer.sgd(0.01)).checks());
  }

  @Test
  void adamTenTimesTooHighIsNamed() {
    Check c = measure(Optimizer.adam(1e-2)).checks().get(0);
    assertEquals(Verdict.WARN, c.verdict(), c.toText());
    assertTrue(c.reading().startsWith("The updates are too large"), c.toText());
    assertTrue(c.nextSteps().get(0).startsWith("Lower the learning rate"), c.toText());
  }

  @Test
  void adamAThousandTimesTooLowIsNamed() {
    Check c = measure(Optimizer.adam(1e-6)).checks().get(0);
    assertEquals(Verdict.FAIL, c.verdict(), c.toText());
    assertTrue(c.reading().startsWith("The updates are too small"), c.toText());
    assertTrue(c.nextSteps().get(0).startsWith("Raise the learning rate"), c.toText());
  }

  @Test
  void aCopyThatDivergesFailsAndTheModelStaysAsItWas() {
    double[] x = new double[64 * ProbesTest.FEATURES];
    Arrays.fill(x, 1e308);                           // the first layer's sums overflow to ±∞
    Dataset huge = Dataset.of(x, Shape.of(ProbesTest.FEATURES), new double[64], Shape.of(1));
    try (CompiledModel m = compile(net(2, ActivationFn.RELU, Initializer.glorotUniform(), Initializer.zeros()),
        Optimizer.adam(1e-3))) {
      UpdateRatios u = UpdateRatios.measure(m, huge, 32, 5);
      Check c = u.checks().get(0);
      assertEquals(Verdict.FAIL, c.verdict(), c.toText());
      assertTrue(c.measured().startsWith("training diverged"), c.toText());
      assertEquals(0, u.steps());
      assertEquals(0, m.iterations());
    }
  }

  @Test
  void initialisationFaultsAreNotReadAsRateFaults() {
    // the activation checks name these; Adam 1e-3 is a sound rate for both
    for (double sigma : new double[] {0.01, 1.0}) {
      try (CompiledModel m = compile(net(6, ActivationFn.TANH, Initializer.randomNormal(sigma), Initializer.zeros()),
          Optimizer.adam(1e-3))) {
        Check c = UpdateRatios.measure(m, data(), 32, 20).checks().get(0);
        assertEquals(Verdict.PASS, c.verdict(), "N(0, " + sigma + "²): " + c.toText());
      }
    }
  }
}
