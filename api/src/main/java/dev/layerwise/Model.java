package dev.layerwise;

import static java.util.Objects.requireNonNull;

import dev.layerwise.data.ClassNames;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A model: a graph of layers from one or more inputs to one or more outputs, built from symbolic tensors (Keras's
 * functional API). {@link Sequential} is the special case of a chain. Immutable: naming, shape checking and
 * desugaring happen when it is created, so a bad graph fails here with the layers named.
 *
 * <pre>{@code
 * SymbolicTensor image = Input.shape(28, 28, 1).withName("image").tensor();
 * SymbolicTensor x = Conv2D.of(16, 3).withPadding(Padding.SAME).withActivation(ActivationFn.RELU).apply(image);
 * SymbolicTensor y = Conv2D.of(16, 3).withPadding(Padding.SAME).apply(x);
 * SymbolicTensor r = Add.create().apply(x, y);                                  // a residual connection
 * SymbolicTensor logits = Dense.units(10).apply(Flatten.create().apply(r));
 * Model model = Model.of(image, logits).withName("resnet_tiny").withSeed(42);
 * try (CompiledModel m = model.compile(backend, Optimizer.adam(1e-3),
 *     Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY)) {
 *   m.fit(train, FitOptions.of(5, 32));
 * }
 * }</pre>
 *
 * <p>Refused when the model is made, with an {@link IllegalArgumentException} naming what is involved: a tensor
 * that depends on an input not among the given inputs (e.g. a tensor of another model), an input no output uses
 * (Keras accepts one and ignores it; here it is far more likely a wiring mistake),
 * an input or output given twice, two different layers with the same name (to share a layer, apply the same
 * object), a shared layer applied to tensors its weights do not fit, and a shared batch normalisation. Sharing goes
 * by object identity ({@link Layer}); outputs are named after the layers making them, and {@code fit}'s targets,
 * per-output losses and history keys ({@code <output>_loss}) go by those names.
 *
 * <p>The same model compiles on any backend; compiling twice gives two independent models.
 */
public class Model {
  private final ModelSpec spec;
  private final OptionalLong seed;
  /** The names of the output's classes, or null: see {@link #withClassNames}. */
  private final ClassNames classNames;
  /** The model's tensors, rebuilt from the spec on first use (see {@link #output}). */
  private Map<String, SymbolicTensor> tensors;

  Model(ModelSpec spec, OptionalLong seed) {
    this(spec, seed, null);
  }

  Model(ModelSpec spec, OptionalLong seed, ClassNames classNames) {
    this.spec = requireNonNull(spec, "spec");
    this.seed = requireNonNull(seed, "seed");
    if (classNames != null) {
      ModelClassNames.check(spec, classNames);
    }
    this.classNames = classNames;
  }

  /** The model from one input to one output, named {@code functional}. */
  public static Model of(SymbolicTensor input, SymbolicTensor output) {
    return of(List.of(requireNonNull(input, "Model.of: input")), List.of(requireNonNull(output, "Model.of: output")));
  }

  /** The model from the given inputs to the given outputs (each list in the model's order). */
  public static Model of(List<SymbolicTensor> inputs, List<SymbolicTensor> outputs) {
    requireNonNull(inputs, "Model.of: inputs");
    requireNonNull(outputs, "Model.of: outputs");
    return new Model(ModelSpec.graph("functional", inputs, outputs), OptionalLong.empty());
  }

  public Model withName(String name) {
    return new Model(spec.withName(requireNonNull(name, "name")), seed, classNames);
  }

  /** Fixes the seed of the initial weights (and, unless {@code FitOptions} sets one, of shuffling). */
  public Model withSeed(long seed) {
    return new Model(spec, OptionalLong.of(seed), classNames);
  }

  public String name() {
    return spec.name();
  }

  public OptionalLong seed() {
    return seed;
  }

  /**
   * This model with the names of the classes its output scores, in class-index order: what a CSV file's class
   * column or an image folder's sub-folders were mapped through ({@code CsvData.classNames()},
   * {@code ImageFolderData.classNames()}). They stay with the model when it is compiled, saved and loaded
   * ({@code class_names} in the archive), are written into its SavedModel as {@code assets/class_names.txt}, and
   * name its predictions ({@link CompiledModel#predictClasses}). Keras keeps them beside the model
   * ({@code image_dataset_from_directory(...).class_names}), where they are easily lost; here they are part of what
   * the model is, like its name, rather than of how it is trained.
   *
   * <pre>{@code
   * ImageFolderData images = ImageFolderDataset.from(Path.of("photos")).read();
   * Model model = Sequential.of(...).withClassNames(images.classNames());
   * }</pre>
   *
   * @throws IllegalArgumentException unless the model has one output of shape {@code [names.size()]}, or {@code [1]}
   *     (one sigmoid unit) for two names
   */
  public Model withClassNames(ClassNames names) {
    return new Model(spec, seed, requireNonNull(names, "withClassNames: names"));
  }

