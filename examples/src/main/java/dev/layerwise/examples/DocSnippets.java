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
import dev.layerwise.optimizers.Adadelta;
import dev.layerwise.optimizers.Adagrad;
import dev.layerwise.optimizers.Adam;
import dev.layerwise.optimizers.AdamW;
import dev.layerwise.optimizers.Adamax;
import dev.layerwise.optimizers.GradientClipping;
import dev.layerwise.optimizers.Nadam;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.optimizers.RMSprop;
import dev.layerwise.optimizers.Sgd;
import dev.layerwise.regularizers.Regularizer;
import dev.layerwise.schedules.CyclicalLearningRate;
import dev.layerwise.schedules.LearningRateSchedule;
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

  // ---------------------------------------------------------------- optimizers.md

  /** An optimizer is the second argument of compile. */
  public static CompiledModel compileWithOptimizer(Sequential model, Backend backend) {
    // region compile-optimizer
    CompiledModel m = model.compile(backend,
        Optimizer.sgd(0.01).withMomentum(0.9),                        // the update rule and its learning rate
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY);
    // endregion compile-optimizer
    return m;
  }

  /** Gradient descent, with momentum, with Nesterov momentum. */
  public static List<Sgd> sgdVariants() {
    // region sgd-variants
    Sgd plain = Optimizer.sgd(0.1);                          // w ← w − η·g
    Sgd momentum = Optimizer.sgd(0.01).withMomentum(0.9);    // a ← μ·a + g;  w ← w − η·a
    Sgd nesterov = Optimizer.sgd(0.01).withNesterov(0.9);    // a ← μ·a + g;  w ← w − η·(g + μ·a)
    // endregion sgd-variants
    return List.of(plain, momentum, nesterov);
  }

  /** Per-weight adaptive rates. */
  public static List<Optimizer> adaptiveRates() {
    // region adaptive-rates
    Adagrad adagrad = Optimizer.adagrad(0.01);                  // a₀ 0.1, ε 1e-7
    RMSprop rmsprop = Optimizer.rmsprop(0.001);                 // ρ 0.9, mean square from 0, ε 1e-7
    RMSprop centered = Optimizer.rmsprop(0.001)
        .withCentered(true).withMomentum(0.9);                  // divide by the gradient's variance
    Adadelta adadelta = Optimizer.adadelta(1.0);                // η = 1, as in the paper; ρ 0.95
    // endregion adaptive-rates
    return List.of(adagrad, rmsprop, centered, adadelta);
  }

  /** TF Java's own Adagrad and RMSProp start their slots elsewhere: set them to match a TF Java model. */
  public static List<Optimizer> tfJavaSettings() {
    // region tf-java-settings
    Adagrad tfJavaAdagrad = Optimizer.adagrad(0.001)
        .withInitialAccumulatorValue(0.01);                     // TF Java's AdaGrad: a₀ 0.01
    RMSprop tfJavaRmsprop = Optimizer.rmsprop(0.001)
        .withInitialMeanSquare(1.0).withEpsilon(1e-10);         // TF Java's RMSProp: ms₀ 1, ε 1e-10
    // endregion tf-java-settings
    return List.of(tfJavaAdagrad, tfJavaRmsprop);
  }

  /** Adam and its relatives. */
  public static List<Optimizer> adamFamily() {
    // region adam-family
    Adam adam = Optimizer.adam(1e-3);                           // β₁ 0.9, β₂ 0.999, ε 1e-7
    Adamax adamax = Optimizer.adamax(2e-3);                     // the infinity-norm variant
    Nadam nadam = Optimizer.nadam(1e-3);                        // Nesterov look-ahead on m
    AdamW adamW = Optimizer.adamW(1e-3, 0.004);                 // decoupled weight decay λ = 0.004
    Adam likePyTorch = Optimizer.adam(1e-3).withEpsilon(1e-8);  // PyTorch's ε (though not its placement)
    // endregion adam-family
    return List.of(adam, adamax, nadam, adamW, likePyTorch);
  }

  /** The three kinds of gradient clipping. */
  public static List<Optimizer> clipping() {
    // region clipping
    Optimizer byValue = Optimizer.sgd(0.01)
        .withClipping(GradientClipping.byValue(0.5));           // every element into [−0.5, 0.5]
    Optimizer byNorm = Optimizer.adam(1e-3)
        .withClipping(GradientClipping.byNorm(1.0));            // each tensor's ‖g‖₂ at most 1
    Optimizer byGlobalNorm = Optimizer.adam(1e-3)
        .withClipping(GradientClipping.byGlobalNorm(1.0));      // all tensors together, direction kept
    // endregion clipping
    return List.of(byValue, byNorm, byGlobalNorm);
  }

  /** One of each schedule. */
  public static List<LearningRateSchedule> schedules() {
    // region schedules
    LearningRateSchedule notes = LearningRateSchedule.inverseTimeDecay(0.1, 0.001);  // 0.1 / (1 + 0.001·s)
    LearningRateSchedule stepDecay = LearningRateSchedule.piecewiseConstant(
        new long[] {1875, 3750}, new double[] {0.1, 0.01, 0.001});                   // ÷10 after epochs 1 and 2
    LearningRateSchedule halving = LearningRateSchedule.exponentialDecay(0.1, 1875, 0.5)
        .withStaircase(true);                                                       // halve once per epoch
    LearningRateSchedule linear = LearningRateSchedule.polynomialDecay(0.1, 10_000, 1e-4, 1);
    LearningRateSchedule cosine = LearningRateSchedule.cosineDecay(1e-3, 10_000)
        .withWarmup(500, 3e-3);                                                     // up to 3e-3, then down
    LearningRateSchedule cyclical = LearningRateSchedule.cyclical(1e-4, 1e-2, 2000)
        .withMode(CyclicalLearningRate.Mode.TRIANGULAR2);                           // amplitude halves per cycle
    Optimizer optimizer = Optimizer.sgd(cosine).withMomentum(0.9);                 // any optimizer takes one
    // endregion schedules
    return List.of(notes, stepDecay, halving, linear, cosine, cyclical, optimizer.learningRate());
  }

  /** The rate of every update, and of each epoch's last one, as fit reports them. */
  public static History scheduleHistory(Sequential model, Backend backend, Dataset train) {
    History history;
    // region schedule-history
    LearningRateSchedule schedule = LearningRateSchedule.exponentialDecay(0.1, 1, 0.5);   // 0.1 · 0.5^s
    try (CompiledModel m = model.compile(backend, Optimizer.sgd(schedule), Loss.meanSquaredError())) {
      history = m.fit(train, FitOptions.builder().epochs(2).batchSize(4).quiet().build());
    }
    double[] perUpdate = history.learningRates();        // update t used at(t − 1): 0.1, 0.05, 0.025, …
    double[] perEpoch = history.get("learning_rate");    // the rate of each epoch's last update
    // endregion schedule-history
    return history;
  }

  /** Momentum when the rate changes: TF's ApplyMomentum keeps the rate out of the velocity. */
  public static double momentumUnderASchedule(Backend backend) {
    double w;
    // region momentum-schedule
    // One weight, one sample x = 1 with target 1: L = (w − 1)², g = 2(w − 1), w from 0.
    Sequential model = Sequential.of(Input.shape(1),
        Dense.units(1).withUseBias(false).withKernelInitializer(Initializer.zeros()));
    Dataset one = Dataset.of(new float[] {1}, Shape.of(1), new float[] {1}, Shape.of(1));
    LearningRateSchedule drop = LearningRateSchedule.piecewiseConstant(new long[] {0},
        new double[] {0.1, 0.01});                                   // update 1: η 0.1, then 0.01
    try (CompiledModel m = model.compile(backend, Optimizer.sgd(drop).withMomentum(0.9),
        Loss.meanSquaredError())) {
      m.fit(one, FitOptions.builder().epochs(2).batchSize(1).quiet().build());
      w = m.weights().get("dense/kernel").get(0);
    }
    // update 1: g = −2,   a = −2,                    w = 0 − 0.1·(−2)     = 0.2
    // update 2: g = −1.6, a = 0.9·(−2) − 1.6 = −3.4, w = 0.2 − 0.01·(−3.4) = 0.234
    // (Keras's v ← μ·v − η·g would keep update 1's 0.1 in v: w = 0.2 + 0.9·0.2 + 0.01·1.6 = 0.396)
    // endregion momentum-schedule
    return w;
  }
}
