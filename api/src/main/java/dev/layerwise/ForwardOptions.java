package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@link CompiledModel#forward(dev.layerwise.data.Dataset, ForwardOptions)} runs a forward pass: in training or
 * inference mode, with which dropout masks, and which layers' outputs to return besides the model's.
 *
 * <pre>{@code
 * ForwardOptions.inference().withLayerOutputs("hidden", "batch_normalization");
 * ForwardOptions.training().withDropoutMasks(Map.of("dropout", mask));     // mask: [samples, ...input shape]
 * ForwardOptions.training().withRandomDraws(Map.of("random_flip", flags)); // flags: [samples, 1]
 * }</pre>
 *
 * @param trainingMode whether dropout drops and batch normalisation uses the batch's statistics (Keras's
 *     {@code training=True}); nothing is updated either way
 * @param dropoutMasks fixed masks for Dropout layers, by layer name: one value per element of the layer's input
 *     for every sample ({@code [samples, ...input shape]}), each 1 (keep) or 0 (drop); the layer scales what it keeps
 *     by {@code 1/(1 − rate)}. Layers without one get a mask drawn from the model's seed. Training mode only. The
 *     same map holds fixed draws for augmentation layers ({@link #withRandomDraws}), {@code [samples, k]} each.
 * @param layerOutputs the layers whose outputs to return, by name (as in {@code Model.summary()}; a shared layer's
 *     further applications as {@code dense/call_1})
 */
public record ForwardOptions(boolean trainingMode, Map<String, NdValue> dropoutMasks, List<String> layerOutputs) {
  public ForwardOptions {
    dropoutMasks = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(dropoutMasks,
        "ForwardOptions: dropoutMasks")));
    layerOutputs = List.copyOf(requireNonNull(layerOutputs, "ForwardOptions: layerOutputs"));
    checkArgument(trainingMode || dropoutMasks.isEmpty(), "ForwardOptions: dropout masks or draws %s are given, but"
        + " dropout only drops in training mode, and augmentation only augments there; use ForwardOptions.training()",
        dropoutMasks.keySet());
  }

  /** Inference mode: dropout passes everything, batch normalisation uses its moving statistics. */
  public static ForwardOptions inference() {
    return new ForwardOptions(false, Map.of(), List.of());
  }

  /** Training mode: dropout drops, batch normalisation uses the batch's statistics (and updates nothing). */
  public static ForwardOptions training() {
    return new ForwardOptions(true, Map.of(), List.of());
  }

  /** These masks for these Dropout layers (the others drawn from the model's seed). */
  public ForwardOptions withDropoutMasks(Map<String, NdValue> masks) {
    return new ForwardOptions(trainingMode, masks, layerOutputs);
  }

  /**
   * These draws for these random layers, by layer name, added to any given before: a Dropout layer's mask, or an
   * augmentation layer's parameters, {@code [samples, k]} (a {@code RandomFlip}'s 0/1 flag, a
   * {@code RandomTranslation}'s vertical and horizontal shift as fractions of the size, a {@code RandomCrop}'s top
   * row and left column in the padded image, a {@code RandomContrast}'s factor). Layers without any are drawn from
   * the model's seed. Training mode only.
   */
  public ForwardOptions withRandomDraws(Map<String, NdValue> draws) {
    Map<String, NdValue> all = new LinkedHashMap<>(dropoutMasks);
    all.putAll(draws);
    return new ForwardOptions(trainingMode, all, layerOutputs);
  }

  /** Also return these layers' outputs, by layer name. */
  public ForwardOptions withLayerOutputs(String... layers) {
    return new ForwardOptions(trainingMode, dropoutMasks, List.of(layers));
  }
}
