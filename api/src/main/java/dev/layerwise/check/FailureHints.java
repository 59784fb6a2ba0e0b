package dev.layerwise.check;

import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the typical patterns of a wrong backward pass off a gradient check's rows: a constant factor (a missing
 * 1/N mean, a doubled square, a flipped sign), only biases wrong (a missing sum over the batch), errors confined to
 * one layer or starting at one layer and spreading to every layer below it (a wrong ∂L/∂x carries the error down),
 * a penalty's gradient wrong while the data loss's is right, and kinks at the point itself.
 */
final class FailureHints {
  private static final String DATA = "data loss";

  private FailureHints() {}

  static List<String> of(ModelSpec spec, List<ParameterCheck> checks, int batch) {
    List<String> hints = new ArrayList<>();
    List<ParameterCheck> dataFails = checks.stream()
        .filter(c -> c.status() == ParameterCheck.Status.FAIL && c.objective().equals(DATA)).toList();
    for (ParameterCheck c : dataFails) {
      factor(c, batch).ifPresent(hints::add);
    }
    onlyBiases(checks, dataFails).ifPresent(hints::add);
    layers(spec, checks, dataFails).ifPresent(hints::add);
    List<ParameterCheck> penaltyFails = checks.stream()
        .filter(c -> c.status() == ParameterCheck.Status.FAIL && !c.objective().equals(DATA)).toList();
    if (!penaltyFails.isEmpty()) {
      hints.add("The penalty's gradient is wrong for " + weights(penaltyFails) + (dataFails.isEmpty()
          ? " while the data loss's gradients are right" : "") + ": for L2 (λ·Σw²) it is 2λ·w, for L1 (λ·Σ|w|)"
          + " λ·sign(w), added to the data gradient once.");
    }
    if (checks.stream().anyMatch(c -> c.status() == ParameterCheck.Status.INCONCLUSIVE)) {
      hints.add("Inconclusive rows sit exactly on a kink (a ReLU input, a max-pool tie or an L1 weight at 0): the"
          + " loss has no derivative there along the probe. Check with other samples or another seed.");
    }
    return hints;
  }

  /**
   * Parameters the data loss does not depend on at these samples (both slopes ≈ 0 in every direction), with the
   * textbook reason when it is a bias feeding batch normalisation: BN subtracts the batch mean, bias included.
   */
  static List<String> notes(ModelSpec spec, List<ParameterCheck> checks) {
    List<String> notes = new ArrayList<>();
    List<LayerNode> nodes = spec.nodes();
    for (ParameterCheck c : checks) {
      if (!c.objective().equals(DATA) || !c.passed() || !c.directions().stream().allMatch(
          ParameterCheck.Probe::negligible)) {
        continue;
      }
      int at = nodes.stream().map(LayerNode::name).toList().indexOf(c.layer());
      boolean beforeBn = c.parameter().equals("bias") && at >= 0 && at + 1 < nodes.size()
          && nodes.get(at + 1).layer() instanceof dev.layerwise.layers.BatchNormalization;
      notes.add(c.weight() + ": the data loss does not change with it (gradient ≈ 0 in every direction)" + (beforeBn
          ? ". It feeds batch normalisation, which subtracts the batch mean and the bias with it: build the layer"
          + " without a bias (withUseBias(false)); BN's β plays its part." : " at these samples."));
    }
    return notes;
  }

