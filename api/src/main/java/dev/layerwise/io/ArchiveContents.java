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
    weights = Map.copyOf(weights);
    slots = Map.copyOf(slots);
    receipt = Map.copyOf(receipt);
  }
}
