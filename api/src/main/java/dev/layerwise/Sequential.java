package dev.layerwise;

import static java.util.Objects.requireNonNull;

import dev.layerwise.data.ClassNames;
import dev.layerwise.layers.Layer;
import dev.layerwise.spi.ModelSpec;
import java.util.List;
import java.util.OptionalLong;

/**
 * A linear stack of layers, starting with an {@link dev.layerwise.layers.Input}: the chain special case of a
 * {@link Model}, built by the same code. Immutable: naming, shape checking and desugaring happen when it is
 * created, so a bad stack fails here with the layer named.
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
 * <p>The same layer object listed twice is one layer applied twice, sharing its weights (as in Keras); two equal
 * layers written separately ({@code Dense.units(8)} twice) are two layers. The same model compiles on any backend;
 * compiling twice gives two independent models.
 */
public final class Sequential extends Model {
  private final List<Layer> layers;

  private Sequential(String name, List<Layer> layers, OptionalLong seed, List<String> frozen, ClassNames classNames) {
    super(ModelSpec.chain(requireNonNull(name, "name"), List.copyOf(layers)).withTrainable(false, frozen), seed,
        classNames);
    this.layers = List.copyOf(layers);
  }

  public static Sequential of(Layer... layers) {
    return new Sequential("sequential", List.of(layers), OptionalLong.empty(), List.of(), null);
  }

  public static Sequential of(List<Layer> layers) {
    return new Sequential("sequential", layers, OptionalLong.empty(), List.of(), null);
  }

  @Override
  public Sequential withName(String name) {
    return new Sequential(name, layers, seed(), frozenLayers(), classNames().orElse(null));
  }

  @Override
  public Sequential withSeed(long seed) {
    return new Sequential(name(), layers, OptionalLong.of(seed), frozenLayers(), classNames().orElse(null));
  }

  @Override
  public Sequential withTrainable(boolean trainable, String... layerNames) {
    return new Sequential(name(), layers, seed(), spec().withTrainable(trainable, List.of(layerNames)).frozen(),
        classNames().orElse(null));
  }

  @Override
  public Sequential withClassNames(ClassNames names) {
    return new Sequential(name(), layers, seed(), frozenLayers(), requireNonNull(names, "withClassNames: names"));
  }

  /**
   * Keras's summary table of a {@code Sequential} model: each layer after the input (a shared one once), its output
   * shape and parameter count, and the totals.
   */
  @Override
  public String summary() {
    return ModelSummary.format(spec());
  }

  /** The layers as given (unnamed ones stay unnamed here; {@link #spec()} holds the named ones). */
  @Override
  public List<Layer> layers() {
    return layers;
  }
}
