package dev.layerwise.callbacks;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.CallbackState;
import dev.layerwise.CompiledModel;
import dev.layerwise.EpochLogs;
import dev.layerwise.FitContext;
import dev.layerwise.History;
import dev.layerwise.NdValue;
import dev.layerwise.ResumableCallback;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops training when a monitored value stops improving: Keras's {@code EarlyStopping}, same arguments and
 * semantics. After each epoch {@code e} (1-based) from {@code startFromEpoch + 1} on, {@code wait} grows by one;
 * a value that improves on the best so far (by more than {@code minDelta}, see {@link Mode}) becomes the best and
 * resets {@code wait} to 0, unless a {@code baseline} is set and the value does not improve on it too; otherwise,
 * once {@code wait ≥ patience} (and after the first epoch), training stops after that epoch. With
 * {@code restoreBestWeights}, the weights of the best epoch (the first watched epoch's until one improves) are put
 * back when training ends, stopped early or not.
 *
 * <pre>{@code
 * EarlyStopping stop = EarlyStopping.builder().monitor("val_loss").patience(3).restoreBestWeights(true).build();
 * }</pre>
 *
 * <p>Differences from Keras: a {@code monitor} the epoch did not log fails at that epoch's end, listing the logged
 * values (Keras warns and goes on); {@code mode(AUTO)} is resolved when the callback is built. Its state
 * (best value and epoch, wait, best weights) survives save → load → a resumed fit ({@link ResumableCallback}),
 * keyed {@code EarlyStopping(<monitor>)}. One instance serves one fit at a time.
 */
public final class EarlyStopping implements ResumableCallback {
  private static final Logger LOG = LoggerFactory.getLogger(EarlyStopping.class);

  private final Monitor monitor;
  private final int patience;
  private final Double baseline;
  private final int startFromEpoch;
  private final boolean restoreBestWeights;
  private FitContext context;
  private int wait;
  private Double best;
  private int bestEpoch;
  private Map<String, NdValue> bestWeights;

  private EarlyStopping(Builder b) {
    this.monitor = Monitor.of("EarlyStopping", b.monitor, b.mode, b.minDelta);
    this.patience = b.patience;
    this.baseline = b.baseline;
    this.startFromEpoch = b.startFromEpoch;
    this.restoreBestWeights = b.restoreBestWeights;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void onTrainBegin(FitContext context) {
    this.context = context;
    wait = 0;
    best = null;
    bestEpoch = 0;
    bestWeights = null;
  }

  @Override
  public void onEpochEnd(EpochLogs logs) {
    double current = monitor.value(logs);
    int epoch = logs.epoch();
    if (epoch <= startFromEpoch) {
      return;
    }
    if (restoreBestWeights && bestWeights == null) {
      bestWeights = model().weights();
      bestEpoch = epoch;
    }
    wait++;
    if (monitor.improves(current, best)) {
      best = current;
      bestEpoch = epoch;
      if (restoreBestWeights) {
        bestWeights = model().weights();
      }
      if (baseline == null || monitor.improves(current, baseline)) {
        wait = 0;
      }
      return;
    }
    if (wait >= patience && epoch > 1) {
      String against = baseline == null ? "" : " on the baseline " + Monitor.shown(baseline);
      context.stopTraining(String.format("EarlyStopping: %s did not improve%s for %d epochs (best %s at epoch %d)",
          monitor.key(), against, wait, best == null ? "none" : Monitor.shown(best), bestEpoch));
    }
  }

  @Override
  public void onTrainEnd(History history) {
    if (restoreBestWeights && bestWeights != null) {
      LOG.info("EarlyStopping: restoring the weights of the best epoch, {} ({} {})", bestEpoch, monitor.key(), best);
      CompiledModel m = model();
      Map<String, NdValue> values = new LinkedHashMap<>();
      bestWeights.forEach((name, v) -> values.put(name, v.withDType(m.dtype())));
      m.setWeights(values);
    }
  }

  private CompiledModel model() {
    return context.model();
  }

  /** The best monitored value so far, or NaN before the first watched epoch. */
  public double best() {
    return best == null ? Double.NaN : best;
  }

  /** The epoch (1-based) of {@link #best()}, 0 before. */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** Epochs since the last improvement that counted (see the class comment). */
  public int waited() {
    return wait;
  }

  @Override
  public String stateKey() {
    return "EarlyStopping(" + monitor.key() + ")";
  }

  @Override
  public CallbackState state() {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("wait", (double) wait);
    values.put("best_epoch", (double) bestEpoch);
    if (best != null) {
      values.put("best", best);
    }
    return new CallbackState(stateKey(), values, bestWeights == null ? Map.of() : bestWeights);
  }

  @Override
  public void restore(CallbackState state) {
    wait = (int) state.require("wait");
    bestEpoch = (int) state.require("best_epoch");
    best = state.value("best").isPresent() ? state.value("best").getAsDouble() : null;
    bestWeights = restoreBestWeights && !state.weights().isEmpty() ? state.weights() : null;
  }

  @Override
  public String toString() {
    return "EarlyStopping(" + monitor.describe() + ", patience " + patience + ")";
  }

  /** Keras's defaults: {@code val_loss}, AUTO, minDelta 0, patience 0, no baseline, from epoch 0, no restore. */
  public static final class Builder {
    private String monitor = "val_loss";
    private Mode mode = Mode.AUTO;
    private double minDelta;
    private int patience;
    private Double baseline;
    private int startFromEpoch;
    private boolean restoreBestWeights;

    private Builder() {}

    public Builder monitor(String monitor) {
      checkArgument(monitor != null && !monitor.isBlank(), "EarlyStopping: monitor must name a logged value, got"
          + " '%s'", monitor);
      this.monitor = monitor;
      return this;
    }

    public Builder mode(Mode mode) {
      this.mode = mode;
      return this;
    }

    /** The smallest change that counts as an improvement; finite and ≥ 0 (Keras takes |minDelta|). */
    public Builder minDelta(double minDelta) {
      checkArgument(minDelta >= 0 && Double.isFinite(minDelta), "EarlyStopping: minDelta must be finite and ≥ 0,"
          + " got %s", minDelta);
      this.minDelta = minDelta;
      return this;
    }

    /** Epochs without improvement before stopping; ≥ 0. */
    public Builder patience(int patience) {
      checkArgument(patience >= 0, "EarlyStopping: patience must be ≥ 0, got %s", patience);
      this.patience = patience;
      return this;
    }

    /** A value an improvement must also beat for {@code wait} to reset; finite. */
    public Builder baseline(double baseline) {
      checkArgument(Double.isFinite(baseline), "EarlyStopping: baseline must be finite, got %s", baseline);
      this.baseline = baseline;
      return this;
    }

    /** Epochs to train before watching (a warm-up); ≥ 0. */
    public Builder startFromEpoch(int startFromEpoch) {
      checkArgument(startFromEpoch >= 0, "EarlyStopping: startFromEpoch must be ≥ 0, got %s", startFromEpoch);
      this.startFromEpoch = startFromEpoch;
      return this;
    }

    public Builder restoreBestWeights(boolean restoreBestWeights) {
      this.restoreBestWeights = restoreBestWeights;
      return this;
    }

    /** @throws IllegalArgumentException if {@code mode(AUTO)} cannot tell the direction of the monitor */
    public EarlyStopping build() {
      return new EarlyStopping(this);
    }
  }
}
