package dev.layerwise.internal;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.FitOptions;
import dev.layerwise.TrainingConfig;
import dev.layerwise.data.DataSource;
import dev.layerwise.data.Dataset;
import dev.layerwise.spi.ModelSpec;

/**
 * The data one {@code fit} trains and validates on, checked and arranged in the model's order before any step:
 * the validation part given or split off the end ({@link FitOptions#validationSplit()}), and the training part
 * with its class weights turned into sample weights ({@link ClassWeights}). A {@link DataSource} is checked read by
 * read ({@link ChunkCheck}); a validation source is probed before the first step.
 *
 * @param train the samples trained on, in the model's order
 * @param validation the samples evaluated after every epoch, or {@code null}
 */
record FitData(TrainingData train, TrainingData validation) {

  static FitData prepare(ModelSpec spec, TrainingConfig config, Dataset data, FitOptions options, boolean doubles) {
    Dataset all = DataChecks.labelled(spec, config, data, "fit");
    Dataset train = all;
    TrainingData validation = null;
    if (options.validationSplit().isPresent()) {
      int splitAt = splitIndex(all.size(), options.validationSplit().getAsDouble());
      train = all.slice(0, splitAt);
      validation = TrainingData.of(all.slice(splitAt, all.size()), doubles);
    } else {
      validation = validation(spec, config, options, doubles);
    }
    if (!options.classWeight().isEmpty()) {
      train = train.withSampleWeights(ClassWeights.sampleWeights(spec, config, train, options.classWeight()));
    }
    return new FitData(TrainingData.of(train, doubles), validation);
  }

  static FitData prepare(ModelSpec spec, TrainingConfig config, DataSource data, FitOptions options,
      boolean doubles) {
    checkArgument(options.validationSplit().isEmpty(), "fit: validationSplit %s holds out the last samples of data"
        + " in memory; %s is a DataSource, read a batch at a time: pass validationData (a Dataset or another"
        + " DataSource) instead", options.validationSplit().orElse(0), data.description());
    TrainingData train = TrainingData.of(data,
        ChunkCheck.labelled(spec, config, "fit").withClassWeight(options.classWeight()), doubles);
    return new FitData(train, validation(spec, config, options, doubles));
  }

  /** The validation data given, checked (a source probed), or null. */
  private static TrainingData validation(ModelSpec spec, TrainingConfig config, FitOptions options,
      boolean doubles) {
    String what = "fit validationData";
    if (options.validationData() != null) {
      return TrainingData.of(DataChecks.labelled(spec, config, options.validationData(), what), doubles);
    }
    if (options.validationSource() != null) {
      TrainingData source = TrainingData.of(options.validationSource(), ChunkCheck.labelled(spec, config, what),
          doubles);
      source.probe();
      return source;
    }
    return null;
  }

  /**
   * Where Keras's {@code train_validation_split} cuts n samples: {@code floor(n·(1 − fraction))}, computed in
   * double precision as Keras computes it; the samples from there on validate.
   *
   * @throws IllegalArgumentException when either part would be empty
   */
  static int splitIndex(int n, double fraction) {
    int splitAt = (int) Math.floor(n * (1.0 - fraction));
    checkArgument(splitAt > 0 && splitAt < n, "fit: validationSplit %s of %s samples leaves %s to train on and %s to"
        + " validate on; both parts need at least one sample (more data or another fraction)", fraction, n,
        splitAt, n - splitAt);
    return splitAt;
  }
}
