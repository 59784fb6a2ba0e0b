package dev.layerwise.reference.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.layerwise.optimizers.GradientClipping;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingEquationsTest {

  private static List<double[]> clip(GradientClipping clipping, double[]... gradients) {
    return new GradientClippingEquations(clipping).apply(List.of(gradients));
  }

  @Test
  void byValueClipsEachElement() {
    double[] g = {0.25, -2, 0.75, -0.5};
    List<double[]> out = clip(GradientClipping.byValue(0.5), g);
    assertArrayEquals(new double[] {0.25, -0.5, 0.5, -0.5}, out.get(0));
    assertArrayEquals(new double[] {0.25, -2, 0.75, -0.5}, g, "the given gradient is not written");
  }

  @Test
  void byNormScalesEachTensorOnItsOwn() {
    // ‖{3, 4}‖ = 5 > 1: scaled by 1/5; ‖{0.3, 0.4}‖ = 0.5 ≤ 1: left exactly as it was
    double[] big = {3, 4};
    double[] small = {0.3, 0.4};
    List<double[]> out = clip(GradientClipping.byNorm(1), big, small);
    assertArrayEquals(new double[] {0.6, 0.8}, out.get(0), 1e-15);
    assertArrayEquals(new double[] {0.3, 0.4}, out.get(1), 0.0);
    assertArrayEquals(new double[] {3, 4}, big);
  }

  @Test
  void byGlobalNormScalesAllTensorsTogether() {
    // G = √(3² + 4²) = 5 > 1: both scaled by 1/5, keeping the direction of the whole update. Per tensor, each of
    // {3} and {4} would have been cut to {1}.
    List<double[]> out = clip(GradientClipping.byGlobalNorm(1), new double[] {3}, new double[] {4});
    assertArrayEquals(new double[] {0.6}, out.get(0), 1e-15);
    assertArrayEquals(new double[] {0.8}, out.get(1), 1e-15);
    List<double[]> perTensor = clip(GradientClipping.byNorm(1), new double[] {3}, new double[] {4});
    assertArrayEquals(new double[] {1}, perTensor.get(0));
    assertArrayEquals(new double[] {1}, perTensor.get(1));
  }

  @Test
  void belowTheThresholdNothingChanges() {
    // G = √(0.09 + 0.16 + 0.01) ≈ 0.51 < 1; each tensor's norm is below 1; every element is inside [−1, 1]
    double[] a = {0.3, -0.1};
    double[] b = {0.4};
    for (GradientClipping c : List.of(GradientClipping.byValue(1), GradientClipping.byNorm(1),
        GradientClipping.byGlobalNorm(1))) {
      List<double[]> out = clip(c, a, b);
      assertArrayEquals(a, out.get(0), 0.0, c.toString());
      assertArrayEquals(b, out.get(1), 0.0, c.toString());
    }
  }

  @Test
  void zeroGradientsStayZero() {
    // norm 0: the scale is c/max(0, c) = 1, not 0/0
    assertArrayEquals(new double[2], clip(GradientClipping.byNorm(1), new double[2]).get(0), 0.0);
    assertArrayEquals(new double[2], clip(GradientClipping.byGlobalNorm(1), new double[2]).get(0), 0.0);
  }

  @Test
  void noneHandsBackTheGradients() {
    double[] g = {100};
    assertSame(g, clip(GradientClipping.NONE, g).get(0));
    assertEquals(25.0, GradientClippingEquations.sumOfSquares(new double[] {3, -4}));
  }
}
