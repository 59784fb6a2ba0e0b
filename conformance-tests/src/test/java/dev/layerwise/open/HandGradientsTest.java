package dev.layerwise.open;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.LossGradients;
import dev.layerwise.NdValue;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.regularizers.Regularizer;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gradients a user gets from {@code CompiledModel.gradients}, through the public api only, equal the ones worked
 * out by hand for a two-layer network, in float64 to 1e-12, on both backends, from samples given in float64:
 * <pre>
 *   z = x·W₁ + b₁ [n,3]    h = tanh(z)    y = h·W₂ + b₂ [n,2]
 *   L = (1/(n·2)) Σ (y − t)²  +  λ Σ W₁²                (mean squared error, L2 on W₁)
 *   δy = 2(y − t)/(n·2)     ∂L/∂W₂ = hᵀ·δy    ∂L/∂b₂ = Σₙ δy
 *   δz = (δy·W₂ᵀ) ⊙ (1 − h²) ∂L/∂W₁ = xᵀ·δz + 2λW₁    ∂L/∂b₁ = Σₙ δz    ∂L/∂x = δz·W₁ᵀ
 * </pre>
 */
class HandGradientsTest {
  private static final double TOLERANCE = 1e-12;
  private static final double LAMBDA = 0.03;
  /** Values float32 cannot hold: rounded anywhere on the way, the gradients would be off by about 1e-8. */
  private static final double[][] X = {{0.1, -1.3}, {2.7, 1.0 / 3}, {-0.7, 1.1}, {0.2, -0.55}};
  private static final double[][] T = {{0.9, -0.4}, {0.3, 0.7}, {-1.1, 0.6}, {0.15, 1.0 / 7}};
  private static final double[][] W1 = {{0.3, -0.2, 0.5}, {-0.4, 0.1, 0.25}};
  private static final double[] B1 = {0.05, -0.1, 0.2};
  private static final double[][] W2 = {{0.6, -0.3}, {0.2, 0.45}, {-0.5, 0.35}};
  private static final double[] B2 = {0.1, -0.05};

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void gradientsEqualTheOnesWorkedOutByHand(String backend) {
    Sequential model = Sequential.of(Input.shape(2),
        Dense.units(3).withActivation(ActivationFn.TANH).withKernelRegularizer(Regularizer.l2(LAMBDA)),
        Dense.units(2));
    TrainingConfig config = TrainingConfig.of(Optimizer.sgd(0.1), Loss.meanSquaredError()).withDType(DType.FLOAT64);
    try (CompiledModel m = model.compile(Backend.named(backend), config)) {
      m.setWeights(Map.of("dense/kernel", NdValue.fromArray(W1), "dense/bias", NdValue.fromArray(B1),
          "dense_1/kernel", NdValue.fromArray(W2), "dense_1/bias", NdValue.fromArray(B2)));
      LossGradients g = m.gradients(NdValue.fromArray(X), NdValue.fromArray(T));
      Hand hand = new Hand();

      assertEquals(hand.dataLoss, g.dataLoss(), TOLERANCE, "data loss");
      assertEquals(hand.penalty, g.regularizationLoss(), TOLERANCE, "penalty");
      assertEquals(hand.dataLoss + hand.penalty, g.loss(), TOLERANCE, "loss");
      assertEquals(hand.dataLoss, g.outputLosses().get("dense_1"), TOLERANCE, "the output's loss");
      assertClose(hand.dw1, g.weight("dense/kernel"), "∂L/∂W₁");
      assertClose(new double[][] {hand.db1}, g.weight("dense/bias").reshape(Shape.of(1, 3)), "∂L/∂b₁");
      assertClose(hand.dw2, g.weight("dense_1/kernel"), "∂L/∂W₂");
      assertClose(new double[][] {hand.db2}, g.weight("dense_1/bias").reshape(Shape.of(1, 2)), "∂L/∂b₂");
      assertClose(hand.dx, g.input(), "∂L/∂x");
      assertClose(hand.y, g.outputs().get("dense_1"), "y");
      g.weights().values().forEach(v -> assertEquals(DType.FLOAT64, v.dtype()));
      assertEquals(DType.FLOAT64, g.input().dtype());
    }
  }

  private static void assertClose(double[][] expected, NdValue got, String what) {
    assertEquals(Shape.of(expected.length, expected[0].length), got.shape(), what + " shape");
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        assertEquals(expected[i][j], got.getDouble(i, j), TOLERANCE, what + " [" + i + ", " + j + "]");
      }
    }
    assertTrue(got.maxAbsDifference(NdValue.fromArray(expected)) <= TOLERANCE, what);
  }

  /** The forward and backward pass above, written out with loops. */
  private static final class Hand {
    final int n = X.length;
    final double[][] h = new double[n][3];
    final double[][] y = new double[n][2];
    final double[][] dw1 = new double[2][3];
    final double[] db1 = new double[3];
    final double[][] dw2 = new double[3][2];
    final double[] db2 = new double[2];
    final double[][] dx = new double[n][2];
    final double dataLoss;
    final double penalty;

    Hand() {
      double loss = 0;
      double[][] dy = new double[n][2];
      for (int s = 0; s < n; s++) {
        for (int j = 0; j < 3; j++) {
          double z = B1[j];
          for (int i = 0; i < 2; i++) {
            z += X[s][i] * W1[i][j];
          }
          h[s][j] = Math.tanh(z);
        }
        for (int k = 0; k < 2; k++) {
          double v = B2[k];
          for (int j = 0; j < 3; j++) {
            v += h[s][j] * W2[j][k];
          }
          y[s][k] = v;
          loss += (v - T[s][k]) * (v - T[s][k]) / (n * 2);
          dy[s][k] = 2 * (v - T[s][k]) / (n * 2);
        }
      }
      double reg = 0;
      for (int s = 0; s < n; s++) {
        double[] dz = new double[3];
        for (int j = 0; j < 3; j++) {
          double dh = 0;
          for (int k = 0; k < 2; k++) {
            dw2[j][k] += h[s][j] * dy[s][k];
            dh += dy[s][k] * W2[j][k];
          }
          dz[j] = dh * (1 - h[s][j] * h[s][j]);
          db1[j] += dz[j];
        }
        for (int k = 0; k < 2; k++) {
          db2[k] += dy[s][k];
        }
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 3; j++) {
            dw1[i][j] += X[s][i] * dz[j];
            dx[s][i] += dz[j] * W1[i][j];
          }
        }
      }
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 3; j++) {
          dw1[i][j] += 2 * LAMBDA * W1[i][j];
          reg += LAMBDA * W1[i][j] * W1[i][j];
        }
      }
      this.dataLoss = loss;
      this.penalty = reg;
    }
  }
}
