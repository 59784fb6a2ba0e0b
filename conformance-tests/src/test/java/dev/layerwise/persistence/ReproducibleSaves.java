package dev.layerwise.persistence;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.data.Dataset;
import dev.layerwise.io.ArchiveContents;
import dev.layerwise.io.ModelArchive;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The models {@link ArchiveReproducibilityTest} saves, trained on the reference backend (plain Java arithmetic, the
 * same in every JVM), and a save with the receipt's date fixed. Run as a program, it saves both models into the folder
 * it is given: the test compares what another JVM wrote with what its own wrote.
 */
final class ReproducibleSaves {
  /** The date every save here records instead of the time of the save. */
  static final String SAVED_AT = "2026-01-02T03:04:05Z";
  static final String SEQUENTIAL = "sequential.layerwise";
  static final String GRAPH = "graph.layerwise";

  private ReproducibleSaves() {}

  /** Dense → BN → Dropout → Dense(softmax): written in the chain format (1). */
  static CompiledModel sequential() {
    Sequential model = Sequential.of(Input.shape(4), Dense.units(5).withActivation(ActivationFn.RELU),
        BatchNormalization.create(), Dropout.rate(0.2), Dense.units(3).withActivation(ActivationFn.SOFTMAX))
        .withName("mlp").withSeed(11);
    CompiledModel m = model.compile(Backend.named("reference"), TrainingConfig.of(Optimizer.adam(0.01),
        Loss.sparseCategoricalCrossentropy(), Metric.ACCURACY));
    float[] x = new float[40 * 4];
    int[] labels = new int[40];
    for (int i = 0; i < 40; i++) {
      for (int j = 0; j < 4; j++) {
        x[i * 4 + j] = (float) Math.sin(0.41 * i + 0.9 * j);
      }
      labels[i] = i % 3;
    }
    m.fit(Dataset.withClassLabels(x, Shape.of(4), labels), FitOptions.builder().epochs(2).batchSize(8).quiet()
        .build());
    return m;
  }

  /** {@link GraphPersistenceTest#model()}: two inputs, a shared layer, two outputs; the graph format (2). */
  static CompiledModel graph() {
    return graph(GraphPersistenceTest.config());
  }

  static CompiledModel graph(TrainingConfig config) {
    CompiledModel m = GraphPersistenceTest.model().compile(Backend.named("reference"), config);
    m.fit(GraphPersistenceTest.data(), FitOptions.builder().epochs(2).batchSize(16).quiet().build());
    return m;
  }

  /** Saves {@code m} as {@link CompiledModel#save} does, but with the receipt's date set to {@link #SAVED_AT}. */
  static void save(CompiledModel m, Path file) {
    ArchiveContents c = m.contents();
    Map<String, String> receipt = new LinkedHashMap<>(c.receipt());
    if (receipt.replace("saved_at", SAVED_AT) == null) {
      throw new IllegalStateException("the receipt has no saved_at: " + receipt);
    }
    ModelArchive.write(new ArchiveContents(c.model(), c.training(), c.weights(), c.slots(), c.state(), receipt,
        c.callbacks()),
        file);
  }

  /** Saves both models into the folder {@code args[0]}. */
  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    try (CompiledModel s = sequential(); CompiledModel g = graph()) {
      save(s, dir.resolve(SEQUENTIAL));
      save(g, dir.resolve(GRAPH));
    }
  }
}
