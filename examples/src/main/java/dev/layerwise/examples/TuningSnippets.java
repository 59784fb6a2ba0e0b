package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.Sequential;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.regularizers.Regularizer;
import dev.layerwise.tuning.CoarseToFine;
import dev.layerwise.tuning.Hyperparameters;
import dev.layerwise.tuning.ModelFactory;
import dev.layerwise.tuning.Objective;
import dev.layerwise.tuning.Panda;
import dev.layerwise.tuning.Scale;
import dev.layerwise.tuning.SearchSpace;
import dev.layerwise.tuning.Study;
import dev.layerwise.tuning.StudyResult;
import java.nio.file.Path;
import java.util.Map;

/**
 * The code samples of {@code docs/tuning.md}, verbatim between {@code // region NAME} and {@code // endregion NAME}.
 * {@code DocSnippetsTest} checks the page shows exactly these lines; {@code TuningSnippetsTest} runs them.
 */
public final class TuningSnippets {
  private TuningSnippets() {}

  /** The MLP factory of the page. */
  static ModelFactory factory() {
    // region tuning-factory
    ModelFactory factory = trial -> new ModelFactory.TrialSetup(
        Sequential.of(Input.shape(28, 28), Flatten.create(),
                Dense.units(trial.params().getInt("units")).withActivation(ActivationFn.RELU)
                    .withKernelRegularizer(Regularizer.l2(trial.params().getDouble("l2"))),
                Dense.units(10))
            .withSeed(trial.seed())
            .compile(trial.backend(), Optimizer.adam(trial.params().getDouble("lr")),
                Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY),
        32);
    // endregion tuning-factory
    return factory;
  }

  /** A coarse-to-fine study of {@code rounds} × {@code trials} trials of {@code epochs} epochs in {@code dir}. */
  public static StudyResult study(Path dir, Dataset train, Dataset validation, Backend backend) {
    ModelFactory factory = factory();
    // region tuning-study
    SearchSpace space = SearchSpace.empty()
        .logUniform("lr", 1e-4, 1e-2)
        .logUniform("l2", 1e-6, 1e-3)
        .intRange("units", 32, 512, Scale.LOG);
    StudyResult result = Study.in(dir, new CoarseToFine(space, 2, 4, 2, 2, 1, 42),
            Objective.maximize("val_accuracy"), train, validation)
        .backend(backend).workers(2).threadsPerTrial(1)
        .run(factory);
    result.write(dir.resolve("results"));           // results.csv, results.md, charts, best.layerwise
    // endregion tuning-study
    return result;
  }

  /** The panda of the page: 2 epochs, a lower rate, 1 more. */
  public static Panda panda(Path dir, Dataset train, Dataset validation, Backend backend) throws Exception {
    ModelFactory factory = factory();
    // region tuning-panda
    Panda panda = Panda.start(dir, Hyperparameters.of(Map.of("lr", 0.01, "l2", 1e-5, "units", 64)), factory,
        train, validation, Objective.maximize("val_accuracy"), backend);
    panda.train(2);
    panda.setLearningRate(1e-3, "val_loss flat since epoch 1");
    panda.train(1);
    panda.finish();
    // endregion tuning-panda
    return panda;
  }
}
