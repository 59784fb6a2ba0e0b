package dev.layerwise.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.examples.FashionMnistMlp;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor's command line on saved Fashion-MNIST MLPs: a healthy one exits 0, one whose rate is a thousandth of
 * Adam's default exits 1 naming the checks, mistakes exit 2 naming the argument.
 */
class LayerwiseDoctorTest {
  @TempDir static Path dir;
  private static Path healthy;
  private static Path slow;

  @BeforeAll
  static void save() {
    healthy = save("healthy", 1e-3);
    slow = save("slow", 1e-6);
  }

  private static Path save(String name, double rate) {
    try (CompiledModel m = FashionMnistMlp.model(42).compile(Backend.named("reference"), Optimizer.adam(rate),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY)) {
      Path file = dir.resolve(name + ".layerwise");
      m.save(file);
      return file;
    }
  }

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = LayerwiseDoctor.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static final String[] QUICK = {"--trial-samples", "2048", "--trial-epochs", "3", "--range-test", "off"};

  private static String[] with(Path file, String... more) {
    String[] args = new String[1 + QUICK.length + more.length];
    args[0] = file.toString();
    System.arraycopy(QUICK, 0, args, 1, QUICK.length);
    System.arraycopy(more, 0, args, 1 + QUICK.length, more.length);
    return args;
  }

  @Test
  void aHealthyModelExitsZeroAndWritesItsReport() throws Exception {
    Path report = dir.resolve("report");
    Run r = run(with(healthy, "--report", report.toString()));
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("Training doctor: fashion_mnist_mlp — PASS"), r.out());
    assertTrue(r.out().contains("report: " + report.resolve("index.html").toAbsolutePath()), r.out());
    String html = Files.readString(report.resolve("index.html"));
    assertTrue(html.contains("overfit a tiny subset") && html.contains("learning signal"), html);
    try (var pngs = Files.list(report)) {
      assertTrue(pngs.filter(p -> p.toString().endsWith(".png")).count() >= 2, "the curves and the rates drawn");
    }
  }

  @Test
  void aRateFarTooLowExitsOneNamingTheChecks() {
    Run r = run(with(slow));
    assertEquals(1, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("FAIL  overfit a tiny subset"), r.out());
    assertTrue(r.out().contains("FAIL  learning signal"), r.out());
  }

  @Test
  void mistakesExitTwoAndSayWhat() {
    assertRefused(run(), "usage:");
    assertRefused(run(dir.resolve("nothing.layerwise").toString()), "model archive not found");
    assertRefused(run(with(healthy, "--shuffle", "yes")), "layerwise-doctor: --shuffle expects on or off, got 'yes'");
    assertRefused(run(healthy.toString(), "--trial-epochs", "1"), "--trial-epochs expects 0 (no trial fit) or at"
        + " least 2");
    assertRefused(run(healthy.toString(), "--data", "nowhere.csv"), "--data: expected fashion-mnist or a CSV file,"
        + " got 'nowhere.csv' (no such file)");
    assertRefused(run(healthy.toString(), "--batchsize", "8"), "unknown option --batchsize");
  }

  private static void assertRefused(Run r, String message) {
    assertEquals(2, r.status(), r.out() + r.err());
    assertTrue(r.err().contains(message), "expected '" + message + "' in: " + r.err());
  }
}
