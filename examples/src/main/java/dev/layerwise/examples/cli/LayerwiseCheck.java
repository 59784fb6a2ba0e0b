package dev.layerwise.examples.cli;

import dev.layerwise.conformance.ConformanceMain;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The correctness command line ({@code bin/layerwise-check}):
 *
 * <pre>
 *   layerwise-check report [DIR]       the conformance suite: every case, both backends and finite differences;
 *                                      DIR/conformance.md and DIR/conformance.json, exit 1 if a check fails
 *   layerwise-check model FILE.layerwise [--backend reference|tensorflow] [--data random|fashion-mnist]
 *                                      [--samples N] [--seed S]
 *                                      gradient-checks a saved model at its saved weights; exit 1 if it fails
 * </pre>
 *
 * Exit status: 0 every check passed, 1 a check failed, 2 a mistake in the arguments (a message names the argument,
 * or the file that cannot be read), 3 an unexpected error (a bug; the trace is printed).
 */
public final class LayerwiseCheck {
  static final String USAGE = "usage:\n  layerwise-check report [DIR]\n  layerwise-check " + ModelCheckCommand.USAGE;

  private LayerwiseCheck() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The whole command without {@code System.exit}: returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    return ExitStatus.of("layerwise-check " + args[0], () -> switch (args[0]) {
      case "report" -> ConformanceMain.run(rest.toArray(String[]::new));
      case "model" -> ModelCheckCommand.run(new Arguments(rest), out) ? 0 : 1;
      case "help", "--help", "-h" -> {
        out.println(USAGE);
        yield 0;
      }
      default -> {
        err.println("layerwise-check: unknown command '" + args[0] + "'\n" + USAGE);
        yield 2;
      }
    }, err);
  }
}
