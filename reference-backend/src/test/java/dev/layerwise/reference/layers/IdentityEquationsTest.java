package dev.layerwise.reference.layers;

import static dev.layerwise.reference.RefGradientCheck.checkLayer;
import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Input, Flatten and the linear activation are the identity on the data. */
class IdentityEquationsTest {

  @Test
  void identityForwardAndGradient() {
    IdentityEquations eq = new IdentityEquations();
    double[] x = uniform(new Random(3), 24, -2, 2);
    assertArrayEquals(x, eq.forward(Map.of(), x, false).y());
    checkLayer("identity", eq, Map.of(), x, 4);
  }
}
