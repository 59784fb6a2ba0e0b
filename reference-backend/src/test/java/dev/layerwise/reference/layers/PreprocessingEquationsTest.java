package dev.layerwise.reference.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rescaling's and Normalization's equations against values worked by hand, Keras's documented examples among
 * them (keras/src/layers/preprocessing/normalization.py and rescaling_test.py).
 */
class PreprocessingEquationsTest {
  private static final double EPS = 1e-7;

  /** Keras's rescaling_test: scale 1/255, offset 0.5 gives x/255 + 0.5; the gradient is scaled by 1/255. */
  @Test
  void rescalingIsAnAffineMapWithAScaledGradient() {
    RescalingEquations r = new RescalingEquations(1 / 255.0, 0.5);
    var f = r.forward(Map.of(), new double[] {0, 127.5, 255}, false);
    assertArrayEquals(new double[] {0.5, 1, 1.5}, f.y(), 1e-15);
    assertArrayEquals(new double[] {1 / 255.0, -2 / 255.0, 0},
        r.backward(Map.of(), f.saved(), new double[] {1, -2, 0}, true).dx(), 1e-15);
    assertNull(r.backward(Map.of(), f.saved(), new double[3], false).dx());
  }

  /** Keras's docstring: mean 3, variance 2 maps [1, 2, 3] to [−√2, −1/√2, 0]; dx = dy/√2. */
  @Test
  void normalizationWithGivenStatisticsAsKerasDocuments() {
    NormalizationEquations n = new NormalizationEquations(1, new int[] {0}, false, EPS);
    Map<String, double[]> p = Map.of("mean", new double[] {3}, "variance", new double[] {2});
    var f = n.forward(p, new double[] {1, 2, 3}, false);
    assertArrayEquals(new double[] {-Math.sqrt(2), -1 / Math.sqrt(2), 0}, f.y(), 1e-15);
    assertArrayEquals(new double[] {1 / Math.sqrt(2), 0, -2 / Math.sqrt(2)},
        n.backward(p, f.saved(), new double[] {1, 0, -2}, true).dx(), 1e-15);
  }

  /** Keras's docstring: statistics adapted to its four rows (μ = [1, 8, 5], σ² = 1) map [0, 7, 4] to −1 each. */
  @Test
  void normalizationPerColumnAsKerasDocuments() {
    NormalizationEquations n = new NormalizationEquations(3, new int[] {0, 1, 2}, false, EPS);
    Map<String, double[]> p = Map.of("mean", new double[] {1, 8, 5}, "variance", new double[] {1, 1, 1});
    assertArrayEquals(new double[] {-1, -1, -1, 1, 1, 1}, n.forward(p, new double[] {0, 7, 4, 2, 9, 6}, true).y(),
        0);
  }

  /** A constant feature (σ² = 0) is divided by ε = 1e-7, Keras's max(√σ², ε), not by 0; so is its gradient. */
  @Test
  void aZeroVarianceDividesByEpsilon() {
    NormalizationEquations n = new NormalizationEquations(2, new int[] {0, 1}, false, EPS);
    Map<String, double[]> p = Map.of("mean", new double[] {5, 0}, "variance", new double[] {0, 4});
    var f = n.forward(p, new double[] {5, 2, 5 + 1e-7, -2}, false);
    assertArrayEquals(new double[] {0, 1, 1, -1}, f.y(), 1e-8);
    double[] dx = n.backward(p, f.saved(), new double[] {1, 1, 1, 1}, true).dx();
    assertArrayEquals(new double[] {1e7, 0.5, 1e7, 0.5}, dx, 1e-6);
    assertTrue(java.util.Arrays.stream(f.y()).allMatch(Double::isFinite));
  }

  /**
   * Along the first axis of [2, 3] samples: row r of every sample uses entry r. Sample [[1, 2, 3],
   * [4, 6, 8]] with μ = [2, 6], σ² = [4, 1]: [[−0.5, 0, 0.5], [−2, 0, 2]].
   */
  @Test
  void normalizationAlongANonLastAxis() {
    NormalizationEquations n = new NormalizationEquations(2, new int[] {0, 0, 0, 1, 1, 1}, false, EPS);
    Map<String, double[]> p = Map.of("mean", new double[] {2, 6}, "variance", new double[] {4, 1});
    var f = n.forward(p, new double[] {1, 2, 3, 4, 6, 8, 2, 2, 2, 6, 6, 6}, true);
    assertArrayEquals(new double[] {-0.5, 0, 0.5, -2, 0, 2, 0, 0, 0, 0, 0, 0}, f.y(), 1e-15);
    double[] dy = {2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1};
    assertArrayEquals(new double[] {1, 1, 1, 2, 2, 2, 0.5, 0.5, 0.5, 1, 1, 1},
        n.backward(p, f.saved(), dy, true).dx(), 1e-15);
  }

  /** Mean only: y = x − μ, dx = dy, no variance weight read; no parameter gradients, no state updates. */
  @Test
  void meanOnlyCentresAndPassesTheGradient() {
    NormalizationEquations n = new NormalizationEquations(2, new int[] {0, 1}, true, EPS);
    Map<String, double[]> p = Map.of("mean", new double[] {10, -1});
    var f = n.forward(p, new double[] {10, 1, 12, 0}, true);
    assertArrayEquals(new double[] {0, 2, 2, 1}, f.y(), 0);
    var b = n.backward(p, f.saved(), new double[] {3, 4, 5, 6}, true);
    assertArrayEquals(new double[] {3, 4, 5, 6}, b.dx(), 0);
    assertTrue(b.parameterGradients().isEmpty());
    assertTrue(n.stateUpdates(p, f.saved()).isEmpty());
  }
}
