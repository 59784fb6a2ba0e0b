package dev.layerwise;

import static java.util.Objects.requireNonNull;

import dev.layerwise.layers.Layer;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.ModelSpec;
import java.util.List;
import java.util.OptionalLong;

/**
 * A linear stack of layers, starting with an {@link dev.layerwise.layers.Input}. Immutable: naming, shape
 * checking and desugaring happen when it is created, so a bad stack fails here with the layer named.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(
 *     Input.shape(28, 28),
 *     Flatten.create(),
 *     Dense.units(128).withActivation(ActivationFn.RELU),
 *     Dense.units(10));                                       // logits
 * try (CompiledModel m = model.compile(Backend.named("tensorflow"),
 *     Optimizer.adam(1e-3), Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY)) {
 *   m.fit(train, FitOptions.of(5, 32));
 * }
 * }</pre>
 *
 * <p>The same model compiles on any backend; compiling twice gives two independent models.
 */
public final class Sequential {
  private final String name;
  private final List<Layer> layers;
  private final OptionalLong seed;
  private final ModelSpec spec;

  private Sequential(String name, List<Layer> layers, OptionalLong seed) {
    this.name = requireNonNull(name, "name");
    this.layers = List.copyOf(layers);
    this.seed = seed;
    this.spec = ModelSpec.of(name, this.layers);
  }

  public static Sequential of(Layer... layers) {
    return new Sequential("sequential", List.of(layers), OptionalLong.empty());
  }

  public static Sequential of(List<Layer> layers) {
    return new Sequential("sequential", layers, OptionalLong.empty());
  }

  public Sequential withName(String name) {
    return new Sequential(name, layers, seed);
  }

  /** Fixes the seed of the initial weights (and, unless {@code FitOptions} sets one, of shuffling). */
  public Sequential withSeed(long seed) {
    return new Sequential(name, layers, OptionalLong.of(seed));
  }

  public String name() {
    return name;
  }

  /** The layers as given (unnamed ones stay unnamed here; {@link #spec()} holds the named ones). */
  public List<Layer> layers() {
    return layers;
  }

  public OptionalLong seed() {
    return seed;
  }

  /** The named, shaped, desugared model the backends compile. */
  public ModelSpec spec() {
    return spec;
  }

  /** Keras's summary table: each layer, its output shape and parameter count, and the totals. */
  public String summary() {
    return ModelSummary.format(spec);
  }

  /** Compiles with float32 arithmetic. */
  public CompiledModel compile(Backend backend, Optimizer optimizer, Loss loss, Metric... metrics) {
    return compile(backend, TrainingConfig.of(optimizer, loss, metrics));
  }

  public CompiledModel compile(Backend backend, TrainingConfig config) {
    return new CompiledModel(this, backend, config);
  }
}
