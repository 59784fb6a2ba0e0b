package dev.layerwise.spark;

import dev.layerwise.Sequential;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.tuning.ModelFactory;
import dev.layerwise.tuning.TrialContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tests' model factory, created by name on the executors: an 8 → units (ReLU) → 4 classifier, Adam at
 * {@code lr}. Records the trials it built (local mode: executors are this JVM), and sleeps
 * {@code layerwise.test.slowBuildMillis} before each build so that a kill can land mid-study.
 */
public final class ClusterFactory implements ModelFactory {
  /** The trial numbers built in this JVM. */
  static final Set<Integer> BUILT = ConcurrentHashMap.newKeySet();

  @Override
  public TrialSetup build(TrialContext trial) throws InterruptedException {
    BUILT.add(trial.number());
    Thread.sleep(Long.getLong("layerwise.test.slowBuildMillis", 0));
    return new TrialSetup(Sequential.of(Input.shape(8),
        Dense.units(trial.params().getInt("units")).withActivation(ActivationFn.RELU), Dense.units(4))
        .withSeed(trial.seed()).compile(trial.backend(), Optimizer.adam(trial.params().getDouble("lr")),
            Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY), 32);
  }
}
