package dev.layerwise.reference.losses;

import static dev.layerwise.reference.RefGradientCheck.assertGradient;
import static dev.layerwise.reference.RefGradientCheck.centralDifference;

/** The loss half of the harness: a loss's gradient against finite differences of its own value. */
final class LossChecks {
  private LossChecks() {}

  static void checkGradient(String name, RefLossEquations eq, double[] output, double[] labels) {
    double[] fd = centralDifference(output.clone(), o -> eq.loss(o, labels));
    assertGradient(name + " dL/doutput", fd, eq.gradient(output, labels));
  }
}
