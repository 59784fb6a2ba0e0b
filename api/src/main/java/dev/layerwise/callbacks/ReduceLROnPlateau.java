package dev.layerwise.callbacks;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.CallbackState;
import dev.layerwise.EpochLogs;
import dev.layerwise.FitContext;
import dev.layerwise.ResumableCallback;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the learning rate when a monitored value stops improving: Keras's {@code ReduceLROnPlateau}, same
 * arguments and semantics. After each epoch: in a cooldown, the cooldown counter drops by one and {@code wait}
 * resets; a value improving on the best (by more than {@code minDelta}) becomes the best and resets {@code wait};
 * otherwise, outside a cooldown, {@code wait} grows and at {@code wait ≥ patience}, if the current rate is above
 * {@code minLr}, the rate becomes {@code max(rate × factor, minLr)}, a cooldown of {@code cooldown} epochs starts
 * and {@code wait} resets.
 *
 * <p>How the rate changes: the callback keeps a scale, the product of its factors, and the rate of every update is
 * {@code max(base(t) × scale, minLr)} once reduced ({@link FitContext}), where {@code base(t)} is the optimizer's
 * rate or schedule. With a constant rate that is Keras's rule; with a {@code LearningRateSchedule} the plateau
 * scales the schedule (Keras refuses that pair). As in Keras, a {@code monitor} the epoch did not log fails at
 * that epoch's end, listing the logged values (Keras warns). Its state (scale, best, wait, cooldown) survives
 * save → load → a resumed fit, keyed {@code ReduceLROnPlateau(<monitor>)}.
 *
 * <pre>{@code
 * ReduceLROnPlateau plateau = ReduceLROnPlateau.builder().monitor("val_loss").factor(0.5).patience(2).build();
 * }</pre>
 */
public final class ReduceLROnPlateau implements ResumableCallback {
  private static final Logger LOG = LoggerFactory.getLogger(ReduceLROnPlateau.class);

  private final Monitor monitor;
  private final double factor;
  private final int patience;
  private final int cooldown;
  private final double minLr;
  private FitContext context;
  private double scale = 1;
  private int wait;
  private int cooldownCounter;
  private Double best;

  private ReduceLROnPlateau(Builder b) {
    this.monitor = Monitor.of("ReduceLROnPlateau", b.monitor, b.mode, b.minDelta);
    this.factor = b.factor;
    this.patience = b.patience;
    this.cooldown = b.cooldown;
    this.minLr = b.minLr;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void onTrainBegin(FitContext context) {
    this.context = context;
    scale = context.learningRateScale();
    wait = 0;
    cooldownCounter = 0;
    best = null;
  }

  @Override
  public void onEpochEnd(EpochLogs logs) {
    double current = monitor.value(logs);
    if (cooldownCounter > 0) {
      cooldownCounter--;
      wait = 0;
    }
    if (monitor.improves(current, best)) {
      best = current;
      wait = 0;
    } else if (cooldownCounter == 0) {
      wait++;
      double rate = context.learningRate();
      if (wait >= patience && rate > (float) minLr) {
        scale *= factor;
        context.scaleLearningRate(scale, minLr);
        LOG.info("epoch {}: ReduceLROnPlateau reducing the learning rate to {} ({} did not improve for {} epochs)",
            logs.epoch(), context.learningRate(), monitor.key(), wait);
        cooldownCounter = cooldown;
        wait = 0;
      }
    }
  }

  /** The product of the factors applied so far (1 before any reduction). */
  public double scale() {
    return scale;
  }

  @Override
  public String stateKey() {
    return "ReduceLROnPlateau(" + monitor.key() + ")";
  }

  @Override
  public CallbackState state() {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("scale", scale);
    values.put("wait", (double) wait);
    values.put("cooldown_counter", (double) cooldownCounter);
    if (best != null) {
      values.put("best", best);
    }
    return CallbackState.of(stateKey(), values);
  }

  @Override
  public void restore(CallbackState state) {
    scale = state.require("scale");
    wait = (int) state.require("wait");
    cooldownCounter = (int) state.require("cooldown_counter");
    best = state.value("best").isPresent() ? state.value("best").getAsDouble() : null;
    if (scale < 1) {
      context.scaleLearningRate(scale, minLr);
    }
  }

  @Override
  public String toString() {
    return "ReduceLROnPlateau(" + monitor.describe() + ", factor " + factor + ", patience " + patience + ")";
  }

  /** Keras's defaults: {@code val_loss}, AUTO, factor 0.1, patience 10, minDelta 1e-4, cooldown 0, minLr 0. */
  public static final class Builder {
    private String monitor = "val_loss";
    private Mode mode = Mode.AUTO;
    private double factor = 0.1;
    private int patience = 10;
    private double minDelta = 1e-4;
    private int cooldown;
    private double minLr;

    private Builder() {}

    public Builder monitor(String monitor) {
      checkArgument(monitor != null && !monitor.isBlank(), "ReduceLROnPlateau: monitor must name a logged value,"
          + " got '%s'", monitor);
      this.monitor = monitor;
      return this;
    }

    public Builder mode(Mode mode) {
      this.mode = mode;
      return this;
    }

    /** What the rate is multiplied by; in (0, 1). */
    public Builder factor(double factor) {
      checkArgument(factor > 0 && factor < 1, "ReduceLROnPlateau: factor must be in (0, 1) (the rate is multiplied"
          + " by it), got %s", factor);
      this.factor = factor;
      return this;
    }

    /** Epochs without improvement before reducing; ≥ 0. */
    public Builder patience(int patience) {
      checkArgument(patience >= 0, "ReduceLROnPlateau: patience must be ≥ 0, got %s", patience);
      this.patience = patience;
      return this;
    }

    public Builder minDelta(double minDelta) {
      checkArgument(minDelta >= 0 && Double.isFinite(minDelta), "ReduceLROnPlateau: minDelta must be finite and"
          + " ≥ 0, got %s", minDelta);
      this.minDelta = minDelta;
      return this;
    }

    /** Epochs to wait after a reduction before counting again; ≥ 0. */
    public Builder cooldown(int cooldown) {
      checkArgument(cooldown >= 0, "ReduceLROnPlateau: cooldown must be ≥ 0, got %s", cooldown);
      this.cooldown = cooldown;
      return this;
    }

    /** The lowest rate a reduction gives; finite and ≥ 0. */
    public Builder minLr(double minLr) {
      checkArgument(minLr >= 0 && Double.isFinite(minLr), "ReduceLROnPlateau: minLr must be finite and ≥ 0, got"
          + " %s", minLr);
      this.minLr = minLr;
      return this;
    }

    public ReduceLROnPlateau build() {
      return new ReduceLROnPlateau(this);
    }
  }
}
