package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import dev.layerwise.init.Initializer;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch normalisation over the last axis (features after Dense, channels after Conv2D), statistics taken over all
 * other axes (the batch, and height and width for images). Per channel c, with n values in the batch:
 *
 * <ul>
 *   <li>training: {@code μ = (1/n)Σx}, {@code σ² = (1/n)Σ(x − μ)²} (biased), {@code x̂ = (x − μ)/√(σ² + ε)},
 *       {@code y = γ·x̂ + β}; then the moving statistics move towards the batch's:
 *       {@code moving_mean ← m·moving_mean + (1 − m)·μ}, {@code moving_variance ← m·moving_variance + (1 − m)·σ²}
 *       — with the <b>biased</b> σ², as Keras does (TF's fused kernel would hand back the Bessel-corrected
 *       n/(n−1)·σ²; this layer is built from primitives instead)
 *   <li>inference: {@code y = γ·(x − moving_mean)/√(moving_variance + ε) + β}
 *   <li>backward (training): {@code dx = γ/√(σ² + ε)·(dy − mean(dy) − x̂·mean(dy ⊙ x̂))}, {@code dγ = Σ dy ⊙ x̂},
 *       {@code dβ = Σ dy}
 * </ul>
 *
 * <p>Weights: {@code gamma} (if scale), {@code beta} (if center), and the non-trainable {@code moving_mean}
 * (zeros) and {@code moving_variance} (ones), each {@code [channels]}. Since β re-centres every channel, a bias
 * in the layer just before is redundant: give that Dense or Conv2D {@code useBias = false} (the model summary
 * points it out). Keras defaults: momentum 0.99, ε 1e-3.
 */
public record BatchNormalization(String name, double momentum, double epsilon, boolean center, boolean scale,
    Initializer betaInitializer, Initializer gammaInitializer, Initializer movingMeanInitializer,
    Initializer movingVarianceInitializer) implements Layer {

  public BatchNormalization {
    LayerNames.check("BatchNormalization", name);
    String who = LayerNames.describe("BatchNormalization", name);
    checkArgument(momentum >= 0 && momentum < 1, "%s: momentum must be in [0, 1), got %s", who, momentum);
    checkArgument(epsilon > 0 && Double.isFinite(epsilon), "%s: epsilon must be positive, got %s", who, epsilon);
    requireNonNull(betaInitializer, who + ": betaInitializer");
    requireNonNull(gammaInitializer, who + ": gammaInitializer");
    requireNonNull(movingMeanInitializer, who + ": movingMeanInitializer");
    requireNonNull(movingVarianceInitializer, who + ": movingVarianceInitializer");
  }

  /** Keras's defaults: momentum 0.99, ε 1e-3, center and scale, γ = 1, β = 0. */
  public static BatchNormalization create() {
    return new BatchNormalization(null, 0.99, 1e-3, true, true, Initializer.zeros(), Initializer.ones(),
        Initializer.zeros(), Initializer.ones());
  }

  @Override
  public BatchNormalization withName(String name) {
    return new BatchNormalization(name, momentum, epsilon, center, scale, betaInitializer, gammaInitializer,
        movingMeanInitializer, movingVarianceInitializer);
  }

  public BatchNormalization withMomentum(double momentum) {
    return new BatchNormalization(name, momentum, epsilon, center, scale, betaInitializer, gammaInitializer,
        movingMeanInitializer, movingVarianceInitializer);
  }

  public BatchNormalization withEpsilon(double epsilon) {
    return new BatchNormalization(name, momentum, epsilon, center, scale, betaInitializer, gammaInitializer,
        movingMeanInitializer, movingVarianceInitializer);
  }

  public BatchNormalization withCenter(boolean center) {
    return new BatchNormalization(name, momentum, epsilon, center, scale, betaInitializer, gammaInitializer,
        movingMeanInitializer, movingVarianceInitializer);
  }

  public BatchNormalization withScale(boolean scale) {
    return new BatchNormalization(name, momentum, epsilon, center, scale, betaInitializer, gammaInitializer,
        movingMeanInitializer, movingVarianceInitializer);
  }

  public BatchNormalization withBetaInitializer(Initializer betaInitializer) {
    return new BatchNormalization(name, momentum, epsilon, center, scale, betaInitializer, gammaInitializer,
        movingMeanInitializer, movingVarianceInitializer);
  }

  public BatchNormalization withGammaInitializer(Initializer gammaInitializer) {
    return new BatchNormalization(name, momentum, epsilon, center, scale, betaInitializer, gammaInitializer,
        movingMeanInitializer, movingVarianceInitializer);
  }

  public BatchNormalization withMovingMeanInitializer(Initializer movingMeanInitializer) {
    return new BatchNormalization(name, momentum, epsilon, center, scale, betaInitializer, gammaInitializer,
        movingMeanInitializer, movingVarianceInitializer);
  }

  public BatchNormalization withMovingVarianceInitializer(Initializer movingVarianceInitializer) {
    return new BatchNormalization(name, momentum, epsilon, center, scale, betaInitializer, gammaInitializer,
        movingMeanInitializer, movingVarianceInitializer);
  }

  @Override
  public Shape outputShape(Shape input) {
    return LayerShapes.same(this, input);
  }

  @Override
  public List<WeightSpec> weights(Shape input) {
    Shape c = Shape.of(outputShape(input).last());
    List<WeightSpec> w = new ArrayList<>(4);
    if (scale) {
      w.add(WeightSpec.trainable("gamma", c, gammaInitializer));
    }
    if (center) {
      w.add(WeightSpec.trainable("beta", c, betaInitializer));
    }
    w.add(WeightSpec.state("moving_mean", c, movingMeanInitializer));
    w.add(WeightSpec.state("moving_variance", c, movingVarianceInitializer));
    return List.copyOf(w);
  }

  @Override
  public String namePrefix() {
    return "batch_normalization";
  }

  @Override
  public <C, R> R accept(LayerVisitor<C, R> visitor, C context) {
    return visitor.visitBatchNormalization(this, context);
  }
}
