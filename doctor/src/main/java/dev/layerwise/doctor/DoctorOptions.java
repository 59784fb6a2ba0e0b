package dev.layerwise.doctor;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * What {@link TrainingDoctor} runs and how long: the defaults take a few seconds on a Fashion-MNIST MLP on the
 * tensorflow backend (docs/doctor.md has the measured time), so the doctor can run before every long training.
 *
 * @param batchSize the batch size the user's training will use: the trial fit, the update ratios and the range
 *     test step at it (Keras's default 32)
 * @param shuffle whether the user's fit will shuffle (the class-order check only matters without)
 * @param updateSteps how many steps the update/weight ratios are measured over
 * @param tinySubset the overfit-a-tiny-subset check's samples, batch size and step budget
 * @param trialEpochs epochs of the trial fit whose curves are read (0: no trial fit)
 * @param trialSamples how many training samples the trial fit uses at most (a seeded random subset)
 * @param rangeTest whether to run the learning-rate range test
 * @param seed the seed of every random subset the doctor draws
 */
public record DoctorOptions(int batchSize, boolean shuffle, int updateSteps,
    TinySubset.Options tinySubset, int trialEpochs, int trialSamples, boolean rangeTest, long seed) {
  public DoctorOptions {
    checkArgument(batchSize >= 1, "DoctorOptions: batchSize must be ≥ 1, got %s", batchSize);
    checkArgument(updateSteps >= 1, "DoctorOptions: updateSteps must be ≥ 1, got %s", updateSteps);
    checkArgument(tinySubset != null, "DoctorOptions: tinySubset is null");
    checkArgument(trialEpochs == 0 || trialEpochs >= 2, "DoctorOptions: trialEpochs must be 0 (no trial fit) or ≥ 2"
        + " (a curve needs two points), got %s", trialEpochs);
    checkArgument(trialSamples >= 2, "DoctorOptions: trialSamples must be ≥ 2, got %s", trialSamples);
  }

  /** Batch 32, shuffling on, 30 update steps, 64 samples overfit, 5 trial epochs on 4,096, the range test. */
  public static DoctorOptions defaults() {
    return new DoctorOptions(32, true, UpdateRatios.DEFAULT_STEPS, TinySubset.Options.defaults(), 5, 4096, true, 1);
  }

  public DoctorOptions withBatchSize(int b) {
    return new DoctorOptions(b, shuffle, updateSteps, tinySubset, trialEpochs, trialSamples, rangeTest,
        seed);
  }

  public DoctorOptions withShuffle(boolean s) {
    return new DoctorOptions(batchSize, s, updateSteps, tinySubset, trialEpochs, trialSamples,
        rangeTest, seed);
  }

  public DoctorOptions withTrial(int epochs, int samples) {
    return new DoctorOptions(batchSize, shuffle, updateSteps, tinySubset, epochs, samples, rangeTest,
        seed);
  }

  public DoctorOptions withRangeTest(boolean run) {
    return new DoctorOptions(batchSize, shuffle, updateSteps, tinySubset, trialEpochs, trialSamples,
        run, seed);
  }

  public DoctorOptions withTinySubset(TinySubset.Options o) {
    return new DoctorOptions(batchSize, shuffle, updateSteps, o, trialEpochs, trialSamples, rangeTest,
        seed);
  }

  public DoctorOptions withSeed(long s) {
    return new DoctorOptions(batchSize, shuffle, updateSteps, tinySubset, trialEpochs, trialSamples,
        rangeTest, s);
  }
}
