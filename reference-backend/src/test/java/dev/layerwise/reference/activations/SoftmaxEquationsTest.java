package dev.layerwise.reference.activations;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static dev.layerwise.reference.RefGradientCheck.checkLayer;
import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.Shape;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SoftmaxEquationsTest {

  @Test
  void forwardByHand() {
    double[] y = new SoftmaxEquations(3).forward(Map.of(), new double[] {1, 2, 3, 0, 0, 0}, false).y();
    double s = Math.exp(1) + Math.exp(2) + Math.exp(3);
    assertAllClose("softmax", new double[] {Math.exp(1) / s, Math.exp(2) / s, Math.exp(3) / s, 1 / 3.0, 1 / 3.0,
        1 / 3.0}, y, 0, 1e-15);
  }

  @Test
  void gradientThroughRandomCotangent() {
    // 4 rows of 5 classes; L = Σ R ⊙ y, since Σ y = 1 per row would have a zero gradient
    checkLayer("softmax", new SoftmaxEquations(5), Map.of(), uniform(new Random(17), 20, -3, 3), 18);
  }

  @Test
  void stableForLargeLogits() {
    double[] y = new SoftmaxEquations(2).forward(Map.of(), new double[] {1000, 999, -1000, -1001}, false).y();
    double p = 1 / (1 + Math.exp(-1));
    assertAllClose("softmax at ±1000", new double[] {p, 1 - p, p, 1 - p}, y, 0, 1e-15);
  }

  @Test
  void rowsSumToOne() {
    double[] y = new SoftmaxEquations(7).forward(Map.of(), uniform(new Random(19), 21, -5, 5), false).y();
    for (int r = 0; r < 3; r++) {
      double s = 0;
      for (int j = 0; j < 7; j++) {
        s += y[r * 7 + j];
      }
      assertEquals(1, s, 1e-15);
    }
  }

  @Test
  void firstAxisByHand() {
    // one sample [3, 2], softmax over axis 0: each column of three is normalised on its own
    double[] x = {1, 0, 2, 0, 3, 5};
    double[] y = SoftmaxEquations.overAxis(Shape.of(3, 2), 0).forward(Map.of(), x, false).y();
    double a = Math.exp(1) + Math.exp(2) + Math.exp(3);
    double b = 1 + 1 + Math.exp(5);
    assertAllClose("softmax axis 0", new double[] {Math.exp(1) / a, 1 / b, Math.exp(2) / a, 1 / b, Math.exp(3) / a,
        Math.exp(5) / b}, y, 0, 1e-15);
  }

  @Test
  void lastAxisIsActivationSoftmax() {
    double[] x = uniform(new Random(20), 24, -3, 3);
    assertArrayEquals(new SoftmaxEquations(4).forward(Map.of(), x, false).y(),
        SoftmaxEquations.overAxis(Shape.of(2, 3, 4), 2).forward(Map.of(), x, false).y());
  }

  @Test
  void gradientOverAMiddleAxis() {
    // 2 samples of [2, 3, 4], softmax over the axis of 3
    checkLayer("softmax axis 1", SoftmaxEquations.overAxis(Shape.of(2, 3, 4), 1), Map.of(),
        uniform(new Random(21), 48, -3, 3), 22);
  }

  @Test
  void gradientOverTheFirstAxis() {
    checkLayer("softmax axis 0", SoftmaxEquations.overAxis(Shape.of(5, 2), 0), Map.of(),
        uniform(new Random(23), 30, -3, 3), 24);
  }
}
