package dev.layerwise.conformance;

import dev.layerwise.tf.TfThreads;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conformance report as a command: runs every case of the suite in every one of its modes and writes
 * {@code conformance.md} and {@code conformance.json} into a folder. {@code bin/conformance-report} runs it (with
 * {@code --docs}, into {@code docs/}).
 *
 * <pre>
 *   ConformanceMain [DIR]        DIR defaults to target/conformance
 * </pre>
 *
 * <p>Prints the report's path and its totals line; the exit status is 0 when every row passed (PASS or XFAIL),
 * 1 when any failed, 2 for a usage error. Numbers are only comparable with TF's oneDNN rewrites off and one TF
 * thread, as the test suite runs: the TF thread pools default to one here (an explicit
 * {@code -Dlayerwise.tf.threads} wins), and a run without {@code TF_ENABLE_ONEDNN_OPTS=0} is logged as a warning
 * and shows in the report's header — the variable must be set before the JVM starts.
 */
public final class ConformanceMain {
  private static final Logger LOG = LoggerFactory.getLogger(ConformanceMain.class);
  static final Path DEFAULT_DIR = Path.of("target", "conformance");

  private ConformanceMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** The whole command, without {@code System.exit}: returns the exit status. */
  public static int run(String[] args) {
    if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
      System.err.println("usage: ConformanceMain [DIR]   (writes DIR/" + ConformanceReport.MARKDOWN + " and DIR/"
          + ConformanceReport.JSON + "; DIR defaults to " + DEFAULT_DIR + "), got " + List.of(args));
      return 2;
    }
    Path dir = args.length == 1 ? Path.of(args[0]) : DEFAULT_DIR;
    pinThreads();
    if (!"0".equals(System.getenv(Environment.ONEDNN))) {
      LOG.warn("{} is {}, not 0: TF may use oneDNN kernels, whose float32 results differ from the ones the"
          + " tolerances were measured with", Environment.ONEDNN, System.getenv(Environment.ONEDNN));
    }
    long start = System.nanoTime();
    ConformanceReport report = ConformanceSuite.run(Engines.fromClassPath(), new ConformanceReport());
    Path md = report.write(dir);
    double seconds = (System.nanoTime() - start) / 1e9;
    for (CheckRow failure : report.failures()) {
      System.out.println("FAILED " + failure.describe());
    }
    System.out.printf(java.util.Locale.ROOT, "conformance report: %s (and %s), %.0f s%n", md.toAbsolutePath(),
        ConformanceReport.JSON, seconds);
    System.out.println(report.totals());
    return report.failed() == 0 ? 0 : 1;
  }

  /** One TF thread per pool unless the command line chose: the setting the tolerances were measured with. */
  private static void pinThreads() {
    if (System.getProperty(TfThreads.THREADS) == null && System.getProperty(TfThreads.INTRA_OP) == null
        && System.getProperty(TfThreads.INTER_OP) == null) {
      System.setProperty(TfThreads.THREADS, "1");
    }
  }
}
