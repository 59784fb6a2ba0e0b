package dev.layerwise.conformance;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One case of the suite checked in one of its modes: the unit the report, the JUnit suite and the mutation test
 * all iterate over, so they run exactly the same checks in the same order.
 */
public record ConformanceRun(ConformanceCase conformanceCase, Mode mode) {
  private static final Logger LOG = LoggerFactory.getLogger(ConformanceRun.class);

  /** Every case of {@link ConformanceSuite#cases()} in each of its modes, in catalogue order. */
  public static List<ConformanceRun> all() {
    return all(EnumSet.allOf(Mode.class));
  }

  /** Every case in each of its modes that is also in {@code modes}. */
  public static List<ConformanceRun> all(Set<Mode> modes) {
    return ConformanceSuite.cases().stream().flatMap(c -> c.modes().stream().filter(modes::contains).sorted()
        .map(m -> new ConformanceRun(c, m))).toList();
  }

  /** {@code case [MODE]}, as test names and messages show it. */
  public String name() {
    return conformanceCase.name() + " [" + mode + "]";
  }

  /**
   * The rows of this run, expected differences applied. A case that throws yields one {@link Status#ERROR} row
   * (tensor {@code (exception)}, the exception in its note) instead of ending the whole run: a report must still
   * be written, and an exception must stay distinguishable from a numeric FAIL.
   */
  public List<CheckRow> check(Engines engines) {
    try {
      return conformanceCase.check(mode, engines);
    } catch (RuntimeException | AssertionError e) {
      LOG.warn("{} threw", name(), e);
      return List.of(errorRow(e));
    }
  }

  private CheckRow errorRow(Throwable e) {
    String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return new CheckRow(conformanceCase.name(), mode, "(exception)", "-", mode.label(), Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, "-", Double.POSITIVE_INFINITY, new int[0], Double.NaN, Double.NaN, Status.ERROR,
        message.replace('\n', ' '));
  }
}
