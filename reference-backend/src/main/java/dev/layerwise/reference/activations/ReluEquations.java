package dev.layerwise.reference.activations;

import dev.layerwise.reference.PlantedFault;

/**
 * The rectifier: {@code f(x) = max(0, x)}, {@code f′(x) = 1 if x > 0 else 0}.
 *
 * <p>At the kink x = 0 the derivative is taken as 0, as TF's {@code ReluGrad} does (it passes the gradient only
 * where the output is strictly positive). Units whose input stays negative get no gradient at all: the "dying
 * ReLU".
 */
public final class ReluEquations extends ElementwiseEquations {
  @Override
  protected double value(double x) {
    return x > 0 ? x : 0;
  }

  @Override
  protected double derivative(double x, double y) {
    if (PlantedFault.RELU_GRADIENT_WRONG_SIDE.isPlanted()) {
      return x < 0 ? 1 : 0;
    }
    return x > 0 ? 1 : 0;
  }
}
