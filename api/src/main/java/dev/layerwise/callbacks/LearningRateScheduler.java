package dev.layerwise.callbacks;

import static java.util.Objects.requireNonNull;

import dev.layerwise.CallbackState;
import dev.layerwise.FitContext;
import dev.layerwise.ResumableCallback;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * Sets the learning rate at the start of every epoch from a function: Keras's {@code LearningRateScheduler}. The
 * function gets the epoch's index counted from 0, as in Keras (the epochs done before it), and the current base
 * rate (what the optimizer or the last call set; see {@link FitContext}), and returns the rate for the epoch,
 * which replaces the optimizer's rate or schedule. A {@code ReduceLROnPlateau} still scales it.
 *
 * <pre>{@code
 * LearningRateScheduler halve = LearningRateScheduler.of((epoch, rate) -> epoch < 2 ? rate : rate * 0.5);
 * }</pre>
 *
 * <p>The last rate set survives save → load → a resumed fit (key {@code LearningRateScheduler}).
 */
public final class LearningRateScheduler implements ResumableCallback {
  /** The rate of an epoch from its 0-based index and the current rate. */
  @FunctionalInterface
  public interface Schedule {
    double rate(int epoch, double currentRate);
  }

  private final Schedule schedule;
  private FitContext context;
  private double rate = Double.NaN;

  private LearningRateScheduler(Schedule schedule) {
    this.schedule = requireNonNull(schedule, "LearningRateScheduler: schedule");
  }

  /** A rate from the 0-based epoch index and the current rate. */
  public static LearningRateScheduler of(Schedule schedule) {
    return new LearningRateScheduler(schedule);
  }

  /** A rate from the 0-based epoch index alone. */
  public static LearningRateScheduler ofEpoch(IntToDoubleFunction schedule) {
    requireNonNull(schedule, "LearningRateScheduler: schedule");
    return new LearningRateScheduler((epoch, current) -> schedule.applyAsDouble(epoch));
  }

  @Override
  public void onTrainBegin(FitContext context) {
    this.context = context;
    rate = Double.NaN;
  }

  @Override
  public void onEpochBegin(int epoch, int epochs) {
    double r = schedule.rate(epoch - 1, context.baseLearningRate());
    if (!(r >= 0) || Double.isInfinite(r)) {
      throw new IllegalArgumentException(String.format("LearningRateScheduler: the schedule gave %s for epoch index"
          + " %d; a learning rate must be finite and ≥ 0", r, epoch - 1));
    }
    rate = r;
    context.setBaseLearningRate(r);
  }

  @Override
  public String stateKey() {
    return "LearningRateScheduler";
  }

  @Override
  public CallbackState state() {
    return CallbackState.of(stateKey(), Double.isNaN(rate) ? Map.of() : Map.of("rate", rate));
  }

  @Override
  public void restore(CallbackState state) {
    if (state.value("rate").isPresent()) {
      rate = state.value("rate").getAsDouble();
      context.setBaseLearningRate(rate);
    }
  }
}
