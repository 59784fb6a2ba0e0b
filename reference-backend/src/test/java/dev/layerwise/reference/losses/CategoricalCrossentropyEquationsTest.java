package dev.layerwise.reference.losses;

import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.layerwise.reference.activations.SoftmaxEquations;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CategoricalCrossentropyEquationsTest {
  private final CategoricalCrossentropyEquations probs = new CategoricalCrossentropyEquations(false, 3);
  private final CategoricalCrossentropyEquations logits = new CategoricalCrossentropyEquations(true, 3);

  @Test
  void probabilitiesValueByHand() {
    // rows [0.2, 0.3, 0.5] with label 1 and [0.4, 0.6, 1.0] (sums to 2, renormalised to the same) with label 1
    double loss = probs.loss(new double[] {0.2, 0.3, 0.5, 0.4, 0.6, 1.0}, new double[] {0, 1, 0, 0, 1, 0});
    assertEquals(-Math.log(0.3), loss, 1e-15);
  }

  @Test
  void probabilitiesGradientIncludesTheRenormalisation() {
    // unnormalised p and soft labels: the Σ y / Σ p term is what FD sees
    Random r = new Random(31);
    var eq = new CategoricalCrossentropyEquations(false, 4);
    double[] p = uniform(r, 12, 0.1, 1);
    double[] y = uniform(r, 12, 0, 1);
    LossChecks.checkGradient("cce(probs)", eq, p, y);
    // without the term, the gradient would be −y/p/R: make sure it differs, so the check above means something
    assertNotEquals(-y[0] / (p[0] / (p[0] + p[1] + p[2] + p[3])) / 3 / (p[0] + p[1] + p[2] + p[3]),
        eq.gradient(p, y)[0], 1e-6);
  }

  @Test
  void probabilitiesClipped() {
    // q = 0 for the true class: loss −log ε, and no gradient flows through the flat clip
    assertEquals(-Math.log(1e-7), probs.loss(new double[] {0, 1, 0}, new double[] {1, 0, 0}), 1e-12);
    for (double g : probs.gradient(new double[] {0, 1, 0}, new double[] {1, 0, 0})) {
      assertEquals(0, g);
    }
  }

  @Test
  void logitsValueByHand() {
    double expected = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
    assertEquals(expected, logits.loss(new double[] {1, 2, 3}, new double[] {0, 0, 1}), 1e-15);
  }

  @Test
  void logitsGradientWithSoftLabels() {
    // labels that do not sum to 1 exercise the softmax·Σy factor
    Random r = new Random(33);
    LossChecks.checkGradient("cce(logits)", logits, uniform(r, 12, -3, 3), uniform(r, 12, 0, 1));
  }

  @Test
  void logitsAgreeWithProbabilitiesOfTheirSoftmax() {
    Random r = new Random(35);
    double[] z = uniform(r, 9, -3, 3);
    double[] y = {0, 1, 0, 0.5, 0.5, 0, 0, 0, 1};
    assertEquals(probs.loss(SoftmaxEquations.softmax(z, 3), y), logits.loss(z, y), 1e-14);
  }

  @Test
  void logitsStable() {
    // log(e^1000 + e^1001 + e^−1000) + 1000 = 1001 + log(1 + e^−1) + 1000, with e^−2001 lost below an ulp
    double expected = 2001 + Math.log(1 + Math.exp(-1));
    assertEquals(expected, logits.loss(new double[] {1000, 1001, -1000}, new double[] {0, 0, 1}), 1e-12);
  }
}
