package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.ModelCheckpoint;
import dev.layerwise.Predictions;
import dev.layerwise.SavedModelExport;
import dev.layerwise.Sequential;
import dev.layerwise.TrainingState;
import dev.layerwise.data.Dataset;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.tf.TfSavedModel;
import java.nio.file.Path;
import java.util.Map;

/**
 * The code samples of the guide page {@code docs/serving.md}, verbatim between {@code // region NAME} and {@code //
 * endregion NAME}. {@code DocSnippetsTest} checks that each {@code java} block of the page shows exactly these lines;
 * {@code ServingSnippetsTest} runs each sample as the page describes it, and the page's Python sample on a saved
 * archive.
 */
public final class ServingSnippets {
  private ServingSnippets() {}

  /**
   * Trains {@code model} for 2 epochs on TensorFlow, saves it to {@code file}, loads it on the reference backend and
   * trains one more epoch; returns the resumed model's training state.
   */
  public static TrainingState saveLoadResume(Sequential model, Dataset train, Path file) {
    TrainingState state;
    // region save-load-resume
    try (CompiledModel m = model.compile(Backend.named("tensorflow"), Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY)) {
      m.fit(train, FitOptions.builder().epochs(2).batchSize(32).quiet().build());
      m.save(file);                                        // atomic: a crash leaves the old file as it was
    }
    try (CompiledModel m = CompiledModel.load(file, Backend.named("reference"))) {   // any backend
      m.fit(train, FitOptions.builder().epochs(1).batchSize(32).quiet().build());   // carries on from epoch 3
      state = m.trainingState();                                                     // 3 epochs now
    }
    // endregion save-load-resume
    return state;
  }

  /** Trains {@code m} for 10 epochs, keeping the last three epochs' files and the best one in {@code dir}. */
  public static void checkpoints(CompiledModel m, Dataset train, Dataset test, Path dir) {
    // region checkpoints
    m.fit(train, FitOptions.builder().epochs(10).batchSize(32).validationData(test)
        .callbacks(ModelCheckpoint.everyEpoch(m, dir).keepLast(3),        // epoch-0008 … epoch-0010.layerwise
            ModelCheckpoint.bestOnly(m, dir, "val_accuracy"))            // best.layerwise
        .build());
    // endregion checkpoints
  }

  /**
   * Exports {@code m} as version 1 under {@code base} and runs {@code count} samples {@code images} through the
   * export's default signature.
   */
  public static float[] exportSavedModel(CompiledModel m, Path base, float[] images, int count) {
    float[] logits;
    // region export-savedmodel
    Path version = m.exportSavedModel(SavedModelExport.to(base)
        .withVersion(1).withClassSignatures(true));        // base/1/saved_model.pb, base/1/variables/
    try (TfSavedModel served = TfSavedModel.load(version)) {   // thread-safe: share one between threads
      logits = served.predict(images, count);             // serving_default
    }
    // endregion export-savedmodel
    return logits;
  }

  /**
   * Exports {@code m}, a model with the inputs {@code image} and {@code meta} and the outputs {@code class} and
   * {@code score}, as version 1 under {@code base}, runs {@code count} samples through its default signature and
   * returns both outputs, class first.
   */
  public static float[][] exportGraphSavedModel(CompiledModel m, Path base, float[] images, float[] meta,
      int count) {
    float[] classes;
    float[] scores;
    // region export-graph-savedmodel
    Path version = m.exportSavedModel(base);          // serving_default: inputs image, meta; outputs class, score
    try (TfSavedModel served = TfSavedModel.load(version)) {
      Predictions p = served.predict(Map.of("image", images, "meta", meta), count);   // every output, by name
      classes = p.get("class");                       // count × 3 logits
      scores = p.get("score");                        // count × 1
    }
    // endregion export-graph-savedmodel
    return new float[][] {classes, scores};
  }
}
