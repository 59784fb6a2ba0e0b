package dev.layerwise.tuning;

import dev.layerwise.CompiledModel;

/**
 * The user's model-building function: hyperparameters in, a compiled model and how to fit it out. Called once per
 * fresh trial, on a worker thread; the study closes the model. What it throws fails that trial alone (the reason is
 * recorded) and the search goes on.
 *
 * <pre>{@code
 * ModelFactory factory = trial -> new TrialSetup(Sequential.of(Input.shape(28, 28), Flatten.create(),
 *         Dense.units(trial.params().getInt("units")).withActivation(ActivationFn.RELU), Dense.units(10))
 *     .withSeed(trial.seed())
 *     .compile(trial.backend(), Optimizer.adam(trial.params().getDouble("lr")),
 *         Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY), 32);
 * }</pre>
 */
@FunctionalInterface
public interface ModelFactory {
  /** The trial's model, compiled on {@code trial.backend()}, and its batch size. */
  TrialSetup build(TrialContext trial) throws Exception;

  /**
   * A compiled model and the batch size to fit it at.
   *
   * @param model the model, compiled with the loss and the metrics the objective needs; the study closes it
   * @param batchSize the fit's batch size
   */
  record TrialSetup(CompiledModel model, int batchSize) {
    public TrialSetup {
      if (model == null) {
        throw new IllegalArgumentException("TrialSetup: the model-building function returned no model");
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("TrialSetup: batchSize must be ≥ 1, got " + batchSize);
      }
    }
  }
}
