package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Sequential;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.NdValue;

/**
 * The code samples of the guide page {@code docs/initializers.md}, verbatim between {@code // region NAME} and {@code
 * // endregion NAME}. {@code DocSnippetsTest} checks that each {@code java} block of the page shows exactly these
 * lines; {@code InitializerSnippetsTest} builds or runs each sample as the page describes it.
 */
public final class InitializerSnippets {
  private InitializerSnippets() {}

  /** Choosing initializers per layer. */
  public static Sequential initializers() {
    // region initializers
    Sequential model = Sequential.of(
        Input.shape(784),
        Dense.units(256).withActivation(ActivationFn.TANH),                 // Glorot uniform: the default
        Dense.units(256).withActivation(ActivationFn.RELU)
            .withKernelInitializer(Initializer.heNormal()),                 // Var(w) = 2/fanIn for ReLU
        Dense.units(10)
            .withKernelInitializer(Initializer.randomNormal(0.01))          // N(0, 0.01²)
            .withBiasInitializer(Initializer.constant(0.1)))
        .withSeed(42);                                                      // same weights on every backend
    // endregion initializers
    return model;
  }

  /** Equal initial weights stay equal: the hidden units of this model never become different. */
  public static NdValue symmetryTrap(Backend backend, Dataset train) {
    NdValue kernel;
    // region symmetry-trap
    Sequential model = Sequential.of(
        Input.shape(4),
        Dense.units(8).withActivation(ActivationFn.TANH)
            .withKernelInitializer(Initializer.constant(0.1)),     // every hidden unit starts the same...
        Dense.units(3).withKernelInitializer(Initializer.constant(0.1)));
    try (CompiledModel m = model.compile(backend, Optimizer.sgd(0.1),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      m.fit(train, FitOptions.builder().epochs(20).quiet().build());
      kernel = m.weights().get("dense/kernel");                     // ...and after training its 8 columns are
    }                                                                // still equal: one unit, copied 8 times
    // endregion symmetry-trap
    return kernel;
  }

  /** SELU with LeCun-normal weights: a self-normalising stack. */
  public static Sequential selu() {
    // region selu
    Sequential model = Sequential.of(
        Input.shape(784),
        Dense.units(256).withActivation(ActivationFn.SELU).withKernelInitializer(Initializer.lecunNormal()),
        Dense.units(256).withActivation(ActivationFn.SELU).withKernelInitializer(Initializer.lecunNormal()),
        Dense.units(10));
    // endregion selu
    return model;
  }
}
