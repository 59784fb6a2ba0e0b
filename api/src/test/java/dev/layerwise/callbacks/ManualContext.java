package dev.layerwise.callbacks;

import dev.layerwise.CompiledModel;
import dev.layerwise.EpochLogs;
import dev.layerwise.FitContext;
import java.util.Map;

/**
 * A {@link FitContext} driven by hand: a constant base rate, the scale and floor a callback sets, a stop. Lets a test
 * feed a callback a fixed sequence of monitored values, as Keras's own tests do, with no training.
 */
final class ManualContext implements FitContext {
  private final CompiledModel model;
  private double base;
  private double scale = 1;
  private double floor;
  String stopReason;

  ManualContext(CompiledModel model, double base) {
    this.model = model;
    this.base = base;
  }

  ManualContext(double base) {
    this(null, base);
  }

  /** Epoch {@code epoch}'s logs (1-based) holding one value. */
  static EpochLogs logs(int epoch, String key, double value) {
    return new EpochLogs(epoch, 100, 1, 0, Map.of(key, value));
  }

  @Override
  public CompiledModel model() {
    return model;
  }

  @Override
  public int initialEpoch() {
    return 0;
  }

  @Override
  public int epochs() {
    return 100;
  }

  @Override
  public int stepsPerEpoch() {
    return 1;
  }

  @Override
  public int samples() {
    return 1;
  }

  @Override
  public double learningRate() {
    return scale < 1 ? Math.max(base * scale, floor) : base;
  }

  @Override
  public double baseLearningRate() {
    return base;
  }

  @Override
  public void setBaseLearningRate(double rate) {
    base = rate;
  }

  @Override
  public void scaleLearningRate(double scale, double floor) {
    this.scale = scale;
    this.floor = floor;
  }

  @Override
  public double learningRateScale() {
    return scale;
  }

  @Override
  public void stopTraining(String reason) {
    if (stopReason == null) {
      stopReason = reason;
    }
  }

  @Override
  public boolean stopRequested() {
    return stopReason != null;
  }
}
