package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.layers.WeightSpec;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.TensorValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks a compiled model makes, in Java, before weights given by a user reach its backend: every name known,
 * every shape the weight's, every value in the model's precision; and the lookups by layer.
 */
final class WeightAccess {
  private final ModelSpec spec;
  private final DType dtype;
  private final Map<String, WeightSpec> specs;

  WeightAccess(ModelSpec spec, DType dtype) {
    this.spec = spec;
    this.dtype = dtype;
    this.specs = spec.weightSpecs();
  }

  /** The user's layer names, each once, in model order (the inputs first). */
  List<String> layerNames() {
    return spec.layers().stream().filter(LayerNode::ownsWeights).map(LayerNode::name).toList();
  }

  /** The full names of the layer's weights ({@code dense/kernel}), by short name; empty for a layer without any. */
  Map<String, String> weightsOf(String layer, String what) {
    requireNonNull(layer, what + ": layer");
    checkArgument(layerNames().contains(layer), "%s: model '%s' has no layer '%s'; its layers are %s", what,
        spec.name(), layer, layerNames());
    Map<String, String> out = new LinkedHashMap<>();
    specs.keySet().forEach(full -> {
      if (full.startsWith(layer + "/") && full.indexOf('/', layer.length() + 1) < 0) {
        out.put(full.substring(layer.length() + 1), full);
      }
    });
    return out;
  }

  /** Refuses an unknown full weight name, listing the known ones. */
  void checkName(String name, String what) {
    requireNonNull(name, what + ": weight name");
    checkArgument(specs.containsKey(name), "%s: model '%s' has no weight '%s'; its weights are %s", what,
        spec.name(), name, specs.keySet());
  }

  /**
   * The given values (full names) checked and converted for the backend.
   *
   * @throws IllegalArgumentException naming the first unknown name, wrong shape or wrong dtype, expected and given
   */
  Map<String, TensorValue> checked(Map<String, NdValue> values, String what) {
    requireNonNull(values, what + ": values");
    Map<String, TensorValue> out = new LinkedHashMap<>();
    values.forEach((name, v) -> {
      checkName(name, what);
      requireNonNull(v, what + ": the value of '" + name + "' is null");
      Shape expected = specs.get(name).shape();
      checkArgument(v.shape().equals(expected), "%s: weight '%s' of model '%s' has shape %s, got a value of shape %s",
          what, name, spec.name(), expected, v.shape());
      checkArgument(v.dtype() == dtype || v.dtype() == DType.FLOAT32, "%s: model '%s' computes in %s, got a %s value"
          + " for weight '%s'; convert it with value.withDType(DType.%s)", what, spec.name(), dtype, v.dtype(), name,
          dtype);
      out.put(name, SpiValues.toSpi(v));
    });
    return out;
  }

  /** Values keyed by the layer's short weight names, re-keyed by full name after checking the names. */
  Map<String, NdValue> byFullName(String layer, Map<String, NdValue> values, String what) {
    Map<String, String> own = weightsOf(layer, what);
    Map<String, NdValue> out = new LinkedHashMap<>();
    requireNonNull(values, what + ": values").forEach((shortName, v) -> {
      checkArgument(own.containsKey(shortName), "%s: layer '%s' of model '%s' has no weight '%s'; its weights are"
          + " %s", what, layer, spec.name(), shortName, own.keySet());
      out.put(own.get(shortName), v);
    });
    return out;
  }
}
