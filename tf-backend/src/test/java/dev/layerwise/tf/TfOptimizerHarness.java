package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.TensorValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Teacher-forced optimizer steps on a 2→2 Dense (weights {@code dense/kernel} [2,2] and {@code dense/bias} [2]):
 * set weights and slots, feed gradients through {@code applyGradients}, and compare weights and slots with the
 * update rule written out per element in the test. The rule's inputs are the state read back from the model
 * (already in its dtype) and the gradients and hyperparameters rounded to that dtype, as TF sees them.
 */
final class TfOptimizerHarness {
  static final String KERNEL = "dense/kernel";
  static final String BIAS = "dense/bias";
  static final List<String> WEIGHTS = List.of(KERNEL, BIAS);
  static final Shape KERNEL_SHAPE = Shape.of(2, 2);
  static final Shape BIAS_SHAPE = Shape.of(2);
  static final double[] KERNEL0 = {0.5, -0.25, 1.0, 0.75};
  static final double[] BIAS0 = {0.125, -0.5};

  /** A gradient per weight: {@code kernel} [2,2] and {@code bias} [2]. */
  record Grads(double[] kernel, double[] bias) {
    static final Grads G1 = new Grads(new double[] {0.3, -0.6, 0.05, 1.2}, new double[] {-0.4, 0.25});
    static final Grads G2 = new Grads(new double[] {-0.2, 0.45, 0.7, -0.1}, new double[] {0.15, -0.35});

    double[] of(String weight) {
      return weight.equals(KERNEL) ? kernel : bias;
    }

    Map<String, TensorValue> values() {
      Map<String, TensorValue> m = new LinkedHashMap<>();
      m.put(KERNEL, new TensorValue(KERNEL_SHAPE, kernel));
      m.put(BIAS, new TensorValue(BIAS_SHAPE, bias));
      return m;
    }
  }

  /** One teacher-forced update: learning rate, 1-based index t, gradients. */
  record Step(double lr, long t, Grads grads) {}

  /** The dtype and step an update rule is evaluated in: rounds what TF receives as that dtype. */
  record Ctx(DType dtype, double learningRate, long t) {
    double r(double x) {
      return dtype == DType.FLOAT64 ? x : (double) (float) x;
    }

    /** The fed learning rate. */
    double lr() {
      return r(learningRate);
    }

    /** The fed bias-correction power βᵗ. */
    double pow(double beta) {
      return r(Math.pow(beta, t));
    }
  }

  /** One element's update: returns {@code [w', slot'...]}, slots in the order of {@code slotNames()}. */
  @FunctionalInterface
  interface Rule {
    double[] step(Ctx c, double w, double g, double[] slots);
  }

  /** Float32 results: a few ulps of O(1) values, in a rule that rounds every intermediate. */
  static final double F32_RTOL = 1e-5;
  static final double F32_ATOL = 1e-7;
  static final double F64_RTOL = 1e-12;
  static final double F64_ATOL = 1e-15;

  private TfOptimizerHarness() {}

  static CompiledModel compile(DType dtype, Optimizer optimizer) {
    return Sequential.of(Input.shape(2), Dense.units(2)).withSeed(1).compile(TfHarness.tf(),
        TrainingConfig.of(optimizer, Loss.meanSquaredError()).withDType(dtype));
  }

  static Map<String, TensorValue> initialWeights() {
    Map<String, TensorValue> w = new LinkedHashMap<>();
    w.put(KERNEL, new TensorValue(KERNEL_SHAPE, KERNEL0));
    w.put(BIAS, new TensorValue(BIAS_SHAPE, BIAS0));
    return w;
  }

