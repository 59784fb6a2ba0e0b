package dev.layerwise;

import java.io.Console;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * Whether {@code System.out} is a person's terminal, and how to draw on it. {@code System.console()} is null when
 * standard input or output is redirected (a pipe, a file, Maven's forked test runner); from Java 22 it exists
 * regardless and {@code Console.isTerminal()} tells, so that method is asked for when present.
 */
final class Terminal {
  private Terminal() {}

  /** A live bar makes sense: a terminal on both ends and not a CI job (CI logs keep every carriage return). */
  static boolean isInteractive() {
    return isInteractive(System.console(), System.getenv());
  }

  static boolean isInteractive(Console console, Map<String, String> env) {
    String ci = env.getOrDefault("CI", "");
    if (console == null || !(ci.isEmpty() || ci.equalsIgnoreCase("false"))) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // Java 17 to 21: a console exists only on a terminal
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** The live bar's style on this terminal: Keras's colours unless {@code NO_COLOR} is set or the terminal is dumb. */
  static ProgressBar.Style barStyle() {
    return ProgressBar.Style.of(charset(), colours(System.getenv()));
  }

  /** The style of a bar forced onto a stream: no colour, glyphs the console's character set can encode. */
  static ProgressBar.Style plainBarStyle() {
    return ProgressBar.Style.of(charset(), false);
  }

  /** The no-color.org convention, and a TERM that names a terminal able to show colour. */
  static boolean colours(Map<String, String> env) {
    String term = env.getOrDefault("TERM", "");
    return env.getOrDefault("NO_COLOR", "").isEmpty() && !term.isEmpty() && !term.equals("dumb");
  }

  /** The console's character set (what {@code System.out} encodes to on a terminal), else the default one. */
  static Charset charset() {
    Console console = System.console();
    return console != null ? console.charset() : Charset.defaultCharset();
  }
}
