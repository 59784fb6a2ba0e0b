package dev.layerwise.reference;

import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import dev.layerwise.spi.TensorValue;
import java.util.Map;

/** Checks maps of named tensors (weights, slots, gradients) against the names and shapes a model expects. */
final class RefNamedTensors {
  private RefNamedTensors() {}

  /**
   * Every given name must be expected and carry the expected shape; with {@code requireAll}, every expected
   * name must be given. Nothing is written before everything is checked, so a bad map changes nothing.
   *
   * @param method the caller, for messages ({@code setWeights})
   * @param kind what the names denote ({@code weight}, {@code optimizer slot})
   */
  static void check(String method, String kind, Map<String, Shape> expected, Map<String, TensorValue> given,
      boolean requireAll) {
    requireNonNull(given, method + ": the map of values must not be null");
    for (Map.Entry<String, TensorValue> e : given.entrySet()) {
      String name = e.getKey();
      Shape want = expected.get(name);
      if (want == null) {
        throw new IllegalArgumentException(String.format("%s: unknown %s '%s'; the model's are %s", method, kind,
            name, expected.keySet()));
      }
      TensorValue value = e.getValue();
      if (value == null) {
        throw new IllegalArgumentException(String.format("%s: %s '%s' has no value (null)", method, kind, name));
      }
      if (!value.shape().equals(want)) {
        throw new IllegalArgumentException(String.format("%s: %s '%s' expects shape %s, got %s", method, kind,
            name, want, value.shape()));
      }
    }
    if (requireAll) {
      for (String name : expected.keySet()) {
        if (!given.containsKey(name)) {
          throw new IllegalArgumentException(String.format("%s: missing %s '%s'; expected one for each of %s",
              method, kind, name, expected.keySet()));
        }
      }
    }
  }
}