  /**
   * Slot values {@code <weight>/<slot>} from 6 values per slot (4 for the kernel, then 2 for the bias).
   */
  static Map<String, TensorValue> slots(Map<String, double[]> perSlot) {
    Map<String, TensorValue> m = new LinkedHashMap<>();
    perSlot.forEach((slot, v) -> {
      m.put(KERNEL + "/" + slot, new TensorValue(KERNEL_SHAPE, Arrays.copyOfRange(v, 0, 4)));
      m.put(BIAS + "/" + slot, new TensorValue(BIAS_SHAPE, Arrays.copyOfRange(v, 4, 6)));
    });
    return m;
  }

  /**
   * Runs the steps from {@link #KERNEL0}/{@link #BIAS0} and the given slots ({@code null}: the optimizer's initial
   * slots) and checks weights and slots against the rule after every step. Returns the final weights.
   */
  static Map<String, TensorValue> assertSteps(DType dtype, Optimizer optimizer, Map<String, double[]> warmSlots,
      Rule rule, Step... steps) {
    try (CompiledModel m = compile(dtype, optimizer)) {
      BackendModel b = m.backendModel();
      b.setWeights(initialWeights());
      if (warmSlots != null) {
        b.setOptimizerSlots(slots(warmSlots));
      }
      List<String> slotNames = optimizer.slotNames();
      // Expected state, started from what the model holds (already in its dtype) and carried through the rule.
      Map<String, double[]> w = new LinkedHashMap<>();
      Map<String, double[][]> s = new LinkedHashMap<>();
      Map<String, TensorValue> w0 = b.weights();
      Map<String, TensorValue> s0 = b.optimizerSlots();
      for (String name : WEIGHTS) {
        w.put(name, w0.get(name).data().clone());
        double[][] perSlot = new double[slotNames.size()][];
        for (int k = 0; k < perSlot.length; k++) {
          perSlot[k] = s0.get(name + "/" + slotNames.get(k)).data().clone();
        }
        s.put(name, perSlot);
      }
      for (Step step : steps) {
        Ctx c = new Ctx(dtype, step.lr(), step.t());
        for (String name : WEIGHTS) {
          double[] wv = w.get(name);
          double[][] sv = s.get(name);
          double[] g = step.grads().of(name);
          for (int i = 0; i < wv.length; i++) {
            double[] slotsIn = new double[sv.length];
            for (int k = 0; k < sv.length; k++) {
              slotsIn[k] = sv[k][i];
            }
            double[] out = rule.step(c, wv[i], c.r(g[i]), slotsIn);
            assertEquals(1 + sv.length, out.length, "rule result length");
            wv[i] = out[0];
            for (int k = 0; k < sv.length; k++) {
              sv[k][i] = out[k + 1];
            }
          }
        }
        b.applyGradients(step.grads().values(), step.lr(), step.t());
        Map<String, TensorValue> gotW = b.weights();
        Map<String, TensorValue> gotS = b.optimizerSlots();
        String at = " after update t=" + step.t() + " (" + dtype + ", " + optimizer + ")";
        for (String name : WEIGHTS) {
          assertClose(w.get(name), gotW.get(name).data(), dtype, name + at);
          for (int k = 0; k < slotNames.size(); k++) {
            String slot = name + "/" + slotNames.get(k);
            assertClose(s.get(name)[k], gotS.get(slot).data(), dtype, slot + at);
          }
        }
      }
      return b.weights();
    }
  }

  /** {@code |got − expected| ≤ atol + rtol·|expected|} per element. */
  static void assertClose(double[] expected, double[] got, DType dtype, String what) {
    double rtol = dtype == DType.FLOAT64 ? F64_RTOL : F32_RTOL;
    double atol = dtype == DType.FLOAT64 ? F64_ATOL : F32_ATOL;
    assertEquals(expected.length, got.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      double err = Math.abs(got[i] - expected[i]);
      assertTrue(err <= atol + rtol * Math.abs(expected[i]), what + "[" + i + "]: expected " + expected[i]
          + ", got " + got[i] + " (all expected " + Arrays.toString(expected) + ", got " + Arrays.toString(got) + ")");
    }
  }
}
