package dev.layerwise.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.CompiledModel;
import dev.layerwise.FitContext;
import dev.layerwise.schedules.LearningRateSchedule;

/**
 * The {@link FitContext} of one fit: what callbacks changed (the base rate, the plateau scale, a stop) for the loop
 * to read at each step. Used by the thread running the fit only.
 */
final class FitControl implements FitContext {
  private final CompiledModel model;
  private final int initialEpoch;
  private final int epochs;
  private final int stepsPerEpoch;
  private final int samples;
  private final LearningRateSchedule schedule;
  /** The update the next step makes, 1-based: read when a callback asks for the next rate. */
  private long nextStep;
  private double baseOverride = Double.NaN;
  private double scale = 1;
  private double floor;
  private String stopReason;

  FitControl(CompiledModel model, int initialEpoch, int epochs, int stepsPerEpoch, int samples,
      LearningRateSchedule schedule, long nextStep) {
    this.model = model;
    this.initialEpoch = initialEpoch;
    this.epochs = epochs;
    this.stepsPerEpoch = stepsPerEpoch;
    this.samples = samples;
    this.schedule = schedule;
    this.nextStep = nextStep;
  }

  /**
   * The rate of update {@code step} (1-based): {@code max(base × scale, floor)} once scaled, else the base, checked
   * before it is fed.
   */
  double rateOf(long step) {
    nextStep = step;
    double lr = scaled(baseAt(step));
    if (!(lr >= 0) || Double.isInfinite(lr)) {
      throw new IllegalStateException(String.format("fit: the learning rate schedule %s gives %s at update %d; a"
          + " rate must be finite and ≥ 0", schedule, lr, step));
    }
    return lr;
  }

  /** {@code max(base × scale, floor)} once scaled, else {@code base}. */
  private double scaled(double base) {
    return scale < 1 ? Math.max(base * scale, floor) : base;
  }

  private double baseAt(long step) {
    return Double.isNaN(baseOverride) ? schedule.at(step - 1) : baseOverride;
  }

  /** The next update is {@code step} (the loop moves it on after each applied update). */
  void nextStep(long step) {
    nextStep = step;
  }

  /** The reason a callback gave for stopping, or null. */
  String stopReason() {
    return stopReason;
  }

  @Override
  public CompiledModel model() {
    checkArgument(model != null, "FitContext: this fit runs without a CompiledModel (a bare TrainingLoop)");
    return model;
  }

  @Override
  public int initialEpoch() {
    return initialEpoch;
  }

  @Override
  public int epochs() {
    return epochs;
  }

  @Override
  public int stepsPerEpoch() {
    return stepsPerEpoch;
  }

  @Override
  public int samples() {
    return samples;
  }

  @Override
  public double learningRate() {
    return scaled(baseAt(nextStep));
  }

  @Override
  public double baseLearningRate() {
    return baseAt(nextStep);
  }

  @Override
  public void setBaseLearningRate(double rate) {
    checkArgument(rate >= 0 && Double.isFinite(rate), "FitContext.setBaseLearningRate: a rate must be finite and"
        + " ≥ 0, got %s", rate);
    baseOverride = rate;
  }

  @Override
  public void scaleLearningRate(double scale, double floor) {
    checkArgument(scale > 0 && scale <= 1, "FitContext.scaleLearningRate: scale must be in (0, 1], got %s", scale);
    checkArgument(floor >= 0 && Double.isFinite(floor), "FitContext.scaleLearningRate: floor must be finite and"
        + " ≥ 0, got %s", floor);
    this.scale = scale;
    this.floor = floor;
  }

  @Override
  public double learningRateScale() {
    return scale;
  }

  @Override
  public void stopTraining(String reason) {
    requireNonNull(reason, "FitContext.stopTraining: reason");
    if (stopReason == null) {
      stopReason = reason;
    }
  }

  @Override
  public boolean stopRequested() {
    return stopReason != null;
  }
}
