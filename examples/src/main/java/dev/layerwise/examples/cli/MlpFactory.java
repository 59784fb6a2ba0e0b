package dev.layerwise.examples.cli;

import dev.layerwise.Sequential;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.regularizers.Regularizer;
import dev.layerwise.tuning.Hyperparameters;
import dev.layerwise.tuning.ModelFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The Fashion-MNIST MLP of the main job (Flatten → Dense(128, relu) → Dense(10), Adam 1e-3, batch 32) with its
 * settings open to a search: {@code lr}, {@code units}, {@code l2} (the hidden kernel's L2 factor), {@code dropout}
 * (after the hidden layer), {@code optimizer} ({@code adam} or {@code sgd}), {@code momentum} (sgd),
 * {@code batch_size}. A parameter the search leaves out keeps the main job's value. Public with a no-argument
 * constructor: Spark executors create it by name ({@link LayerwiseSparkTune}).
 */
public final class MlpFactory implements ModelFactory {
  static final List<String> KNOWN = List.of("lr", "units", "l2", "dropout", "optimizer", "momentum", "batch_size");

  @Override
  public TrialSetup build(dev.layerwise.tuning.TrialContext trial) {
    Hyperparameters p = trial.params();
    for (String name : p.values().keySet()) {
      if (!KNOWN.contains(name)) {
        throw new IllegalArgumentException("the Fashion-MNIST MLP has no hyperparameter '" + name + "'; it takes "
            + KNOWN);
      }
    }
    Dense hidden = Dense.units(p.has("units") ? p.getInt("units") : 128).withActivation(ActivationFn.RELU);
    if (p.has("l2")) {
      hidden = hidden.withKernelRegularizer(Regularizer.l2(p.getDouble("l2")));
    }
    List<Layer> layers = new ArrayList<>(List.of(Input.shape(28, 28), Flatten.create(), hidden));
    if (p.has("dropout")) {
      layers.add(Dropout.rate(p.getDouble("dropout")));
    }
    layers.add(Dense.units(10));
    double lr = p.has("lr") ? p.getDouble("lr") : 1e-3;
    String optimizer = p.has("optimizer") ? p.getString("optimizer") : "adam";
    Optimizer o = switch (optimizer) {
      case "adam" -> Optimizer.adam(lr);
      case "sgd" -> Optimizer.sgd(lr).withMomentum(p.has("momentum") ? p.getDouble("momentum") : 0);
      default -> throw new IllegalArgumentException("optimizer: expected adam or sgd, got '" + optimizer + "'");
    };
    return new TrialSetup(Sequential.of(layers.toArray(Layer[]::new)).withName("fashion_mnist_mlp")
        .withSeed(trial.seed()).compile(trial.backend(), o, Loss.sparseCategoricalCrossentropy().withFromLogits(true),
            Metric.ACCURACY), p.has("batch_size") ? p.getInt("batch_size") : 32);
  }
}
