package dev.layerwise.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.reference.PlantedFault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suite's teeth: plants each {@link PlantedFault} — a known wrong equation — in the reference backend, runs
 * every case of the suite in the modes below, and requires the run to fail, with a numeric FAIL (a τ, not only an
 * exception) and in the case and tensor the fault is about. Writes {@code target/conformance/mutations.md}, the
 * table the conformance guide shows.
 *
 * <p>Modes: all of them ({@link #MODES}). The whole suite took 25–55 s per fault on the 2-core build machine shared
 * with other builds, about 9 minutes for the thirteen faults; no mode is left out, because each mode sees faults the
 * others may not (a dropout scale or Subtract's operand order wrong in forward and backward alike is
 * self-consistent: FD64 cannot see it, X32 and X64 can).
 *
 * <p>Faults are global to the JVM: the class is {@link Isolated} (nothing runs beside it if JUnit's parallel mode
 * is ever turned on; surefire runs this module's classes one after another), and each fault is unplanted by
 * try-with-resources, whatever happens.
 */
@Isolated
class MutationTest {
  private static final Logger LOG = LoggerFactory.getLogger(MutationTest.class);
  private static final Set<Mode> MODES = EnumSet.allOf(Mode.class);
  private static final Engines ENGINES = Engines.fromClassPath();
  private static final int SHOWN_ROWS = 3;

  /** A row a fault must fail: its case and tensor, in any mode. */
  record Expected(String caseName, String tensor) {
    boolean matches(CheckRow r) {
      return r.status() == Status.FAIL && r.caseName().equals(caseName) && r.tensor().equals(tensor);
    }

    @Override
    public String toString() {
      return caseName + " " + tensor;
    }
  }

  /** Where each fault must show: the case that exercises the broken equation most directly. */
  static final Map<PlantedFault, List<Expected>> EXPECTED = expected();

  private static Map<PlantedFault, List<Expected>> expected() {
    Map<PlantedFault, List<Expected>> m = new EnumMap<>(PlantedFault.class);
    m.put(PlantedFault.MISSING_MEAN,
        List.of(new Expected("mse", "dpred"), new Expected("cce_logits_onehot", "dpred")));
    m.put(PlantedFault.TRANSPOSED_KERNEL, List.of(new Expected("dense_square", "dx")));
    m.put(PlantedFault.BATCHNORM_DGAMMA,
        List.of(new Expected("batchnorm_dense_train", "dbatch_normalization/gamma")));
    m.put(PlantedFault.ADAM_EPSILON_INSIDE_ROOT, List.of(new Expected("adam_step1_tiny_grad", "dense/kernel")));
    m.put(PlantedFault.DROPOUT_UNSCALED,
        List.of(new Expected("dropout_train", "output"), new Expected("dropout_train", "dx")));
    m.put(PlantedFault.RELU_GRADIENT_WRONG_SIDE, List.of(new Expected("activation_relu", "dx")));
    m.put(PlantedFault.SOFTMAX_GRADIENT_NO_DOT, List.of(new Expected("activation_softmax", "dx")));
    m.put(PlantedFault.CONV_KERNEL_GRADIENT_ONE_SAMPLE,
        List.of(new Expected("conv2d_3x3_valid_s1_odd", "dconv2d/kernel")));
    m.put(PlantedFault.MOMENTUM_NOT_DECAYED,
        List.of(new Expected("sgd_momentum_step5_warm_unit_grad", "dense/kernel/momentum")));
    m.put(PlantedFault.FAN_OUT_GRADIENT_NOT_SUMMED,
        List.of(new Expected("fan_out_with_dropout", "dx"), new Expected("merge_add_of_three", "dx")));
    m.put(PlantedFault.SHARED_WEIGHT_GRADIENT_NOT_SUMMED,
        List.of(new Expected("shared_layer", "dencoder/kernel"), new Expected("shared_layer", "dencoder/bias")));
    m.put(PlantedFault.SUBTRACT_OPERANDS_SWAPPED,
        List.of(new Expected("merge_subtract", "output"), new Expected("merge_subtract", "dx(a)")));
    m.put(PlantedFault.LOSS_GRADIENT_SIGN_FLIPPED,
        List.of(new Expected("dense_square", "ddense/kernel"), new Expected("dense_square", "dx")));
    return m;
  }

  /** What a planted fault did to the suite. */
  record Outcome(PlantedFault fault, List<CheckRow> failed, List<CheckRow> errors, double seconds) {}

  private static final Map<PlantedFault, Outcome> OUTCOMES = new EnumMap<>(PlantedFault.class);

  @Test
  void everyFaultHasAnExpectedFailure() {
    assertEquals(EnumSet.allOf(PlantedFault.class), EXPECTED.keySet(), "faults without an expected failing case");
  }

  @TestFactory
  Stream<DynamicTest> everyPlantedFaultIsCaught() {
    return Arrays.stream(PlantedFault.values()).map(f -> DynamicTest.dynamicTest(f.name(), () -> {
      Outcome o = runWith(f);
      OUTCOMES.put(f, o);
      assertTrue(!o.failed().isEmpty(), f + " (" + f.description() + ") was not caught: no row failed"
          + (o.errors().isEmpty() ? "" : " with a τ; only exceptions: " + describe(o.errors())));
      List<Expected> missed = EXPECTED.get(f).stream().filter(e -> o.failed().stream().noneMatch(e::matches))
          .toList();
      assertTrue(missed.isEmpty(), f + " did not fail " + missed + "; it failed " + o.failed().size() + " rows: "
          + describe(o.failed()));
    }));
  }

  private static Outcome runWith(PlantedFault fault) {
    long start = System.nanoTime();
    ConformanceReport report = new ConformanceReport();
    try (PlantedFault.Planting p = PlantedFault.plant(fault)) {
      ConformanceSuite.run(ENGINES, report, MODES);
    }
    List<CheckRow> failures = report.failures();
    Outcome o = new Outcome(fault, failures.stream().filter(r -> r.status() == Status.FAIL).toList(),
        failures.stream().filter(r -> r.status() == Status.ERROR).toList(), (System.nanoTime() - start) / 1e9);
    LOG.info("{}: {} failing rows, {} exceptions, {} s", fault, o.failed().size(), o.errors().size(),
        Math.round(o.seconds()));
    return o;
  }

  private static String describe(List<CheckRow> rows) {
    return rows.stream().limit(10).map(CheckRow::describe).collect(Collectors.joining("\n  ", "\n  ", ""));
  }

  @AfterAll
  static void writeTeethReport() throws IOException {
    if (OUTCOMES.isEmpty()) {
      return;
    }
    Path dir = Path.of(System.getProperty("layerwise.conformance.reportDir", "target/conformance"));
    Files.createDirectories(dir);
    Path md = Files.writeString(dir.resolve("mutations.md"), teethReport());
    LOG.info("mutation report: {}", md.toAbsolutePath());
  }

  /** The table: fault, wrong equation, caught, failing rows, exceptions, the first failing rows with their τ. */
  static String teethReport() {
    StringBuilder b = new StringBuilder("# Planted faults\n\n");
    b.append("Each fault below was planted in the reference backend (`PlantedFault`) and the whole suite run in ")
        .append(MODES.stream().map(Mode::name).collect(Collectors.joining(", ")))
        .append(" (`MutationTest`). A fault is caught when rows FAIL with a numeric τ > 1, including the row it"
            + " is expected to break.\n\n");
    b.append("| fault | wrong equation | caught | failing rows | in modes | exceptions | expected to fail |"
        + " first failing rows (case [mode] tensor: τ) |\n|---|---|---|---:|---|---:|---|---|\n");
    for (Outcome o : OUTCOMES.values()) {
      List<String> first = new ArrayList<>();
      o.failed().stream().limit(SHOWN_ROWS).forEach(r -> first.add(String.format(Locale.ROOT, "%s [%s] %s: %.3g",
          r.caseName(), r.mode(), r.tensor(), r.tau())));
      boolean expected = EXPECTED.get(o.fault()).stream().allMatch(e -> o.failed().stream().anyMatch(e::matches));
      b.append("| `").append(o.fault()).append("` | ").append(ReportMarkdown.cell(o.fault().description()))
          .append(" | ").append(o.failed().isEmpty() ? "**no**" : "yes").append(" | ").append(o.failed().size())
          .append(" | ").append(o.failed().stream().map(CheckRow::mode).distinct().sorted().map(Mode::name)
              .collect(Collectors.joining(", ")))
          .append(" | ").append(o.errors().size()).append(" | ")
          .append(expected ? "" : "**missed** ").append(ReportMarkdown.cell(EXPECTED.get(o.fault()).toString()))
          .append(" | ").append(ReportMarkdown.cell(String.join("; ", first))).append(" |\n");
    }
    return b.toString();
  }
}
