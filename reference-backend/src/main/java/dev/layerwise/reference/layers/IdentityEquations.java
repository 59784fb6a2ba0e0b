package dev.layerwise.reference.layers;

import java.util.Map;

/**
 * Layers that leave the values alone: {@code y = x}, {@code dx = dy}.
 *
 * <ul>
 *   <li>{@code Input}: the batch enters the model unchanged.
 *   <li>{@code Activation(LINEAR)}: f(z) = z, f′ = 1.
 *   <li>{@code Flatten}: {@code [n, d1, …, dk] → [n, d1·…·dk]}. Row-major storage already lays each sample out in
 *       that order (NHWC images with the channel fastest), so only the shape the next layer reads changes.
 *   <li>{@code Reshape}: likewise a new per-sample shape over the same row-major values.
 *   <li>{@code Dropout} at inference (its training mode is {@link DropoutEquations}).
 * </ul>
 */
public final class IdentityEquations implements RefLayerEquations<IdentityEquations.Saved> {

  /** Nothing: the Jacobian is the identity. */
  public record Saved() {}

  private static final Saved NOTHING = new Saved();

  @Override
  public Forward<Saved> forward(Map<String, double[]> params, double[] x, Mode mode) {
    return new Forward<>(x, NOTHING);
  }

  @Override
  public Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    return new Backward(needDx ? dy : null, Map.of());
  }
}
