package dev.layerwise.internal;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.FitOptions;
import dev.layerwise.TrainingConfig;
import dev.layerwise.data.Dataset;
import dev.layerwise.spi.ModelSpec;

/**
 * The data one {@code fit} trains and validates on, checked and arranged in the model's order before any step:
 * the validation part given or split off the end ({@link FitOptions#validationSplit()}), and the training part
 * with its class weights turned into sample weights ({@link ClassWeights}).
 *
 * @param train the samples trained on, in the model's order
 * @param validation the samples evaluated after every epoch, or {@code null}
 */
record FitData(Dataset train, Dataset validation) {

  static FitData prepare(ModelSpec spec, TrainingConfig config, Dataset data, FitOptions options) {
    Dataset all = DataChecks.labelled(spec, config, data, "fit");
    Dataset train = all;
    Dataset validation = null;
    if (options.validationSplit().isPresent()) {
      int splitAt = splitIndex(all.size(), options.validationSplit().getAsDouble());
      train = all.slice(0, splitAt);
      validation = all.slice(splitAt, all.size());
    } else if (options.validationData() != null) {
      validation = DataChecks.labelled(spec, config, options.validationData(), "fit validationData");
    }
    if (!options.classWeight().isEmpty()) {
      train = train.withSampleWeights(ClassWeights.sampleWeights(spec, config, train, options.classWeight()));
    }
    return new FitData(train, validation);
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
