package dev.layerwise.reference.losses;

import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MeanSquaredErrorEquationsTest {
  private final MeanSquaredErrorEquations mse = new MeanSquaredErrorEquations();

  @Test
  void valueByHand() {
    // 2 samples × 2 outputs, differences 0.5, 0, 2, −1: (0.25 + 0 + 4 + 1) / 4
    assertEquals(1.3125, mse.loss(new double[] {1, 2, 3, 4}, new double[] {0.5, 2, 1, 5}), 1e-15);
  }

  @Test
  void gradient() {
    Random r = new Random(21);
    LossChecks.checkGradient("mse", mse, uniform(r, 12, -2, 2), uniform(r, 12, -2, 2));
  }

  @Test
  void refusesMismatchedLabels() {
    var e = assertThrows(IllegalArgumentException.class, () -> mse.loss(new double[4], new double[3]));
    assertEquals("mean_squared_error: labels must have the output's 4 values, got 3", e.getMessage());
  }
}
