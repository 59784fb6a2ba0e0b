package dev.layerwise.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.spi.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failure patterns, read off hand-made rows for a three-layer model. */
class FailureHintsTest {
  private static final ModelSpec SPEC = Sequential.of(Input.shape(4), Dense.units(5), Dense.units(5),
      Dense.units(2)).spec();

  /** A row whose elements all show backward = factor × numeric (factor 1: it passes). */
  private static ParameterCheck row(String layer, String parameter, double factor) {
    List<ParameterCheck.Probe> elements = new ArrayList<>();
    boolean ok = factor == 1;
    for (int i = 0; i < 4; i++) {
      double numeric = 0.1 + 0.05 * i;
      elements.add(new ParameterCheck.Probe("[" + i + "]", i, factor * numeric, numeric, 1e-5, 0, false, 1e-9, ok));
    }
    ParameterCheck.Probe d = new ParameterCheck.Probe("along ĝ", -1, factor, 1, 1e-5, 0, false, 1e-9, ok);
    return new ParameterCheck(layer, parameter, "data loss", Shape.of(4), ok ? ParameterCheck.Status.PASS
        : ParameterCheck.Status.FAIL, List.of(d), ok ? List.of() : elements);
  }

  private static List<ParameterCheck> model(double f0, double f1, double f2) {
    return List.of(row("dense", "kernel", f0), row("dense", "bias", 1), row("dense_1", "kernel", f1),
        row("dense_1", "bias", 1), row("dense_2", "kernel", f2), row("dense_2", "bias", 1));
  }

  @Test
  void aFactorOfTheBatchSizeIsAMissingMean() {
    List<String> hints = FailureHints.of(SPEC, model(1, 1, 16), 16);
    assertTrue(hints.get(0).startsWith("dense_2/kernel: the backward pass is off by a constant factor, backward"
        + " = 16 ×"), hints.toString());
    assertTrue(hints.get(0).contains("misses the 1/N of a mean"), hints.toString());
  }

  @Test
  void aFlippedSignIsNamed() {
    List<String> hints = FailureHints.of(SPEC, model(1, -1, 1), 8);
    assertTrue(hints.get(0).contains("backward = −1 ×") || hints.get(0).contains("backward = -1 ×"),
        hints.toString());
    assertTrue(hints.get(0).contains("The sign is flipped"), hints.toString());
  }

  @Test
  void errorsThatStartAtOneLayerAndReachEveryLayerBelowPointAtItsInputGradient() {
    List<String> hints = FailureHints.of(SPEC, model(1.3, 0.7, 1), 8);
    assertTrue(hints.stream().anyMatch(h -> h.startsWith("Errors start at layer 'dense_1'")), hints.toString());
  }

  @Test
  void errorsEverywhereIncludingTheLastLayerPointAtTheLossGradient() {
    List<String> hints = FailureHints.of(SPEC, model(1.3, 0.7, 2), 8);
    assertTrue(hints.stream().anyMatch(h -> h.startsWith("Every layer fails, the last one included")),
        hints.toString());
  }

  @Test
  void aTensorWithNoGradientAtAllIsSaid() {
    List<String> hints = FailureHints.of(SPEC, model(0, 1, 1), 8);
    assertEquals("dense/kernel gets no gradient at all (0 on every element checked, while the loss does change"
        + " with it): the backward pass never reaches it.", hints.get(0));
  }

  @Test
  void differentFactorsOnDifferentElementsAreNoConstantFactor() {
    ParameterCheck base = row("dense", "kernel", 2);
    List<ParameterCheck.Probe> mixed = new ArrayList<>(base.elements());
    mixed.set(0, new ParameterCheck.Probe("[0]", 0, 0.3, 0.1, 1e-5, 0, false, 1e-9, false));
    List<ParameterCheck> checks = new ArrayList<>(model(1, 1, 1));
    checks.set(0, new ParameterCheck("dense", "kernel", "data loss", Shape.of(4), ParameterCheck.Status.FAIL,
        base.directions(), mixed));
    List<String> hints = FailureHints.of(SPEC, checks, 8);
    assertTrue(hints.stream().noneMatch(h -> h.contains("constant factor")), hints.toString());
    assertTrue(hints.stream().anyMatch(h -> h.startsWith("Errors only in layer 'dense'")), hints.toString());
  }
}
