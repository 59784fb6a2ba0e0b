package dev.layerwise.tuning;

import static dev.layerwise.tuning.HyperparametersTest.h;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The zoom rule with its numbers, and coarse-to-fine rounds built from it. */
class CoarseToFineTest {
  private static final SearchSpace SPACE = SearchSpace.empty()
      .logUniform("lr", 1e-5, 1.0)
      .uniform("dropout", 0.0, 0.5)
      .intRange("units", 32, 512, Scale.LOG)
      .choice("optimizer", "adam", "sgd", "rmsprop")
      .uniform("momentum", 0.5, 0.99).when("optimizer", "sgd");

  private static double lo(SearchSpace s, String name) {
    Parameter p = s.find(name).orElseThrow();
    return p instanceof Parameter.RealRange r ? r.lo() : ((Parameter.IntRange) p).lo();
  }

  private static double hi(SearchSpace s, String name) {
    Parameter p = s.find(name).orElseThrow();
    return p instanceof Parameter.RealRange r ? r.hi() : ((Parameter.IntRange) p).hi();
  }

  @Test
  void theZoomRuleWithItsNumbers() {
    List<Hyperparameters> best = List.of(
        h("lr", 1e-3, "dropout", 0.2, "units", 64, "optimizer", "adam"),
        h("lr", 4e-3, "dropout", 0.3, "units", 128, "optimizer", "rmsprop"),
        h("lr", 2e-3, "dropout", 0.25, "units", 100, "optimizer", "adam"));
    SearchSpace z = Zoom.around(SPACE, SPACE, best, 2, 10);
    // log: [1e-3 / 2, 4e-3 · 2] = [5e-4, 8e-3]
    assertEquals(5e-4, lo(z, "lr"), 1e-18);
    assertEquals(8e-3, hi(z, "lr"), 1e-18);
    // linear: span 0.1 ≥ W / n = 0.5 / 10, m = (2 − 1)/2 · 0.1 = 0.05 → [0.15, 0.35]
    assertEquals(0.15, lo(z, "dropout"), 1e-12);
    assertEquals(0.35, hi(z, "dropout"), 1e-12);
    // log integers: [64 / 2, 128 · 2] = [32, 256], rounded outwards (already whole)
    assertEquals(32, lo(z, "units"));
    assertEquals(256, hi(z, "units"));
    // choices keep the values of the best in their original order; momentum (sgd only) goes with sgd
    assertEquals(List.of("adam", "rmsprop"), ((Parameter.Choice) z.find("optimizer").orElseThrow()).values());
    assertFalse(z.find("momentum").isPresent());
    assertEquals(Scale.LOG, ((Parameter.RealRange) z.find("lr").orElseThrow()).scale());
  }

  @Test
  void zoomClipsToTheOriginalAndNeverCollapses() {
    SearchSpace current = Zoom.around(SPACE, SPACE, List.of(h("lr", 0.6, "dropout", 0.48, "units", 500,
        "optimizer", "sgd", "momentum", 0.9)), 2, 10);
    // lr: [0.3, 1.2] clipped to 1; dropout: single value, m = 1/2 · 0.5/10 = 0.025 → [0.455, 0.505] → [0.455, 0.5]
    assertEquals(0.3, lo(current, "lr"), 1e-15);
    assertEquals(1.0, hi(current, "lr"));
    assertEquals(0.455, lo(current, "dropout"), 1e-12);
    assertEquals(0.5, hi(current, "dropout"));
    assertEquals(250, lo(current, "units"));
    assertEquals(512, hi(current, "units"));
    // momentum alone at 0.9: m = 1/2 · 0.49/10 = 0.0245 → [0.8755, 0.9245]; the condition keeps sgd only
    assertEquals(0.8755, lo(current, "momentum"), 1e-12);
    assertEquals("optimizer in [sgd]", current.find("momentum").orElseThrow().condition().orElseThrow().toString());
    // a second zoom measures the linear floor against the current width: 0.045 / 10
    SearchSpace again = Zoom.around(SPACE, current, List.of(h("lr", 0.5, "dropout", 0.46, "units", 300,
        "optimizer", "sgd", "momentum", 0.9)), 2, 10);
    assertEquals(0.46 - 0.5 * 0.045 / 10, lo(again, "dropout"), 1e-12);
    // an integer zoom keeps ≥ 2 values even around one best value: [300 / 1.01, 300 · 1.01] → [297, 303]
    SearchSpace narrow = Zoom.around(SPACE, SPACE, List.of(h("lr", 0.5, "dropout", 0.2, "units", 300,
        "optimizer", "adam")), 1.01, 10);
    assertEquals(297, lo(narrow, "units"));
    assertEquals(303, hi(narrow, "units"));
  }

  @Test
  void roundsZoomAroundTheirBestAndAreReproducible() {
    CoarseToFine ctf = new CoarseToFine(SPACE, 3, 20, 4, 2, 5, 7);
    List<CompletedTrial> history = Studies.run(ctf, Studies::peakAt3e3);
    assertEquals(60, history.size());
    assertEquals(history, Studies.run(new CoarseToFine(SPACE, 3, 20, 4, 2, 5, 7), Studies::peakAt3e3));
    List<SearchSpace> spaces = ctf.spaces(history);
    assertEquals(3, spaces.size());
    for (int r = 0; r < 2; r++) {
      int round = r;
      List<CompletedTrial> top = history.stream().filter(t -> t.number() / 20 == round)
          .sorted(Comparator.comparingDouble(CompletedTrial::objective).reversed()).limit(4).toList();
      double a = top.stream().mapToDouble(t -> t.spec().params().getDouble("lr")).min().orElseThrow();
      double b = top.stream().mapToDouble(t -> t.spec().params().getDouble("lr")).max().orElseThrow();
      assertEquals(Math.max(1e-5, a / 2), lo(spaces.get(r + 1), "lr"), 1e-15, "round " + (r + 1));
      assertEquals(Math.min(1.0, b * 2), hi(spaces.get(r + 1), "lr"), 1e-15, "round " + (r + 1));
      assertTrue(lo(spaces.get(r + 1), "lr") < 3e-3 && 3e-3 < hi(spaces.get(r + 1), "lr"));
      for (CompletedTrial t : history.subList(20 * (r + 1), 20 * (r + 2))) {
        double lr = t.spec().params().getDouble("lr");
        assertTrue(lr >= lo(spaces.get(r + 1), "lr") && lr < hi(spaces.get(r + 1), "lr"), t.spec().toString());
        assertEquals("round " + (r + 1), t.spec().stage());
      }
    }
    double best0 = history.subList(0, 20).stream().mapToDouble(CompletedTrial::objective).max().orElseThrow();
    double best2 = history.subList(40, 60).stream().mapToDouble(CompletedTrial::objective).max().orElseThrow();
    assertTrue(best2 >= best0, "the last round's best " + best2 + " vs the first's " + best0);
  }

  @Test
  void failedTrialsAreNeverAmongTheBest() {
    // every trial with lr > 1e-2 fails (NaN), although the formula would rank the largest rates best
    CoarseToFine ctf = new CoarseToFine(SPACE, 2, 20, 3, 2, 1, 3);
    List<CompletedTrial> history = Studies.run(ctf, t -> t.params().getDouble("lr") > 1e-2 ? Double.NaN
        : t.params().getDouble("lr"));
    assertTrue(hi(ctf.spaces(history).get(1), "lr") <= 2e-2);
  }
}
