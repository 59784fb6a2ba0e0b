package dev.layerwise.doctor;

import dev.layerwise.CompiledModel;

/**
 * The doctor's copies: what a check trains is a copy of the user's model (same layers, weights, configuration and
 * seed, a fresh optimizer), so the user's model, its weights and its optimizer state are left as they were.
 */
final class ModelCopy {
  private ModelCopy() {}

  /** An independent copy of {@code model} at its current weights; the caller closes it. */
  static CompiledModel of(CompiledModel model) {
    return model.recompile(model.model(), model.config());
  }
}
