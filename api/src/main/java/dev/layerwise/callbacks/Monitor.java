package dev.layerwise.callbacks;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.EpochLogs;
import java.util.List;
import java.util.Locale;

/**
 * A monitored value and what counts as an improvement, shared by the callbacks that watch one (Keras's
 * {@code MonitorCallback}): with {@code d = |minDelta|}, {@code current} improves on {@code reference} when
 * {@code current − d > reference} (MAX) or {@code current + d < reference} (MIN); anything improves on no
 * reference yet.
 */
record Monitor(String owner, String key, boolean maximize, double minDelta) {
  private static final List<String> UP = List.of("acc", "auc", "precision", "recall", "f1");
  private static final List<String> DOWN = List.of("error", "crossentropy", "hinge", "divergence");

  static Monitor of(String owner, String key, Mode mode, double minDelta) {
    requireNonNull(key, owner + ": monitor");
    requireNonNull(mode, owner + ": mode");
    checkArgument(minDelta >= 0 && Double.isFinite(minDelta), "%s: minDelta must be finite and ≥ 0, got %s", owner,
        minDelta);
    boolean max = switch (mode) {
      case MIN -> false;
      case MAX -> true;
      case AUTO -> inferMaximize(owner, key);
    };
    return new Monitor(owner, key, max, minDelta);
  }

  private static boolean inferMaximize(String owner, String key) {
    String name = key.startsWith("val_") ? key.substring(4) : key;
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("loss") || lower.endsWith("_loss") || List.of("mse", "mae", "rmse", "msle", "mape")
        .contains(lower) || DOWN.stream().anyMatch(lower::contains)) {
      return false;
    }
    if (UP.stream().anyMatch(lower::contains)) {
      return true;
    }
    throw new IllegalArgumentException(String.format("%s: cannot tell whether monitor '%s' should go down or up;"
        + " pass mode(Mode.MIN) or mode(Mode.MAX)", owner, key));
  }

  /** Whether {@code current} improves on {@code reference} (null: none yet). */
  boolean improves(double current, Double reference) {
    if (reference == null) {
      return true;
    }
    return maximize ? current - minDelta > reference : current + minDelta < reference;
  }

  /**
   * The monitored value of an epoch.
   *
   * @throws IllegalArgumentException if the epoch did not log it, listing what it logged (Keras only warns)
   */
  double value(EpochLogs logs) {
    Double v = logs.values().get(key);
    if (v == null) {
      throw new IllegalArgumentException(String.format("%s: monitor '%s' is not among the values epoch %d logged %s%s",
          owner, key, logs.epoch(), logs.values().keySet().stream().sorted().toList(),
          key.startsWith("val_") && logs.values().keySet().stream().noneMatch(k -> k.startsWith("val_"))
              ? " (val_ values need validationData)" : ""));
    }
    return v;
  }

  /** A monitored value in a message: 6 significant digits at most, no trailing zeros ({@code 0.41}, {@code 8}). */
  static String shown(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
  }

  /** The monitor and direction, for messages and state keys. */
  String describe() {
    return key + (maximize ? " (max)" : " (min)");
  }
}
