package dev.layerwise;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code fit} shows while it trains, as Keras's progress logger does. Three looks:
 *
 * <p>A live bar (Keras's {@code verbose=1} on a terminal), redrawn in place at most every 50 ms, then left as the
 * epoch's summary:
 *
 * <pre>
 * Epoch 1/5
 *  760/1875 ━━━━━━━━──────────── 0s 668us/step - accuracy: 0.7981 - loss: 0.5803
 * </pre>
 *
 * <p>One line per epoch (Keras's {@code verbose=2}), for logs and files:
 *
 * <pre>
 * Epoch 1/5
 * 1875/1875 - 2s - 1ms/step - accuracy: 0.8260 - loss: 0.4972 - val_accuracy: 0.8510 - val_loss: 0.4227
 * </pre>
 *
 * <p>The same line through SLF4J ({@link #toLog()}). {@code fit} uses {@link #console()} unless told otherwise
 * ({@link FitOptions.Builder#verbose(int)}). The epoch header is printed when {@code fit} runs more than one epoch,
 * as in Keras. Values are the epoch's running means: training keys alphabetically, then the {@code val_} keys.
 *
 * <p>A {@code Progress} keeps the state of the epoch it is drawing: give fits that run at the same time their own.
 */
public final class Progress implements FitCallback {
  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

  private enum Look { AUTO, BAR, LINES, LOG }

  private final Look look;
  private final Supplier<PrintStream> out;
  private final LongSupplier clock;
  private final ProgressBar.Style barStyle;
  /** The bar of the epoch being drawn, or null when printing lines. */
  private ProgressBar bar;

  private Progress(Look look, Supplier<PrintStream> out, LongSupplier clock, ProgressBar.Style barStyle) {
    this.look = look;
    this.out = out;
    this.clock = clock;
    this.barStyle = barStyle;
  }

  private Progress(Look look, Supplier<PrintStream> out) {
    this(look, out, System::nanoTime, null);
  }

  /**
   * Keras's {@code verbose=1}, the default of {@code fit}: on an interactive terminal a live bar, otherwise
   * (output redirected to a file or a pipe, or the environment variable {@code CI} set) one line per epoch. Prints
   * to whatever {@code System.out} is when the epoch starts.
   */
  public static Progress console() {
    return new Progress(Look.AUTO, () -> System.out);
  }

  /** Keras's {@code verbose=2}: one line per epoch (and the epoch header) printed to {@code out}. */
  public static Progress to(PrintStream out) {
    return new Progress(Look.LINES, () -> out);
  }

  /** One line per epoch to {@code System.out} as it is when the epoch starts ({@code verbose=2}). */
  static Progress lines() {
    return new Progress(Look.LINES, () -> System.out);
  }

  /**
   * The live bar on {@code out} whatever the terminal detection says, for consoles that handle a carriage return
   * but are not seen as terminals (some IDE run windows). Drawn without colour.
   */
  public static Progress bar(PrintStream out) {
    return new Progress(Look.BAR, () -> out);
  }

  /** One INFO line per epoch through SLF4J, logger {@code dev.layerwise.Progress}, header included. */
  public static Progress toLog() {
    return new Progress(Look.LOG, () -> null);
  }

  /** Test hook: the live bar on {@code out} with a given clock and style. */
  static Progress bar(PrintStream out, LongSupplier clock, ProgressBar.Style style) {
    return new Progress(Look.BAR, () -> out, clock, style);
  }

  @Override
  public void onEpochBegin(int epoch, int epochs) {
    if (look == Look.LOG) {
      return;
    }
    PrintStream stream = out.get();
    if (epochs > 1) {
      stream.println("Epoch " + epoch + "/" + epochs);
    }
    bar = switch (look) {
      case AUTO -> Terminal.isInteractive() ? new ProgressBar(stream, clock, Terminal.barStyle()) : null;
      case BAR -> new ProgressBar(stream, clock, barStyle != null ? barStyle : Terminal.plainBarStyle());
      default -> null;
    };
  }

  @Override
  public void onBatchEnd(BatchLogs logs) {
    if (bar != null) {
      bar.update(logs.step(), logs.steps(), logs.values());
    }
  }

  @Override
  public void onEpochEnd(EpochLogs logs) {
    if (look == Look.LOG) {
      LOG.info("Epoch {}/{} - {}", logs.epoch(), logs.epochs(), format(logs));
    } else if (bar != null) {
      bar.finish(logs.steps(), logs.values());
    } else {
      out.get().println(format(logs));
    }
  }

  /**
   * The epoch line without its header, as Keras's {@code verbose=2} prints it; the time per step is the epoch's
   * wall time (validation included) over its steps.
   */
  public static String format(EpochLogs logs) {
    int steps = logs.steps();
    return steps + "/" + steps + " - " + String.format(Locale.ROOT, "%.0fs", logs.seconds()) + " -"
        + perStep(logs.seconds() / Math.max(1, steps)) + values(logs.values());
  }

  /** Keras's {@code _format_time}: " 305us/step", " 12ms/step", " 2s/step" (and " 0s/step" for no time). */
  static String perStep(double seconds) {
    if (seconds >= 1 || seconds == 0) {
      return String.format(Locale.ROOT, " %.0fs/step", seconds);
    }
    return seconds >= 1e-3 ? String.format(Locale.ROOT, " %.0fms/step", seconds * 1e3)
        : String.format(Locale.ROOT, " %.0fus/step", seconds * 1e6);
  }

  /** " - key: value" for each value, training keys alphabetically, then the validation ones. */
  static String values(Map<String, Double> values) {
    StringBuilder b = new StringBuilder();
    values.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(
            Comparator.comparing((String k) -> k.startsWith("val_")).thenComparing(Comparator.naturalOrder())))
        .forEach(e -> b.append(" - ").append(e.getKey()).append(": ").append(number(e.getValue())));
    return b.toString();
  }

  /**
   * Keras's rule: four decimals, or scientific notation for small magnitudes (a learning rate of 1e-5). Zero
   * prints as 0.0000 (Keras prints 0.0000e+00).
   */
  static String number(double v) {
    return v == 0 || Math.abs(v) >= 1e-3 || !Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v)
        : String.format(Locale.ROOT, "%.4e", v);
  }
}
