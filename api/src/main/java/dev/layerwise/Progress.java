package dev.layerwise;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Keras-style line per epoch:
 *
 * <pre>
 * Epoch 1/5
 * 1875/1875 - 3s 1ms/step - accuracy: 0.8213 - loss: 0.5032 - val_accuracy: 0.8456 - val_loss: 0.4312
 * </pre>
 *
 * <p>{@link #toLog()} (the default of {@code fit}) sends it through SLF4J at INFO, logger
 * {@code dev.layerwise.Progress}; {@link #to(PrintStream)} prints it, for programs that own their console.
 */
public final class Progress implements FitCallback {
  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

  private final Consumer<String> sink;
  private final boolean epochHeader;

  private Progress(Consumer<String> sink, boolean epochHeader) {
    this.sink = sink;
    this.epochHeader = epochHeader;
  }

  /** Prints to a stream, e.g. {@code System.out} in an application. */
  public static Progress to(PrintStream out) {
    return new Progress(out::println, true);
  }

  /** Logs one INFO line per epoch through SLF4J. */
  public static Progress toLog() {
    return new Progress(LOG::info, false);
  }

  @Override
  public void onEpochBegin(int epoch, int epochs) {
    if (epochHeader) {
      sink.accept("Epoch " + epoch + "/" + epochs);
    }
  }

  @Override
  public void onEpochEnd(EpochLogs logs) {
    String line = format(logs);
    sink.accept(epochHeader ? line : "Epoch " + logs.epoch() + "/" + logs.epochs() + " - " + line);
  }

  /** The line without the epoch header. */
  public static String format(EpochLogs logs) {
    StringBuilder b = new StringBuilder();
    b.append(logs.steps()).append('/').append(logs.steps()).append(" - ");
    b.append(Math.round(logs.seconds())).append("s ");
    double perStep = logs.seconds() / Math.max(1, logs.steps());
    b.append(perStep >= 1 ? Math.round(perStep) + "s" : perStep >= 1e-3 ? Math.round(perStep * 1e3) + "ms"
        : Math.round(perStep * 1e6) + "us").append("/step");
    // Keras prints metrics in alphabetical order, training values before validation values.
    logs.values().entrySet().stream()
        .sorted(Map.Entry.comparingByKey((a, c) -> {
          boolean va = a.startsWith("val_");
          boolean vc = c.startsWith("val_");
          return va != vc ? Boolean.compare(va, vc) : a.compareTo(c);
        }))
        .forEach(e -> b.append(" - ").append(e.getKey()).append(": ").append(number(e.getValue())));
    return b.toString();
  }

  /** Keras's rule: four decimals, or scientific notation for small magnitudes (a learning rate of 1e-5). */
  private static String number(double v) {
    return v == 0 || Math.abs(v) >= 1e-3 || !Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v)
        : String.format(Locale.ROOT, "%.4e", v);
  }
}
