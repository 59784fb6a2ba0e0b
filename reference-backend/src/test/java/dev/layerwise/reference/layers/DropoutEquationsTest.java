package dev.layerwise.reference.layers;

import static dev.layerwise.reference.RefGradientCheck.checkLayer;
import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.layerwise.reference.layers.RefLayerEquations.Mode;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DropoutEquationsTest {

  @Test
  void trainingScalesKeptUnitsByOneOverKeep() {
    // rate 0.75: kept values × 1/(1 − 0.75) = 4
    var eq = new DropoutEquations(0.75, "Dropout 'd'");
    double[] m = {1, 0, 1, 0};
    var fwd = eq.forward(Map.of(), new double[] {1, 2, -3, 4}, Mode.training(m));
    assertArrayEquals(new double[] {4, 0, -12, 0}, fwd.y());
    assertArrayEquals(new double[] {2, 0, 4, 0},
        eq.backward(Map.of(), fwd.saved(), new double[] {0.5, 7, 1, 7}, true).dx());
  }

  @Test
  void inferenceIsTheIdentity() {
    var eq = new DropoutEquations(0.5, "Dropout 'd'");
    double[] x = {1, 2, 3};
    var fwd = eq.forward(Map.of(), x, Mode.INFERENCE);
    assertArrayEquals(x, fwd.y());
    double[] dy = {4, 5, 6};
    assertSame(dy, eq.backward(Map.of(), fwd.saved(), dy, true).dx());
  }

  @Test
  void gradientWithAFixedMask() {
    Random r = new Random(71);
    double[] m = new double[30];
    for (int i = 0; i < m.length; i++) {
      m[i] = r.nextDouble() < 0.6 ? 1 : 0;
    }
    checkLayer("Dropout 0.4", new DropoutEquations(0.4, "Dropout"), Map.of(), Set.of(), uniform(r, 30, -2, 2),
        Mode.training(m), 72);
  }

  @Test
  void refusesMissingOrMalformedMasks() {
    var eq = new DropoutEquations(0.5, "Dropout 'drop'");
    var e = assertThrows(IllegalArgumentException.class, () -> eq.forward(Map.of(), new double[2], Mode.TRAINING));
    assertEquals("Dropout 'drop': a training-mode pass needs the dropout mask, got none", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> eq.forward(Map.of(), new double[2], Mode.training(new double[3])));
    assertEquals("Dropout 'drop': the mask must have one value per input element, 2, got 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> eq.forward(Map.of(), new double[2], Mode.training(new double[] {1, 0.5})));
    assertEquals("Dropout 'drop': mask values are 0 (drop) or 1 (keep), got 0.5 at index 1", e.getMessage());
  }
}
