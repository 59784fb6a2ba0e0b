package dev.layerwise.reference.layers;

import static dev.layerwise.reference.RefGradientCheck.checkLayer;
import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaxoutEquationsTest {
  /** The smallest gap between a unit's best and second-best piece that FD may see (≫ the FD step). */
  private static final double PIECE_GAP = 0.05;

  @Test
  void forwardByHand() {
    // in 2, 2 units × 2 pieces; W columns: unit 0 = (p0, p1), unit 1 = (p0, p1)
    // x = [1, 2]: z = x·W + b = [1+2·0, 0+2·1, −1+2·1, 1+2·(−1)] + [0, 0.5, 0, 3] = [1, 2.5, 1, 2]
    var eq = new MaxoutEquations(2, 2, 2, true);
    var p = Map.of("kernel", new double[] {1, 0, -1, 1, 0, 1, 1, -1}, "bias", new double[] {0, 0.5, 0, 3});
    assertArrayEquals(new double[] {2.5, 2}, eq.forward(p, new double[] {1, 2}, false).y());
  }

  @Test
  void exactTiesSplitTheGradientEvenly() {
    // in 1, 1 unit × 3 pieces, W = [1, 1, 0.5], x = [2]: z = [2, 2, 1], pieces 0 and 1 tie
    var eq = new MaxoutEquations(1, 1, 3, true);
    var p = Map.of("kernel", new double[] {1, 1, 0.5}, "bias", new double[3]);
    var fwd = eq.forward(p, new double[] {2}, true);
    assertArrayEquals(new double[] {2}, fwd.y());
    var b = eq.backward(p, fwd.saved(), new double[] {3}, true);
    // dz = [3/2, 3/2, 0]; dW = x·dz, db = dz, dx = dz·Wᵀ = 1.5 + 1.5
    assertArrayEquals(new double[] {3, 3, 0}, b.parameterGradients().get("kernel"));
    assertArrayEquals(new double[] {1.5, 1.5, 0}, b.parameterGradients().get("bias"));
    assertArrayEquals(new double[] {3}, b.dx());
  }

  @Test
  void aThreeWayTieGivesAThirdEach() {
    var eq = new MaxoutEquations(1, 1, 3, false);
    var p = Map.of("kernel", new double[] {1, 1, 1});
    var b = eq.backward(p, eq.forward(p, new double[] {-1}, true).saved(), new double[] {0.75}, true);
    assertArrayEquals(new double[] {-0.25, -0.25, -0.25}, b.parameterGradients().get("kernel"));
  }

  @Test
  void gradientsWithPiecesKeptApart() {
    Random r = new Random(61);
    var eq = new MaxoutEquations(4, 3, 3, true);
    Map<String, double[]> p;
    double[] x;
    do { // redraw until every unit's winner leads by PIECE_GAP: no FD probe may change a winner
      p = Map.of("kernel", uniform(r, 4 * 9, -1, 1), "bias", uniform(r, 9, -1, 1));
      x = uniform(r, 5 * 4, -2, 2);
    } while (minGap(eq, p, x, 3) < PIECE_GAP);
    checkLayer("Maxout 4→3×3", eq, p, x, 62);
  }

  @Test
  void higherRankInputMapsOverTheLastAxis() {
    Random r = new Random(63);
    var eq = new MaxoutEquations(3, 2, 2, false);
    Map<String, double[]> p;
    double[] x;
    do {
      p = Map.of("kernel", uniform(r, 3 * 4, -1, 1));
      x = uniform(r, 2 * 4 * 3, -2, 2); // [batch 2, steps 4, in 3]
    } while (minGap(eq, p, x, 2) < PIECE_GAP);
    assertEquals(2 * 4 * 2, eq.forward(p, x, false).y().length);
    checkLayer("Maxout rank 3", eq, p, x, 64);
  }

  /** The smallest lead of a unit's best piece over its second best. */
  private static double minGap(MaxoutEquations eq, Map<String, double[]> p, double[] x, int pieces) {
    double[] z = eq.forward(p, x, false).saved().z();
    double gap = Double.POSITIVE_INFINITY;
    for (int u = 0; u < z.length; u += pieces) {
      double[] group = Arrays.copyOfRange(z, u, u + pieces);
      Arrays.sort(group);
      gap = Math.min(gap, group[pieces - 1] - group[pieces - 2]);
    }
    return gap;
  }
}
