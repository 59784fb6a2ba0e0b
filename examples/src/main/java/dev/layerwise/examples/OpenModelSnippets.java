package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.FitOptions;
import dev.layerwise.ForwardOptions;
import dev.layerwise.ForwardResult;
import dev.layerwise.LossGradients;
import dev.layerwise.Model;
import dev.layerwise.NdValue;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.tf.TfNdArrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * The code samples of the guide page {@code docs/open-models.md}, verbatim between {@code // region NAME} and
 * {@code // endregion NAME}. {@code DocSnippetsTest} checks that each {@code java} block of the page shows exactly
 * these lines; {@code OpenModelSnippetsTest} runs each sample on both backends and checks what the page says.
 */
public final class OpenModelSnippets {
  private OpenModelSnippets() {}

  /** What the values look like. */
  public static List<Object> values() {
    // region nd-value
    NdValue w = NdValue.fromArray(new float[][] {{1, 2, 3}, {4, 5, 6}});   // float32 [2, 3]
    NdValue row = w.slice(1);                                              // float32 [3] [4.0, 5.0, 6.0], a view
    double six = w.getDouble(1, 2);                                        // 6.0
    float[][] nested = w.toArray(float[][].class);                         // a copy, as a Java array
    NdValue precise = w.withDType(DType.FLOAT64);                          // float64 [2, 3]
    NdValue flat = NdValue.of(Shape.of(6), 0.1, 0.2, 0.3, 0.4, 0.5, 0.6);  // float64 [6], copied
    NdValue grid = flat.reshape(Shape.of(3, 2));                           // a view of the same values
    // endregion nd-value
    return List.of(w, row, six, nested, precise, grid);
  }

  /** NdValue and TF Java's NdArray. */
  public static NdValue tfArrays(NdValue kernel) {
    // region tf-ndarray
    FloatNdArray array = TfNdArrays.toFloatNdArray(kernel);   // a copy, for code that works with TF Java values
    NdValue back = TfNdArrays.fromNdArray(array);             // also takes TFloat32 and TFloat64 tensors
    // endregion tf-ndarray
    return back;
  }

  /** The two-layer network of the page: 2 inputs, 3 tanh units, 2 linear outputs, one weight given. */
  public static Sequential twoLayers() {
    // region from-array
    Sequential model = Sequential.of(Input.shape(2),
        Dense.units(3).withActivation(ActivationFn.TANH).withName("hidden")
            .withKernelInitializer(Initializer.fromArray(NdValue.fromArray(new double[][] {
                {0.3, -0.2, 0.5},
                {-0.4, 0.1, 0.25}}))),                         // exactly these values, whatever the seed
        Dense.units(2).withName("out")).withSeed(1);
    // endregion from-array
    return model;
  }

  /** Reading and writing weights. */
  public static Map<String, NdValue> readAndWrite(Backend backend) {
    Map<String, NdValue> hidden;
    // region weights
    try (CompiledModel m = twoLayers().compile(backend, Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      Map<String, NdValue> all = m.weights();            // hidden/kernel, hidden/bias, out/kernel, out/bias
      NdValue kernel = m.weight("out/kernel");           // [3, 2], in the model's precision (m.dtype())
      m.setWeight("out/bias", NdValue.of(Shape.of(2), 0.5f, -0.5f));
      m.setWeights("hidden", Map.of("bias", NdValue.zeros(Shape.of(3), DType.FLOAT32)));
      hidden = m.weights("hidden");                      // kernel, bias: by short name
      // m.setWeight("out/kernel", NdValue.zeros(Shape.of(2, 3), DType.FLOAT32)) is refused: wrong shape
    }
    // endregion weights
    return hidden;
  }

  /** The loss's gradients, in float64. */
  public static LossGradients gradients(Backend backend) {
    LossGradients g;
    // region gradients
    TrainingConfig config = TrainingConfig.of(Optimizer.sgd(0.1), Loss.meanSquaredError())
        .withDType(DType.FLOAT64);
    try (CompiledModel m = twoLayers().compile(backend, config)) {
      NdValue x = NdValue.fromArray(new double[][] {{0.1, -1.3}, {2.7, 1.0 / 3}});   // 2 samples
      NdValue t = NdValue.fromArray(new double[][] {{0.9, -0.4}, {0.3, 0.7}});       // their targets
      g = m.gradients(x, t);
      double loss = g.loss();                            // mean squared error (+ penalties: none here)
      NdValue dKernel = g.weight("hidden/kernel");       // ∂L/∂W, float64 [2, 3]
      NdValue dx = g.input();                            // ∂L/∂x, float64 [2, 2]
    }
    // endregion gradients
    return g;
  }

  /** A model with dropout, for the forward-pass samples. */
  public static Sequential withDropout() {
    return Sequential.of(Input.shape(2), Dense.units(3).withActivation(ActivationFn.RELU).withName("hidden"),
        Dropout.rate(0.5).withName("drop"), Dense.units(1).withName("out")).withSeed(4);
  }

  /** Forward passes with layer outputs and a fixed mask. */
  public static List<ForwardResult> forward(Backend backend, Dataset data) {
    ForwardResult inference;
    ForwardResult training;
    // region forward
    try (CompiledModel m = withDropout().compile(backend, Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      inference = m.forward(data, ForwardOptions.inference().withLayerOutputs("hidden"));
      NdValue hidden = inference.layerOutput("hidden");      // [samples, 3], after the ReLU
      NdValue keepFirst = NdValue.fromArray(new float[][] {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}, {1, 0, 0}});
      training = m.forward(data, ForwardOptions.training()
          .withDropoutMasks(Map.of("drop", keepFirst))         // 1 keeps a unit, 0 drops it
          .withLayerOutputs("drop"));                          // hidden's first unit × 1/(1 − 0.5), zeros
    }
    // endregion forward
    return List.of(inference, training);
  }

  /** A feature extractor built on a trained model's layers. */
  public static NdValue featureModel(CompiledModel trained, NdValue x) {
    NdValue features;
    // region feature-model
    Model extractor = Model.of(trained.model().inputs(), List.of(trained.model().output("hidden")));
    try (CompiledModel f = extractor.compile(trained.backend())) {   // inference only: no loss needed
      trained.copyWeightsTo(f);                                     // hidden/kernel, hidden/bias: a copy
      features = f.predict(x);                                      // [samples, 3]
    }
    // endregion feature-model
    return features;
  }

  /** The fine-tuning page's model: a base (Dense, batch normalisation) and a head. */
  public static Sequential baseAndHead() {
    // region frozen
    Sequential model = Sequential.of(Input.shape(8),
        Dense.units(16).withActivation(ActivationFn.RELU).withName("base"),
        BatchNormalization.create().withName("base_bn"),
        Dense.units(4).withName("head")).withSeed(3);
    Model frozen = model.withTrainable(false, "base", "base_bn");   // a new model; the layers are unchanged
    // endregion frozen
    return model;
  }

  /** Train, freeze the base, train the head, unfreeze, train on: every weight after each of the three stages. */
  public static List<Map<String, NdValue>> fineTune(Backend backend, Dataset data) {
    List<Map<String, NdValue>> stages = new ArrayList<>();
    // region fine-tune
    Sequential model = baseAndHead();
    TrainingConfig config = TrainingConfig.of(Optimizer.adam(1e-2),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true));
    FitOptions options = FitOptions.builder().epochs(5).batchSize(16).quiet().build();
    try (CompiledModel all = model.compile(backend, config)) {
      all.fit(data, options);                                            // 1. train everything
      stages.add(all.weights());
      Model frozen = model.withTrainable(false, "base", "base_bn");      // 2. freeze the base...
      try (CompiledModel head = all.recompile(frozen, config)) {         //    same weights, a fresh optimizer
        head.fit(data, options);                                         //    ...and train the head alone
        stages.add(head.weights());                                      //    base, base_bn: as 1. left them
        Model unfrozen = frozen.withTrainable(true, "base", "base_bn");  // 3. unfreeze...
        try (CompiledModel tuned = head.recompile(unfrozen,
            config.withOptimizer(Optimizer.adam(1e-4)))) {               //    ...with a small learning rate
          tuned.fit(data, options);                                      //    and train everything on
          stages.add(tuned.weights());
        }
      }
    }
    // endregion fine-tune
    return stages;
  }

  /** A float64 model on float64 data. */
  public static NdValue float64(Backend backend) {
    NdValue y;
    // region float64
    TrainingConfig config = TrainingConfig.of(Optimizer.sgd(0.1), Loss.meanSquaredError())
        .withDType(DType.FLOAT64);
    try (CompiledModel m = twoLayers().compile(backend, config)) {
      double[] x = {0.1, -1.3, 2.7, 1.0 / 3};                                  // 2 samples, never rounded
      double[] t = {0.9, -0.4, 0.3, 0.7};
      m.fit(Dataset.of(x, Shape.of(2), t, Shape.of(2)), 10, 2);               // float64 steps
      y = m.predict(NdValue.of(Shape.of(2, 2), x));                           // float64 [2, 2]
    }
    // endregion float64
    return y;
  }
}
