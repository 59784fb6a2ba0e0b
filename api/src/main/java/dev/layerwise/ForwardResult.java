package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a forward pass computed ({@link CompiledModel#forward}), every value {@code [samples, ...shape]} in the
 * model's precision.
 *
 * @param training the mode of the pass
 * @param outputs the model's outputs, by output name, in the model's order
 * @param layerOutputs the outputs of the layers asked for, by layer name, in the order asked
 * @param dropoutMasks the mask each Dropout layer used and the draws each augmentation layer used, by layer name
 *     (given or drawn; empty in inference mode): pass them back with {@link ForwardOptions#withRandomDraws} or to
 *     {@code gradients} to repeat the pass
 */
public record ForwardResult(boolean training, Map<String, NdValue> outputs, Map<String, NdValue> layerOutputs,
    Map<String, NdValue> dropoutMasks) {
  public ForwardResult {
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    layerOutputs = Collections.unmodifiableMap(new LinkedHashMap<>(layerOutputs));
    dropoutMasks = Collections.unmodifiableMap(new LinkedHashMap<>(dropoutMasks));
  }

  /**
   * The output of a model with one output.
   *
   * @throws IllegalStateException for a model with several outputs
   */
  public NdValue output() {
    checkState(outputs.size() == 1, "the model has %s outputs %s; use output(name)", outputs.size(),
        outputs.keySet());
    return outputs.values().iterator().next();
  }

  /** The named output. */
  public NdValue output(String name) {
    NdValue v = outputs.get(name);
    checkArgument(v != null, "no output '%s'; the outputs are %s", name, outputs.keySet());
    return v;
  }

  /** The output of a layer asked for with {@link ForwardOptions#withLayerOutputs}. */
  public NdValue layerOutput(String layer) {
    NdValue v = layerOutputs.get(layer);
    checkArgument(v != null, "no output of layer '%s' was asked for; asked: %s", layer, layerOutputs.keySet());
    return v;
  }
}
