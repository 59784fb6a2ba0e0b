package dev.layerwise.losses;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;

/**
 * Huber loss: quadratic for small errors, linear for large ones, so outliers pull less than under mean squared
 * error. With {@code e = p − y} per output value and the K values of a sample,
 *
 * <pre>
 *   h(e) = ½ e²              if |e| ≤ δ
 *        = δ |e| − ½ δ²      if |e| &gt; δ
 *   ℓ = (1/K) Σ_k h(e_k)     (the mean over every element of the batch, as mean squared error)
 *   ∂L/∂p = h′(e) / (N·K),   h′(e) = e if |e| ≤ δ, else δ·sign(e)
 * </pre>
 *
 * <p>h is once differentiable everywhere (both pieces meet with value ½δ² and slope ±δ at |e| = δ); only its
 * second derivative jumps there. Keras: {@code keras.losses.Huber(delta=1.0)}, identifier {@code "huber"}. Labels
 * have the output's shape.
 *
 * @param delta δ &gt; 0, where the loss turns from quadratic to linear
 */
public record Huber(double delta) implements Loss {
  /** Keras's default δ. */
  public static final double DEFAULT_DELTA = 1.0;

  public Huber {
    checkArgument(delta > 0 && Double.isFinite(delta), "Huber: delta must be positive and finite, got %s", delta);
  }

  public Huber withDelta(double delta) {
    return new Huber(delta);
  }

  @Override
  public boolean fromLogits() {
    return false;
  }

  @Override
  public String kerasName() {
    return "huber";
  }

  @Override
  public Shape labelShape(Shape outputShape) {
    return outputShape;
  }

  @Override
  public <R> R accept(LossVisitor<R> visitor) {
    return visitor.visitHuber(this);
  }
}
