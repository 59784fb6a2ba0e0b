package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The state of a {@link ResumableCallback} at the end of a {@code fit}, kept by the model and written into its
 * archive by {@code save}, so that a callback given to a resumed {@code fit} continues where it stopped.
 *
 * @param key which callback it belongs to: {@link ResumableCallback#stateKey()}, e.g.
 *     {@code EarlyStopping(val_loss)}
 * @param values named numbers (counters, best values); a value that does not exist yet is left out
 * @param weights named tensors (e.g. the best epoch's weights), by full weight name; empty if none
 */
public record CallbackState(String key, Map<String, Double> values, Map<String, NdValue> weights) {
  public CallbackState {
    requireNonNull(key, "CallbackState: key");
    checkArgument(!key.isBlank(), "CallbackState: key must not be blank");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
  }

  /** A state of numbers only. */
  public static CallbackState of(String key, Map<String, Double> values) {
    return new CallbackState(key, values, Map.of());
  }

  /** A named number, if the state has it. */
  public OptionalDouble value(String name) {
    Double v = values.get(name);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  /**
   * A named number the callback always saves.
   *
   * @throws IllegalArgumentException naming the key and the values present, if it is missing
   */
  public double require(String name) {
    Double v = values.get(name);
    checkArgument(v != null, "CallbackState '%s': no value '%s'; present: %s", key, name, values.keySet());
    return v;
  }
}
