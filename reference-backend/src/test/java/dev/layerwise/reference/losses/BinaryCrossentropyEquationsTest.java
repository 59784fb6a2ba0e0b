package dev.layerwise.reference.losses;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.reference.activations.SigmoidEquations;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinaryCrossentropyEquationsTest {
  private final BinaryCrossentropyEquations probs = new BinaryCrossentropyEquations(false);
  private final BinaryCrossentropyEquations logits = new BinaryCrossentropyEquations(true);

  @Test
  void probabilitiesValueByHand() {
    // p = [0.2, 0.7 | 0.9, 0.4], y = [0, 1 | 1, 0]: the probabilities given to the right answers are .8 .7 .9 .6
    double expected = -(Math.log(0.8) + Math.log(0.7) + Math.log(0.9) + Math.log(0.6)) / 4;
    assertEquals(expected, probs.loss(new double[] {0.2, 0.7, 0.9, 0.4}, new double[] {0, 1, 1, 0}), 1e-15);
  }

  @Test
  void probabilitiesGradient() {
    Random r = new Random(23);
    LossChecks.checkGradient("bce(probs)", probs, uniform(r, 12, 0.02, 0.98), uniform(r, 12, 0, 1));
  }

  @Test
  void clipEdges() {
    double eps = 1e-7;
    // strictly outside [ε, 1 − ε]: the clip is flat, no gradient; the loss reads the clipped value
    assertEquals(-Math.log(eps), probs.loss(new double[] {0}, new double[] {1}), 1e-12);
    assertArrayEquals(new double[] {0}, probs.gradient(new double[] {0}, new double[] {1}));
    assertArrayEquals(new double[] {0}, probs.gradient(new double[] {1e-8}, new double[] {1}));
    assertEquals(-Math.log(1 - eps), probs.loss(new double[] {1}, new double[] {1}), 1e-20);
    assertArrayEquals(new double[] {0}, probs.gradient(new double[] {1}, new double[] {1}));
    // exactly at the boundary the gradient passes (ClipByValue): (ε − 1) / (ε (1 − ε)) = −1/ε
    assertEquals(-1 / eps, probs.gradient(new double[] {eps}, new double[] {1})[0], 1e-6);
  }

  @Test
  void logitsValueByHand() {
    double[] z = {0.5, -1.5, 2.0, 0.0};
    double[] y = {1, 0, 0.3, 1};
    double expected = 0;
    for (int i = 0; i < 4; i++) {
      expected += y[i] * Math.log(1 + Math.exp(-z[i])) + (1 - y[i]) * Math.log(1 + Math.exp(z[i]));
    }
    assertEquals(expected / 4, logits.loss(z, y), 1e-15);
  }

  @Test
  void logitsGradient() {
    Random r = new Random(25);
    LossChecks.checkGradient("bce(logits)", logits, uniform(r, 12, -4, 4), uniform(r, 12, 0, 1));
  }

  @Test
  void logitsAgreeWithProbabilitiesOfTheirSigmoid() {
    Random r = new Random(27);
    double[] z = uniform(r, 10, -3, 3);
    double[] y = uniform(r, 10, 0, 1);
    double[] p = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      p[i] = SigmoidEquations.sigmoid(z[i]);
    }
    assertEquals(probs.loss(p, y), logits.loss(z, y), 1e-14);
  }

  @Test
  void logitsStableWhereSigmoidSaturates() {
    // σ(1000) is 1 in double and log(1 − 1) = −∞; softplus keeps the loss exact: ℓ = 1000 for y = 0
    assertEquals(500, logits.loss(new double[] {1000, -1000}, new double[] {0, 0}), 1e-12);
    assertAllClose("bce(logits) grad", new double[] {0.5, 0},
        logits.gradient(new double[] {1000, -1000}, new double[] {0, 0}), 0, 1e-15);
  }
}
