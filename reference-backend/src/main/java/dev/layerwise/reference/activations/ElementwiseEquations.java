package dev.layerwise.reference.activations;

import dev.layerwise.reference.layers.RefLayerEquations;
import java.util.Map;

/**
 * An activation applied to each element on its own: {@code y = f(x)} and, because ∂yᵢ/∂xⱼ = 0 for i ≠ j, the
 * Jacobian is diagonal and {@code dx = dy ⊙ f′(x)}. Subclasses state f and f′ side by side; f′ may use the input
 * x or the output y, whichever gives the simpler formula (tanh′ = 1 − y²). Each states its convention at a kink
 * (ReLU′(0) = 0, LeakyReLU′(0) = α, ELU′(0) = α, SELU′(0) = λ), since finite differences cannot decide it.
 */
public abstract class ElementwiseEquations implements RefLayerEquations<ElementwiseEquations.Saved> {

  /** The input and output of the forward pass. */
  public record Saved(double[] x, double[] y) {}

  /** f(x). */
  protected abstract double value(double x);

  /** f′(x), given also y = f(x). */
  protected abstract double derivative(double x, double y);

  @Override
  public final Forward<Saved> forward(Map<String, double[]> params, double[] x, Mode mode) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = value(x[i]);
    }
    return new Forward<>(y, new Saved(x, y));
  }

  @Override
  public final Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    if (!needDx) {
      return new Backward(null, Map.of());
    }
    double[] dx = new double[dy.length];
    for (int i = 0; i < dx.length; i++) {
      dx[i] = dy[i] * derivative(saved.x()[i], saved.y()[i]);
    }
    return new Backward(dx, Map.of());
  }
}
