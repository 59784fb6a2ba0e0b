package dev.layerwise;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One epoch's live bar, drawn as Keras's {@code Progbar} draws it with {@code verbose=1}
 * (keras/src/utils/progbar.py): a carriage return, the step count right-aligned to the width of the total, a
 * 20-cell bar, the estimated time left (then, at the end, the time taken), the time per step and the running
 * values, padded with spaces over a longer previous line. Redraws at most every {@link #INTERVAL_NANOS}; the final
 * line always draws and ends with a newline.
 *
 * <p>The time per step ignores the first step, which pays for graph set-up: (now − end of step 1) / (i − 1) for
 * step i &gt; 1, as Keras estimates it; the time left is that times the steps remaining.
 */
final class ProgressBar {
  /** Keras's {@code interval=0.05}: at most 20 redraws a second, whatever the step rate. */
  static final long INTERVAL_NANOS = 50_000_000L;
  private static final int WIDTH = 20;
  private static final String BOLD = "\u001b[1m";
  private static final String GREEN = "\u001b[32m";
  private static final String WHITE = "\u001b[37m";
  private static final String RESET = "\u001b[0m";

  /**
   * How the bar is drawn: the glyphs of its done and to-do cells, and whether to colour them (and embolden the
   * count and the time) with ANSI escapes as Keras does.
   */
  record Style(char done, char todo, boolean colour) {
    /** Keras's look: heavy horizontals, green where done; without colour the to-do part is a light line. */
    static Style of(Charset charset, boolean colour) {
      if (!charset.newEncoder().canEncode("━─")) {
        return new Style('=', '.', colour);
      }
      return new Style('━', colour ? '━' : '─', colour);
    }
  }

  private final PrintStream out;
  private final LongSupplier clock;
  private final Style style;
  private final long start;
  private long afterFirstStep = -1;
  private long lastDraw;
  private boolean drawn;
  private int previousWidth;

  ProgressBar(PrintStream out, LongSupplier clock, Style style) {
    this.out = out;
    this.clock = clock;
    this.style = style;
    this.start = clock.getAsLong();
  }

  /** After step {@code step} of {@code steps}: redraws if the last draw is at least 50 ms old. */
  void update(int step, int steps, Map<String, Double> values) {
    long now = clock.getAsLong();
    double perStep = secondsPerStep(step, now);
    if (drawn && now - lastDraw < INTERVAL_NANOS) {
      return;
    }
    draw(step, steps, eta(perStep * (steps - step)), perStep, values, false);
    lastDraw = now;
    drawn = true;
  }

  /** The epoch's last line: every step done, the time taken instead of the time left, then a newline. */
  void finish(int steps, Map<String, Double> values) {
    long now = clock.getAsLong();
    double perStep = secondsPerStep(steps, now);
    draw(steps, steps, String.format(Locale.ROOT, "%.0fs", (now - start) / 1e9), perStep, values, true);
  }

  private double secondsPerStep(int step, long now) {
    if (step <= 0) {
      return 0; // an empty epoch, as Keras's zero target
    }
    double perStep = afterFirstStep >= 0 && step > 1 ? (now - afterFirstStep) / 1e9 / (step - 1)
        : (now - start) / 1e9 / step;
    if (step == 1) {
      afterFirstStep = now;
    }
    return perStep;
  }

  /** Keras's ETA: "45s", "2:05" past a minute, "1:02:05" past an hour (whole seconds, rounded down). */
  static String eta(double seconds) {
    long s = (long) seconds;
    if (seconds > 3600) {
      return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60);
    }
    return seconds > 60 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60) : s + "s";
  }

  private void draw(int step, int steps, String time, double perStep, Map<String, Double> values, boolean last) {
    String count = String.format(Locale.ROOT, "%" + String.valueOf(steps).length() + "d/%d", step, steps);
    int done = (int) ((long) WIDTH * step / Math.max(1, steps));
    String doneCells = String.valueOf(style.done()).repeat(done);
    String todoCells = String.valueOf(style.todo()).repeat(WIDTH - done);
    String info = Progress.perStep(perStep) + Progress.values(values);
    int width = count.length() + 1 + WIDTH + 1 + time.length() + info.length();

    StringBuilder b = new StringBuilder("\r");
    if (style.colour()) {
      b.append(BOLD).append(count).append(RESET).append(' ');
      if (done > 0) {
        b.append(GREEN).append(doneCells).append(RESET);
      }
      b.append(WHITE).append(todoCells).append(RESET).append(' ').append(BOLD).append(time).append(RESET);
    } else {
      b.append(count).append(' ').append(doneCells).append(todoCells).append(' ').append(time);
    }
    b.append(info).append(" ".repeat(Math.max(0, previousWidth - width)));
    if (last) {
      b.append(System.lineSeparator());
    }
    out.print(b);
    out.flush();
    previousWidth = width;
  }
}
