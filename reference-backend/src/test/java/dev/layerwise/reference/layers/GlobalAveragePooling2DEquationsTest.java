package dev.layerwise.reference.layers;

import static dev.layerwise.reference.RefGradientCheck.checkLayer;
import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GlobalAveragePooling2DEquationsTest {

  @Test
  void meanPerChannelByHand() {
    // one 2×2 image with 2 channels: channel 0 = [1, 2, 3, 6], channel 1 = [0, 0, 4, 8]
    var eq = new GlobalAveragePooling2DEquations(4, 2);
    var fwd = eq.forward(Map.of(), new double[] {1, 0, 2, 0, 3, 4, 6, 8}, false);
    assertArrayEquals(new double[] {12 / 4.0, 12 / 4.0}, fwd.y());
    assertArrayEquals(new double[] {1, 2, 1, 2, 1, 2, 1, 2},
        eq.backward(Map.of(), fwd.saved(), new double[] {4, 8}, true).dx());
  }

  @Test
  void gradient() {
    checkLayer("global avg pool", new GlobalAveragePooling2DEquations(12, 3), Map.of(),
        uniform(new Random(131), 2 * 36, -2, 2), 132);
  }
}
