package dev.layerwise.io;

import dev.layerwise.Sequential;
import dev.layerwise.TrainingConfig;
import dev.layerwise.TrainingState;
import dev.layerwise.spi.TensorValue;
import java.util.Map;

/**
 * Everything a model archive holds.
 *
 * @param model the layers, name and seed
 * @param training optimizer (with its schedule and clipping), loss, metrics and precision
 * @param weights every weight by full name
 * @param slots the optimizer's slots by {@code <weight>/<slot>}
 * @param state updates and epochs done
 * @param receipt how it was made: seed, versions, backend, JVM, date
 */
public record ArchiveContents(Sequential model, TrainingConfig training, Map<String, TensorValue> weights,
    Map<String, TensorValue> slots, TrainingState state, Map<String, String> receipt) {
  public ArchiveContents {
    // Copies that keep the given order: the archive lists weights in model order, the receipt as written.
    weights = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weights));
    slots = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(slots));
    receipt = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(receipt));
  }
}
