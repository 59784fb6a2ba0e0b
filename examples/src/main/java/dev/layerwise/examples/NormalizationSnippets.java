package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Sequential;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Padding;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.NdValue;
import java.util.Map;

/**
 * The code samples of the guide page {@code docs/normalization-and-dropout.md}, verbatim between {@code // region NAME}
 * and {@code // endregion NAME}. {@code DocSnippetsTest} checks that each {@code java} block of the page shows exactly
 * these lines; {@code NormalizationSnippetsTest} builds or runs each sample as the page describes it.
 */
public final class NormalizationSnippets {
  private NormalizationSnippets() {}

  /** Batch normalisation after a Dense layer, before its non-linearity. */
  public static Sequential batchNormDense() {
    // region batchnorm-dense
    Sequential model = Sequential.of(
        Input.shape(784),
        Dense.units(256).withUseBias(false),        // BN's β does the bias's job
        BatchNormalization.create(),                // per unit, over the batch
        Activation.of(ActivationFn.RELU),
        Dense.units(10));
    // endregion batchnorm-dense
    return model;
  }

  /** A bias right before batch normalisation: the summary points it out. */
  public static Sequential batchNormRedundantBias() {
    // region batchnorm-bias
    Sequential model = Sequential.of(
        Input.shape(784),
        Dense.units(256),                           // a bias that BN subtracts again
        BatchNormalization.create(),
        Activation.of(ActivationFn.RELU));
    System.out.println(model.summary());
    // endregion batchnorm-bias
    return model;
  }

  /** Batch normalisation after a convolution: one γ, β and pair of statistics per channel. */
  public static Sequential batchNormConv() {
    // region batchnorm-conv
    Sequential model = Sequential.of(
        Input.shape(28, 28, 1),
        Conv2D.of(32, 3).withPadding(Padding.SAME).withUseBias(false),
        BatchNormalization.create()                 // per channel, over batch, height and width
            .withMomentum(0.9).withEpsilon(1e-5),   // PyTorch's defaults, if porting a model
        Activation.of(ActivationFn.RELU));
    // endregion batchnorm-conv
    return model;
  }

  /** One training step of a lone batch-norm layer and the moving statistics it leaves behind. */
  public static Map<String, NdValue> batchNormMovingStatistics(Backend backend, Dataset batch) {
    Map<String, NdValue> weights;
    // region batchnorm-moving
    Sequential model = Sequential.of(Input.shape(3), BatchNormalization.create().withMomentum(0.9));
    try (CompiledModel m = model.compile(backend, Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      m.fit(batch, FitOptions.builder().batchSize(batch.size()).quiet().build());   // one step
      weights = m.weights();
      // batch_normalization/moving_mean:     0.9·0 + 0.1·μ
      // batch_normalization/moving_variance: 0.9·1 + 0.1·σ², σ² = (1/n)Σ(x − μ)² (biased)
    }
    // endregion batchnorm-moving
    return weights;
  }

  /** Dropout between two Dense layers. */
  public static Sequential dropout() {
    // region dropout
    Sequential model = Sequential.of(
        Input.shape(28, 28),
        Flatten.create(),
        Dense.units(512).withActivation(ActivationFn.RELU),
        Dropout.rate(0.5),                          // training: keep with p = 0.5, scale by 2; inference: identity
        Dense.units(10));
    // endregion dropout
    return model;
  }
}