  /** The same ratio backward/numeric on every element that could be measured: a constant factor. */
  private static Optional<String> factor(ParameterCheck c, int batch) {
    List<Double> ratios = new ArrayList<>();
    boolean allZero = true;
    double numericMax = 0;
    for (ParameterCheck.Probe p : c.elements()) {
      numericMax = Math.max(numericMax, Math.abs(p.numeric()));
    }
    for (ParameterCheck.Probe p : c.elements()) {
      allZero &= p.analytic() == 0;
      if (Math.abs(p.numeric()) > 1e-3 * numericMax && numericMax > 0) {
        ratios.add(p.analytic() / p.numeric());
      }
    }
    if (allZero && numericMax > 0) {
      return Optional.of(c.weight() + " gets no gradient at all (0 on every element checked, while the"
          + " loss does change with it): the backward pass never reaches it.");
    }
    if (ratios.size() < 2) {
      return Optional.empty();
    }
    List<Double> sorted = ratios.stream().sorted().toList();
    double r = sorted.get(sorted.size() / 2);
    boolean constant = ratios.stream().allMatch(x -> Math.abs(x - r) <= 0.01 * Math.abs(r));
    if (!constant || Math.abs(r - 1) <= 0.01) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT,
        "%s: the backward pass is off by a constant factor, backward = %s × finite differences on every element"
            + " checked%s", c.weight(), simple(r), meaning(r, batch)));
  }

  /** 2, −1, 1/8 or 0.7071: a factor as a reader would write it. */
  private static String simple(double r) {
    if (near(r, Math.rint(r)) && Math.rint(r) != 0) {
      return Long.toString(Math.round(r));
    }
    if (Math.abs(r) < 1 && near(1 / r, Math.rint(1 / r))) {
      return (r < 0 ? "−" : "") + "1/" + Math.abs(Math.round(1 / r));
    }
    return String.format(Locale.ROOT, "%.4g", r);
  }

  private static String meaning(double r, int batch) {
    if (near(r, batch) && batch > 1) {
      return String.format(Locale.ROOT, ". %d is the batch size: the gradient misses the 1/N of a mean over the"
          + " batch.", batch);
    }
    if (near(r, 1.0 / batch) && batch > 1) {
      return String.format(Locale.ROOT, ". 1/%d is one over the batch size: the mean's 1/N is applied twice.",
          batch);
    }
    if (near(r, 2) || near(r, 0.5)) {
      return ". A factor 2 is typically a square's derivative (d x²/dx = 2x) counted wrong, or a ½ convention.";
    }
    if (near(r, -1)) {
      return ". The sign is flipped: a lost minus (e.g. in a cross-entropy's −log p) or ascent instead of descent.";
    }
    return ". Look for a scale factor in the equations: a dropout 1/(1 − rate), a batch-norm 1/N, an ε.";
  }

  private static boolean near(double r, double target) {
    return Math.abs(r - target) <= 0.01 * Math.abs(target);
  }

  private static Optional<String> onlyBiases(List<ParameterCheck> checks, List<ParameterCheck> dataFails) {
    Set<String> biasNames = Set.of("bias", "beta");
    boolean onlyBiases = !dataFails.isEmpty() && dataFails.stream().allMatch(c -> biasNames.contains(c.parameter()));
    boolean othersPass = checks.stream().anyMatch(c -> c.objective().equals(DATA) && c.passed()
        && !biasNames.contains(c.parameter()));
    if (!onlyBiases || !othersPass) {
      return Optional.empty();
    }
    return Optional.of("Only biases are wrong (" + weights(dataFails) + ") while the other weights pass:"
        + " a bias gradient is ∂L/∂y summed over the batch (and, for convolutions, over every position); check that"
        + " sum and its axes.");
  }

  /** Errors in one layer only, or starting at one layer and reaching every layer below it. */
  private static Optional<String> layers(ModelSpec spec, List<ParameterCheck> checks,
      List<ParameterCheck> dataFails) {
    if (dataFails.isEmpty()) {
      return Optional.empty();
    }
    List<String> order = new ArrayList<>();
    for (LayerNode n : spec.nodes()) {
      if (checks.stream().anyMatch(c -> c.objective().equals(DATA) && c.layer().equals(n.name()))) {
        order.add(n.name());
      }
    }
    Set<String> failing = new LinkedHashSet<>();
    dataFails.forEach(c -> failing.add(c.layer()));
    if (order.size() < 2) {
      return Optional.empty();
    }
    if (failing.size() == 1) {
      String layer = failing.iterator().next();
      boolean below = order.indexOf(layer) > 0;
      return Optional.of("Errors only in layer '" + layer + "', every other layer passes: its equations"
          + " for its own parameters' gradients are the first suspect" + (below ? "; the gradient it passes down"
          + " (∂L/∂x) is right, since the layers before it pass." : "."));
    }
    int top = failing.stream().mapToInt(order::indexOf).max().orElseThrow();
    boolean allBelowFail = order.subList(0, top + 1).stream().allMatch(failing::contains);
    if (allBelowFail && top + 1 < order.size()) {
      return Optional.of("Errors start at layer '" + order.get(top) + "' (the failing layer nearest the"
          + " output; every layer after it passes) and every layer before it fails too: the error travels down"
          + " through ∂L/∂x, so '" + order.get(top) + "''s gradient with respect to its input is the first suspect.");
    }
    if (allBelowFail) {
      return Optional.of("Every layer fails, the last one included: the error enters at the top, so the"
          + " loss's gradient with respect to the output (∂L/∂ŷ), or the last layer's equations, are the first"
          + " suspects.");
    }
    return Optional.empty();
  }

  private static String weights(List<ParameterCheck> checks) {
    return String.join(", ", checks.stream().map(ParameterCheck::weight).distinct().toList());
  }
}
