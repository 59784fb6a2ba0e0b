package dev.layerwise.examples.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.function.IntSupplier;

/**
 * The exit statuses the command lines share: what the command returns (0 passed, 1 a check failed), 2 for a mistake
 * in the arguments or a file they name ({@link IllegalArgumentException}, {@link UncheckedIOException}: the message
 * alone, after the command's name), 3 for anything else (a bug: the trace is printed).
 */
final class ExitStatus {
  private ExitStatus() {}

  static int of(String command, IntSupplier body, PrintStream err) {
    try {
      return body.getAsInt();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      // a bad argument, or a file it names that cannot be read or is not what it should be
      err.println(command + ": " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println(command + ": unexpected error (a bug: please report it with this trace)");
      e.printStackTrace(err);
      return 3;
    }
  }
}