  /** The names of the output's classes ({@link #withClassNames}), or empty. */
  public Optional<ClassNames> classNames() {
    return Optional.ofNullable(classNames);
  }

  /**
   * This model with the named layers frozen ({@code trainable} false) or trainable again: Keras's
   * {@code layer.trainable = False}, as a property of the model rather than of the layer (layers are immutable
   * records, and one layer object may serve in several models). A frozen layer's weights get no gradient, no update
   * and no optimizer slot, and its penalties leave the loss (Keras counts only trainable weights' regularizers); a
   * frozen {@code BatchNormalization} normalises with its moving statistics even in training and leaves them as
   * they are. {@link #summary()} counts the frozen weights as non-trainable. A layer without weights may be named;
   * nothing changes. To fine-tune, compile the frozen model with the trained weights
   * ({@code CompiledModel.recompile}).
   *
   * @throws IllegalArgumentException for a name that is not one of the model's layers, listing them
   */
  public Model withTrainable(boolean trainable, String... layers) {
    return new Model(spec.withTrainable(trainable, List.of(layers)), seed, classNames);
  }

  /** The frozen layers ({@link #withTrainable}), by name, sorted. */
  public List<String> frozenLayers() {
    return spec.frozen();
  }

  /** The named, shaped, desugared model the backends compile. */
  public ModelSpec spec() {
    return spec;
  }

  /** The layers, named, each once (a shared layer too), in the model's order: the inputs first. */
  public List<Layer> layers() {
    return spec.layers().stream().filter(LayerNode::ownsWeights).map(LayerNode::layer).toList();
  }

  /**
   * Every layer application's name, in the model's order (the inputs first): the names {@link #output},
   * {@code CompiledModel.forward}'s layer outputs and {@link #summary()} use; a shared layer's further applications
   * as {@code dense/call_1}.
   */
  public List<String> layerNames() {
    return spec.layerNames();
  }

  /** The number of parameters (weights, the non-trainable ones included), a shared layer's counted once. */
  public long parameterCount() {
    return spec.parameterCount();
  }

  /** The inputs' names, in order: what a {@code Dataset}'s named features go by. */
  public List<String> inputNames() {
    return spec.inputs();
  }

  /** The outputs' names, in order: what targets, per-output losses and history keys go by. */
  public List<String> outputNames() {
    return spec.outputNames();
  }

  /**
   * The layer of that name, named as in {@link #summary()} ({@code dense_1}).
   *
   * @throws IllegalArgumentException for a name the model does not have, listing its layers
   */
  public Layer layer(String name) {
    requireNonNull(name, "layer: name");
    return spec.layers().stream().filter(n -> n.name().equals(name) && n.ownsWeights()).map(LayerNode::layer)
        .findFirst().orElseThrow(() -> new IllegalArgumentException(String.format("model '%s' has no layer '%s'; its"
            + " layers are %s", name(), name, spec.layerNames())));
  }

  /** The model's inputs as symbolic tensors, in order (Keras's {@code model.inputs}): see {@link #output}. */
  public List<SymbolicTensor> inputs() {
    return spec.inputs().stream().map(n -> tensors().get(n)).toList();
  }

  /** The model's outputs as symbolic tensors, in order (Keras's {@code model.outputs}): see {@link #output}. */
  public List<SymbolicTensor> outputs() {
    return spec.outputNames().stream().map(n -> tensors().get(n)).toList();
  }

