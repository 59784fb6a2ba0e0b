package dev.layerwise.io;

import dev.layerwise.CallbackState;
import dev.layerwise.Model;
import dev.layerwise.TrainingConfig;
import dev.layerwise.TrainingState;
import dev.layerwise.spi.TensorValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a model archive holds.
 *
 * @param model the layers (and how they connect), name and seed: read from an archive, a {@code Sequential} or a
 *     {@code Model} as it was saved
 * @param training optimizer (with its schedule and clipping), loss, metrics and precision
 * @param weights every weight by full name
 * @param slots the optimizer's slots by {@code <weight>/<slot>}
 * @param state updates and epochs done
 * @param receipt how it was made: seed, versions, backend, JVM, date
 * @param callbacks the states of the resumable callbacks of the last fit (see {@code ResumableCallback}); empty
 *     for a model never fitted with one, and in archives written before callback states were saved
 */
public record ArchiveContents(Model model, TrainingConfig training, Map<String, TensorValue> weights,
    Map<String, TensorValue> slots, TrainingState state, Map<String, String> receipt, List<CallbackState> callbacks) {
  /** Contents without callback states. */
  public ArchiveContents(Model model, TrainingConfig training, Map<String, TensorValue> weights,
      Map<String, TensorValue> slots, TrainingState state, Map<String, String> receipt) {
    this(model, training, weights, slots, state, receipt, List.of());
  }

  public ArchiveContents {
    callbacks = List.copyOf(callbacks);
    // Copies that keep the given order: the archive lists weights in model order, the receipt as written.
    weights = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weights));
    slots = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(slots));
    receipt = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(receipt));
  }

  /**
   * The first weight, then optimizer slot, holding NaN or ±∞, described with its element ({@code weight
   * 'dense/kernel' [784, 128] element 3 is NaN}), or empty when every value is finite.
   */
  public Optional<String> firstNonFinite() {
    return firstNonFinite("weight", weights).or(() -> firstNonFinite("optimizer slot", slots));
  }

  private static Optional<String> firstNonFinite(String kind, Map<String, TensorValue> tensors) {
    for (Map.Entry<String, TensorValue> e : tensors.entrySet()) {
      double[] d = e.getValue().data();
      for (int i = 0; i < d.length; i++) {
        if (!Double.isFinite(d[i])) {
          return Optional.of(String.format("%s '%s' %s element %d is %s", kind, e.getKey(), e.getValue().shape(), i,
              d[i]));
        }
      }
    }
    return Optional.empty();
  }
}
