package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.AveragePooling2D;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.ELU;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.GlobalAveragePooling2D;
import dev.layerwise.layers.Hardmax;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.LeakyReLU;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.Maxout;
import dev.layerwise.layers.PReLU;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.Reshape;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.regularizers.Regularizer;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The code samples of the user guide ({@code docs/*.md}), verbatim between {@code // region NAME} and
 * {@code // endregion NAME}. {@code DocSnippetsTest} checks that every {@code java} block of the guide, marked
 * {@code <!-- snippet: NAME -->}, shows exactly these lines, and builds or runs each sample, so the guide cannot
 * drift from the api.
 */
public final class DocSnippets {
  private DocSnippets() {}

  // ---------------------------------------------------------------- activations.md

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

  // ---------------------------------------------------------------- initializers.md

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
  public static TensorValue symmetryTrap(Backend backend, Dataset train) {
    TensorValue kernel;
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

  // ---------------------------------------------------------------- normalization-and-dropout.md

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
  public static Map<String, TensorValue> batchNormMovingStatistics(Backend backend, Dataset batch) {
    Map<String, TensorValue> weights;
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

  // ---------------------------------------------------------------- regularization.md

  /** The three penalties. */
  public static List<Layer> regularizers() {
    // region regularizers
    Dense ridge = Dense.units(256).withKernelRegularizer(Regularizer.l2(1e-4));       // + 1e-4·Σw²
    Dense lasso = Dense.units(256).withKernelRegularizer(Regularizer.l1(1e-5));       // + 1e-5·Σ|w|
    Conv2D elastic = Conv2D.of(32, 3)
        .withKernelRegularizer(Regularizer.l1l2(1e-5, 1e-4));                          // both
    Dense biased = Dense.units(10).withBiasRegularizer(Regularizer.l2(1e-4));         // rarely useful
    // endregion regularizers
    return List.of(ridge, lasso, elastic, biased);
  }

  /** The penalty as History reports it. */
  public static History regularizationHistory(CompiledModel m, Dataset train) {
    // region regularization-history
    History history = m.fit(train, FitOptions.builder().epochs(2).quiet().build());
    double[] penalty = history.get("regularization_loss");   // Σ R(w), averaged over the epoch like the loss
    double[] loss = history.get("loss");                     // data loss + penalty, as Keras reports it
    // endregion regularization-history
    return history;
  }

  // ---------------------------------------------------------------- convolution.md

  /** The Fashion-MNIST CNN of {@link FashionMnistCnn}. */
  public static Sequential cnn() {
    // region cnn
    Sequential model = Sequential.of(
        Input.shape(28, 28, 1),                                          // NHWC: one grey channel
        Conv2D.of(32, 3).withPadding(Padding.SAME).withUseBias(false)    // kernel [3, 3, 1, 32] (HWIO)
            .withKernelInitializer(Initializer.heNormal()),
        BatchNormalization.create().withMomentum(0.9),
        Activation.of(ActivationFn.RELU),
        MaxPooling2D.of(2),                                              // 28×28 → 14×14
        Conv2D.of(64, 3).withPadding(Padding.SAME).withUseBias(false)    // kernel [3, 3, 32, 64]
            .withKernelInitializer(Initializer.heNormal()),
        BatchNormalization.create().withMomentum(0.9),
        Activation.of(ActivationFn.RELU),
        MaxPooling2D.of(2),                                              // 14×14 → 7×7
        Flatten.create(),                                                // 7·7·64 = 3,136 values
        Dropout.rate(0.3),
        Dense.units(128).withActivation(ActivationFn.RELU).withKernelInitializer(Initializer.heNormal()),
        Dropout.rate(0.2),
        Dense.units(10));                                                // logits
    // endregion cnn
    return model;
  }

  /** Images as NHWC datasets. */
  public static Dataset imageData() {
    // region image-data
    FashionMnist.Splits data = FashionMnist.load();
    Dataset train = data.train().withFeatureShape(Shape.of(28, 28, 1));   // the same floats, seen as [28, 28, 1]
    // endregion image-data
    return train;
  }

  /** Output sizes of convolutions and pooling. */
  public static List<Object> convShapes() {
    // region conv-shapes
    Shape in = Shape.of(28, 28, 3);
    Shape a = Conv2D.of(16, 3).outputShape(in);                                          // [26, 26, 16]
    Shape b = Conv2D.of(16, 3).withPadding(Padding.SAME).outputShape(in);                // [28, 28, 16]
    Shape c = Conv2D.of(16, 3).withStrides(2).withPadding(Padding.SAME).outputShape(in); // [14, 14, 16]
    Shape d = Conv2D.of(16, 5).withStrides(2).outputShape(in);                           // [12, 12, 16]
    Shape e = MaxPooling2D.of(2).outputShape(Shape.of(7, 7, 16));                        // [3, 3, 16]
    Shape f = MaxPooling2D.of(2).withPadding(Padding.SAME).outputShape(Shape.of(7, 7, 16)); // [4, 4, 16]
    int total = Padding.SAME.totalPadding(28, 3, 2);                                     // 1
    int top = Padding.SAME.padBefore(28, 3, 2);                                          // 0: the 1 goes below
    // endregion conv-shapes
    return List.of(a, b, c, d, e, f, total, top);
  }

  /** Global average pooling instead of Flatten + a big Dense layer. */
  public static Sequential globalAveragePooling() {
    // region gap-head
    Sequential model = Sequential.of(
        Input.shape(28, 28, 1),
        Conv2D.of(32, 3).withPadding(Padding.SAME).withActivation(ActivationFn.RELU),
        Conv2D.of(64, 3).withStrides(2).withPadding(Padding.SAME)
            .withActivation(ActivationFn.RELU),                 // [14, 14, 64]
        GlobalAveragePooling2D.create(),                        // [64]: the mean of each channel
        Dense.units(10));
    // endregion gap-head
    return model;
  }

  /** Flat pixels reshaped into an image inside the model. */
  public static Sequential reshapeInput() {
    // region reshape-input
    Sequential model = Sequential.of(
        Input.shape(784),                                       // flat pixels
        Reshape.to(28, 28, 1),                                  // row-major: pixel (i, j) is value 28·i + j
        Conv2D.of(16, 5).withActivation(ActivationFn.RELU),     // [24, 24, 16]
        AveragePooling2D.of(2),                                 // [12, 12, 16]
        Flatten.create(),
        Dense.units(10));
    // endregion reshape-input
    return model;
  }
}