  /**
   * The output of a layer as a symbolic tensor, Keras's {@code model.get_layer(name).output}: to build another
   * model on this one's layers, such as a feature extractor.
   *
   * <pre>{@code
   * Model features = Model.of(model.inputs(), List.of(model.output("hidden")));
   * try (CompiledModel f = features.compile(backend)) {   // for inference: no loss needed
   *   trained.copyWeightsTo(f);                             // a copy: f has weights of its own
   *   NdValue h = f.forward(x, false).output();
   * }
   * }</pre>
   *
   * The new model uses the same layer objects (so the same names and weight names), but compiled it is a model of its
   * own with weights of its own, drawn from its seed: {@link CompiledModel#copyWeightsTo} gives it a copy of a
   * compiled model's current weights, and neither sees the other's later changes. To read a layer's output from a
   * compiled model itself, without a second model, ask its forward pass
   * ({@link ForwardOptions#withLayerOutputs}). A shared layer's further applications are named
   * {@code dense/call_1}, ….
   *
   * @throws IllegalArgumentException for a name the model does not have, listing its layers
   */
  public SymbolicTensor output(String layerName) {
    SymbolicTensor t = tensors().get(requireNonNull(layerName, "output: layerName"));
    if (t == null) {
      throw new IllegalArgumentException(String.format("model '%s' has no layer '%s'; its layers are %s", name(),
          layerName, spec.layerNames()));
    }
    return t;
  }

  /**
   * Applies the model's layers again, in its order, to fresh input tensors: one tensor per layer application, by
   * application name. A shared layer is applied as the one object it is.
   */
  private synchronized Map<String, SymbolicTensor> tensors() {
    if (tensors == null) {
      Map<String, SymbolicTensor> made = new HashMap<>();
      Map<String, Layer> byOwner = new HashMap<>();
      for (LayerNode n : spec.layers()) {
        Layer layer = byOwner.computeIfAbsent(n.owner(), o -> n.layer());
        made.put(n.name(), layer instanceof Input in && n.inbound().isEmpty() ? in.tensor()
            : layer.apply(n.inbound().stream().map(made::get).toArray(SymbolicTensor[]::new)));
      }
      tensors = made;
    }
    return tensors;
  }

  /**
   * Keras 3's summary table of a functional model: each layer (the inputs too), its output shape and parameter
   * count, and unless the model is a plain chain, what each layer is connected to ({@code dense[0][0]}: the first
   * application of {@code dense}; a shared layer lists the inputs of all its applications); then the totals.
   */
  public String summary() {
    return ModelSummary.formatFunctional(spec);
  }

  /**
   * The model's graph in Graphviz's DOT language: a box per layer application (name, type, input and output
   * shapes), an arrow per tensor. The same text every time for the same model. Render it with {@link #plot} or any
   * Graphviz tool ({@code dot -Tsvg model.dot > model.svg}).
   */
  public String toDot() {
    return ModelDot.format(spec);
  }

  /**
   * Draws {@link #toDot()} into a picture file, as Keras's {@code plot_model(model, to_file, show_shapes=True)}:
   * the format comes from the extension ({@code .png}, {@code .svg} or {@code .pdf}), the drawing from Graphviz's
   * {@code dot} program, which must be on the {@code PATH} (Debian's and Ubuntu's {@code graphviz} package). The
   * file is written whole or not at all.
   *
   * @throws IllegalArgumentException if the extension names no supported format
   * @throws IllegalStateException if {@code dot} is not installed or fails (its message included)
   * @throws java.io.UncheckedIOException if the file cannot be written
   */
  public void plot(Path file) {
    ModelPlot.plot(toDot(), file, ModelPlot.PROGRAM);
  }

  /** Compiles with float32 arithmetic; one loss and the metrics for every output. */
  public CompiledModel compile(Backend backend, Optimizer optimizer, Loss loss, Metric... metrics) {
    return compile(backend, TrainingConfig.of(optimizer, loss, metrics));
  }

  public CompiledModel compile(Backend backend, TrainingConfig config) {
    return new CompiledModel(this, backend, config);
  }

  /**
   * Compiles for inference only, in float32: no loss or optimizer, so the model can predict, run forward passes,
   * take and give weights and be exported, but not be trained, evaluated, differentiated or saved (each refused with
   * an {@link IllegalStateException}). For feature extractors built with {@link #output} and models that only
   * serve.
   */
  public CompiledModel compile(Backend backend) {
    return compile(backend, DType.FLOAT32);
  }

  /** {@link #compile(Backend)} computing in the given precision. */
  public CompiledModel compile(Backend backend, DType dtype) {
    requireNonNull(dtype, "compile: dtype");
    return new CompiledModel(this, backend, TrainingConfig.of(Optimizer.sgd(0.01), Loss.meanSquaredError())
        .withDType(dtype), false);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "['" + spec.name() + "', inputs " + spec.inputs() + ", outputs "
        + spec.outputNames() + "]";
  }
}
