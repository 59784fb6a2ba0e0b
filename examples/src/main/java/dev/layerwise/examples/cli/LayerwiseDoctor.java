package dev.layerwise.examples.cli;

import dev.layerwise.doctor.Verdict;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The training doctor's command line ({@code bin/layerwise-doctor}):
 *
 * <pre>
 *   layerwise-doctor FILE.layerwise [--backend tensorflow|reference] [--data fashion-mnist|FILE.csv] [--label COLUMN]
 *                    [--batch-size B] [--shuffle on|off] [--trial-epochs E] [--trial-samples N]
 *                    [--range-test on|off] [--report DIR] [--seed S]
 * </pre>
 *
 * Exit status as {@code layerwise-check}'s: 0 no check failed (warnings allowed), 1 a check failed, 2 a mistake in
 * the arguments (a message names the argument, or the file that cannot be read), 3 an unexpected error (a bug; the
 * trace is printed).
 */
public final class LayerwiseDoctor {
  static final String USAGE = "usage:\n  layerwise-doctor " + DoctorCommand.USAGE;

  private LayerwiseDoctor() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The whole command without {@code System.exit}: returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    if (Arrays.asList("help", "--help", "-h").contains(args[0])) {
      out.println(USAGE);
      return 0;
    }
    return ExitStatus.of("layerwise-doctor",
        () -> DoctorCommand.run(new Arguments(Arrays.asList(args)), out) == Verdict.FAIL ? 1 : 0, err);
  }
}
