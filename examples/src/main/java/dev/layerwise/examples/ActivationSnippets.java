package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Sequential;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.ELU;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Hardmax;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.LeakyReLU;
import dev.layerwise.layers.Maxout;
import dev.layerwise.layers.PReLU;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The code samples of the guide page {@code docs/activations.md}, verbatim between {@code // region NAME} and {@code //
 * endregion NAME}. {@code DocSnippetsTest} checks that each {@code java} block of the page shows exactly these lines;
 * {@code ActivationSnippetsTest} builds or runs each sample as the page describes it.
 */
public final class ActivationSnippets {
  private ActivationSnippets() {}

  /** A fused activation and an explicit Activation layer give the same model. */
  public static List<Sequential> fusedActivation() {
    // region fused-activation
    Sequential fused = Sequential.of(
        Input.shape(784),
        Dense.units(128).withActivation(ActivationFn.TANH));      // layers "dense" + "dense_tanh"
    Sequential explicit = Sequential.of(
        Input.shape(784),
        Dense.units(128),
        Activation.of(ActivationFn.TANH));                        // layers "dense" + "activation"
    // endregion fused-activation
    return List.of(fused, explicit);
  }

  /** The ReLU family's fixes for dying units, each after a linear Dense layer. */
  public static Sequential reluFamily() {
    // region relu-family
    Sequential model = Sequential.of(
        Input.shape(784),
        Dense.units(256).withKernelInitializer(Initializer.heNormal()),
        LeakyReLU.alpha(0.01),                      // z, or 0.01·z for z ≤ 0
        Dense.units(256).withKernelInitializer(Initializer.heNormal()),
        PReLU.perChannel(),                         // z, or α_j·z: 256 learned slopes, starting at 0
        Dense.units(256),
        ELU.create(),                               // z, or e^z − 1 for z ≤ 0 (α = 1)
        Dense.units(10));                           // logits
    // endregion relu-family
    return model;
  }

  /** Maxout: k affine pieces per unit. */
  public static Sequential maxout() {
    // region maxout
    Sequential model = Sequential.of(
        Input.shape(784),
        Maxout.of(128, 2),                          // 128 units, each the larger of 2 pieces: kernel [784, 256]
        Dense.units(10));
    // endregion maxout
    return model;
  }

  /** The recommended classifier: logits out, softmax fused into the loss. */
  public static CompiledModel logitsClassifier(Backend backend) {
    // region logits-head
    Sequential model = Sequential.of(
        Input.shape(28, 28),
        Flatten.create(),
        Dense.units(128).withActivation(ActivationFn.RELU),
        Dense.units(10));                                              // logits: no softmax here
    CompiledModel m = model.compile(backend, Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true),    // log-softmax inside the loss
        Metric.ACCURACY);
    // endregion logits-head
    return m;
  }

  /** The double-softmax bug, refused at compile time. */
  public static void doubleSoftmax(Backend backend) {
    // region double-softmax
    Sequential model = Sequential.of(
        Input.shape(28, 28),
        Flatten.create(),
        Dense.units(10).withActivation(ActivationFn.SOFTMAX));        // probabilities...
    model.compile(backend, Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true));   // ...read as logits: IllegalArgumentException
    // endregion double-softmax
  }

  /** Probabilities and one-hot decisions from a model trained on logits. */
  public static List<float[]> predictionHeads(CompiledModel trained, Dataset test) {
    Backend backend = trained.backend();
    // region prediction-heads
    // The trained layers plus a head: appending a layer renames none of the others, so the weights fit.
    List<Layer> probabilities = new ArrayList<>(trained.model().layers());
    probabilities.add(Activation.of(ActivationFn.SOFTMAX));
    List<Layer> decisions = new ArrayList<>(trained.model().layers());
    decisions.add(Hardmax.create());                                  // 1 at the argmax, 0 elsewhere

    float[] p;
    float[] oneHot;
    try (CompiledModel m = Sequential.of(probabilities).compile(backend, Optimizer.sgd(0.01),
        Loss.sparseCategoricalCrossentropy())) {
      m.setWeights(trained.weights());
      p = m.predict(test);                                            // 10 probabilities per image
    }
    try (CompiledModel m = Sequential.of(decisions).compile(backend, Optimizer.sgd(0.01),
        Loss.meanSquaredError())) {                                   // never trained: fit would refuse Hardmax
      m.setWeights(trained.weights());
      oneHot = m.predict(test);
    }
    // endregion prediction-heads
    return List.of(p, oneHot);
  }
}
