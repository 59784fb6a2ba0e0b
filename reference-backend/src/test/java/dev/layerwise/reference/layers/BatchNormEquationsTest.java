package dev.layerwise.reference.layers;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static dev.layerwise.reference.RefGradientCheck.checkLayer;
import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.reference.layers.RefLayerEquations.Mode;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchNormEquationsTest {
  private static final double EPS = 1e-3;
  private static final double MOMENTUM = 0.99;

  private static Map<String, double[]> params(Random r, int c) {
    Map<String, double[]> p = new HashMap<>();
    p.put("gamma", uniform(r, c, 0.5, 1.5));
    p.put("beta", uniform(r, c, -0.5, 0.5));
    p.put("moving_mean", uniform(r, c, -1, 1));
    p.put("moving_variance", uniform(r, c, 0.5, 2));
    return p;
  }

  @Test
  void trainingNormalisesWithTheBiasedBatchVarianceByHand() {
    // 4 rows × 2 channels; channel 0 = [1, 2, 3, 6], channel 1 = [−1, −1, 1, 1]
    double[] x = {1, -1, 2, -1, 3, 1, 6, 1};
    double[] gamma = {2, 0.5};
    double[] beta = {0.25, -1};
    double mu0 = (1 + 2 + 3 + 6) / 4.0;
    double var0 = (Math.pow(1 - mu0, 2) + Math.pow(2 - mu0, 2) + Math.pow(3 - mu0, 2) + Math.pow(6 - mu0, 2)) / 4;
    double mu1 = 0;
    double var1 = 1;
    double[] expected = new double[8];
    double[][] stats = {{mu0, var0}, {mu1, var1}};
    for (int i = 0; i < 8; i++) {
      int c = i % 2;
      expected[i] = gamma[c] * (x[i] - stats[c][0]) / Math.sqrt(stats[c][1] + EPS) + beta[c];
    }
    var eq = new BatchNormEquations(2, MOMENTUM, EPS, true, true);
    Map<String, double[]> p = Map.of("gamma", gamma, "beta", beta, "moving_mean", new double[2],
        "moving_variance", new double[] {1, 1});
    var fwd = eq.forward(p, x, Mode.TRAINING);
    assertAllClose("y", expected, fwd.y(), 1e-15, 1e-14);

    Map<String, double[]> state = eq.stateUpdates(p, fwd.saved());
    assertAllClose("moving_mean", new double[] {MOMENTUM * 0 + (1 - MOMENTUM) * mu0, 0},
        state.get("moving_mean"), 1e-16, 1e-14);
    assertAllClose("moving_variance", new double[] {MOMENTUM + (1 - MOMENTUM) * var0, MOMENTUM + (1 - MOMENTUM)},
        state.get("moving_variance"), 1e-16, 1e-14);
  }

  @Test
  void inferenceUsesTheMovingStatistics() {
    double[] x = {1, -1, 4, 3};
    Map<String, double[]> p = Map.of("gamma", new double[] {2, 1}, "beta", new double[] {0, 1}, "moving_mean",
        new double[] {1, 2}, "moving_variance", new double[] {3, 0.5});
    var eq = new BatchNormEquations(2, MOMENTUM, EPS, true, true);
    var fwd = eq.forward(p, x, Mode.INFERENCE);
    assertAllClose("y", new double[] {2 * 0 / Math.sqrt(3 + EPS), (-1 - 2) / Math.sqrt(0.5 + EPS) + 1,
        2 * 3 / Math.sqrt(3 + EPS), (3 - 2) / Math.sqrt(0.5 + EPS) + 1}, fwd.y(), 1e-15, 1e-14);
    assertTrue(eq.stateUpdates(p, fwd.saved()).isEmpty(), "an inference pass moves no statistics");
    var b = eq.backward(p, fwd.saved(), new double[] {1, 1, 1, 1}, true);
    assertAllClose("dx = γ/√(mv+ε)·dy", new double[] {2 / Math.sqrt(3 + EPS), 1 / Math.sqrt(0.5 + EPS),
        2 / Math.sqrt(3 + EPS), 1 / Math.sqrt(0.5 + EPS)}, b.dx(), 1e-15, 1e-14);
  }

  @Test
  void gradientsInTrainingDense() {
    Random r = new Random(81);
    checkLayer("BN train 8×6", new BatchNormEquations(6, MOMENTUM, EPS, true, true), params(r, 6),
        Set.of("gamma", "beta"), uniform(r, 8 * 6, -2, 2), Mode.TRAINING, 82);
  }

  @Test
  void gradientsInTrainingConv() {
    // NHWC [4, 5, 5, 3]: statistics over 4·5·5 = 100 values per channel
    Random r = new Random(83);
    checkLayer("BN train 4×5×5×3", new BatchNormEquations(3, MOMENTUM, EPS, true, true), params(r, 3),
        Set.of("gamma", "beta"), uniform(r, 4 * 5 * 5 * 3, -2, 2), Mode.TRAINING, 84);
  }

  @Test
  void gradientsInTrainingWithALargeMean() {
    Random r = new Random(85);
    double[] x = uniform(r, 8 * 2, 990, 1010);
    checkLayer("BN train mean 1000", new BatchNormEquations(2, MOMENTUM, EPS, true, true), params(r, 2),
        Set.of("gamma", "beta"), x, Mode.TRAINING, 86);
  }

  @Test
  void gradientsInInference() {
    Random r = new Random(87);
    checkLayer("BN inference", new BatchNormEquations(4, MOMENTUM, EPS, true, true), params(r, 4),
        Set.of("gamma", "beta"), uniform(r, 6 * 4, -2, 2), Mode.INFERENCE, 88);
  }

  @Test
  void gradientsWithoutScaleOrCenter() {
    Random r = new Random(89);
    Map<String, double[]> p = params(r, 3);
    Map<String, double[]> noGamma = new HashMap<>(p);
    noGamma.remove("gamma");
    Map<String, double[]> noBeta = new HashMap<>(p);
    noBeta.remove("beta");
    Map<String, double[]> neither = new HashMap<>(noGamma);
    neither.remove("beta");
    double[] x = uniform(r, 5 * 3, -2, 2);
    for (Mode mode : new Mode[] {Mode.TRAINING, Mode.INFERENCE}) {
      checkLayer("BN no scale " + mode.training(), new BatchNormEquations(3, MOMENTUM, EPS, false, true), noGamma,
          Set.of("beta"), x, mode, 90);
      checkLayer("BN no center " + mode.training(), new BatchNormEquations(3, MOMENTUM, EPS, true, false), noBeta,
          Set.of("gamma"), x, mode, 91);
      checkLayer("BN neither " + mode.training(), new BatchNormEquations(3, MOMENTUM, EPS, false, false), neither,
          Set.of(), x, mode, 92);
    }
  }

  @Test
  void trainingOutputHasZeroMeanAndUnitVariancePerChannelBeforeTheAffine() {
    Random r = new Random(93);
    var eq = new BatchNormEquations(3, MOMENTUM, EPS, false, false);
    double[] y = eq.forward(Map.of("moving_mean", new double[3], "moving_variance", new double[3]),
        uniform(r, 40 * 3, 5, 9), Mode.TRAINING).y();
    for (int c = 0; c < 3; c++) {
      double sum = 0;
      double squares = 0;
      for (int i = c; i < y.length; i += 3) {
        sum += y[i];
        squares += y[i] * y[i];
      }
      assertEquals(0, sum / 40, 1e-12);
      assertTrue(squares / 40 < 1 && squares / 40 > 0.9, "variance " + squares / 40 + " is σ²/(σ²+ε)");
    }
  }
}
