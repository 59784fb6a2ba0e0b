package dev.layerwise.check;

import dev.layerwise.Shape;
import java.util.List;

/**
 * The check of one parameter tensor against one objective: the data loss, or the regularization penalty apart.
 *
 * <p>Two directional derivatives come first, each one backward pass and two (or, at a kink, a few more) forward
 * passes: along {@code ĝ = g/‖g‖} (a constant factor or a sign error shows at full size) and along a seeded
 * random unit vector r (an error confined to some elements shows too; along ĝ alone, zeroed elements would hide).
 * Only when one disagrees is the tensor checked element by element, on an evenly spaced subset.
 *
 * @param layer the layer's name, e.g. {@code dense_1}
 * @param parameter the weight's short name, e.g. {@code kernel}
 * @param objective {@code "data loss"} or {@code "regularization"}
 * @param shape the tensor's shape
 * @param status the verdict
 * @param directions the directional checks, along ĝ then r
 * @param elements the per-element checks, empty when both directions agreed
 */
public record ParameterCheck(String layer, String parameter, String objective, Shape shape, Status status,
    List<Probe> directions, List<Probe> elements) {

  /** The verdict on one tensor. */
  public enum Status {
    /** Every probe agreed (some perhaps after stepping past a kink). */
    PASS,
    /** Some probe disagreed with no kink to explain it. */
    FAIL,
    /**
     * No probe disagreed without a kink, but a kink sat at the point itself: the loss has no derivative there
     * along that direction, so the check cannot decide. Rare with real data; try other samples.
     */
    INCONCLUSIVE
  }

  /**
   * One comparison of a backward-pass slope with central differences.
   *
   * @param what {@code "along ĝ"}, {@code "along r"} or the element's index, e.g. {@code "[3, 17]"}
   * @param flatIndex the element's row-major index, or −1 for a direction
   * @param analytic the backward pass's value
   * @param numeric the central difference at the final step
   * @param step the final step
   * @param retries how often the step was cut because it crossed a kink
   * @param kinkAtPoint whether a kink remained at the smallest step
   * @param tolerance the largest |analytic − numeric| accepted at the final step
   * @param agrees whether the two matched within tolerance
   */
  public record Probe(String what, int flatIndex, double analytic, double numeric, double step, int retries,
      boolean kinkAtPoint, double tolerance, boolean agrees) {
    /** {@code |analytic − numeric| / max(|analytic|, |numeric|)}, 0 when both are 0. */
    public double relativeError() {
      double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
      return scale == 0 ? 0 : Math.abs(analytic - numeric) / scale;
    }

    /** Whether both values are within the tolerance of 0: the loss does not depend on the parameter here. */
    public boolean negligible() {
      return Math.abs(analytic) <= tolerance && Math.abs(numeric) <= tolerance;
    }

    /** A failure is a disagreement no kink explains. */
    boolean failed() {
      return !agrees && !kinkAtPoint;
    }
  }

  public ParameterCheck {
    directions = List.copyOf(directions);
    elements = List.copyOf(elements);
  }

  /** {@code layer/parameter}. */
  public String weight() {
    return layer + "/" + parameter;
  }

  public boolean passed() {
    return status == Status.PASS;
  }

  /** The probe with the largest relative error among those that disagreed, else among all. */
  public Probe worst() {
    List<Probe> all = new java.util.ArrayList<>(directions);
    all.addAll(elements);
    return all.stream().filter(p -> !p.agrees()).max(java.util.Comparator.comparingDouble(Probe::relativeError))
        .orElseGet(() -> all.stream().max(java.util.Comparator.comparingDouble(Probe::relativeError)).orElseThrow());
  }

  static Status verdict(List<Probe> directions, List<Probe> elements) {
    boolean failed = directions.stream().anyMatch(Probe::failed) || elements.stream().anyMatch(Probe::failed);
    if (failed) {
      return Status.FAIL;
    }
    // A direction stuck on a kink is settled by the elements, if they were checked and every one agreed.
    boolean elementsSettle = !elements.isEmpty() && elements.stream().allMatch(Probe::agrees);
    boolean undecided = elements.stream().anyMatch(p -> !p.agrees())
        || !elementsSettle && directions.stream().anyMatch(p -> !p.agrees());
    return undecided ? Status.INCONCLUSIVE : Status.PASS;
  }
}
