package dev.layerwise;

import static java.util.Objects.requireNonNull;

import dev.layerwise.layers.Layer;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;
import java.nio.file.Path;
import java.util.List;
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

  Model(ModelSpec spec, OptionalLong seed) {
    this.spec = requireNonNull(spec, "spec");
    this.seed = requireNonNull(seed, "seed");
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
    return new Model(spec.withName(requireNonNull(name, "name")), seed);
  }

  /** Fixes the seed of the initial weights (and, unless {@code FitOptions} sets one, of shuffling). */
  public Model withSeed(long seed) {
    return new Model(spec, OptionalLong.of(seed));
  }

  public String name() {
    return spec.name();
  }

  public OptionalLong seed() {
    return seed;
  }

  /** The named, shaped, desugared model the backends compile. */
  public ModelSpec spec() {
    return spec;
  }

  /** The layers, named, each once (a shared layer too), in the model's order: the inputs first. */
  public List<Layer> layers() {
    return spec.layers().stream().filter(LayerNode::ownsWeights).map(LayerNode::layer).toList();
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

  @Override
  public String toString() {
    return getClass().getSimpleName() + "['" + spec.name() + "', inputs " + spec.inputs() + ", outputs "
        + spec.outputNames() + "]";
  }
}
