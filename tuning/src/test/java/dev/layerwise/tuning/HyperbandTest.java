package dev.layerwise.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Hyperband's bracket table against the paper, and successive halving's promotions. */
class HyperbandTest {
  private static final SearchSpace SPACE = SearchSpace.empty().logUniform("lr", 1e-5, 1.0).uniform("dropout", 0, 0.5);

  private static List<List<Integer>> table(List<Bracket> brackets) {
    List<List<Integer>> rows = new ArrayList<>();
    for (Bracket b : brackets) {
      List<Integer> row = new ArrayList<>(List.of(b.s()));
      b.rungs().forEach(r -> row.addAll(List.of(r.trials(), r.epochs())));
      rows.add(row);
    }
    return rows;
  }

  @Test
  void bracketsOfR81MatchThePapersTable1() {
    // Li et al. 2018, Table 1 (R = 81, η = 3): s, then n_i, r_i for each rung i
    assertEquals(List.of(
        List.of(4, 81, 1, 27, 3, 9, 9, 3, 27, 1, 81),
        List.of(3, 34, 3, 11, 9, 3, 27, 1, 81),
        List.of(2, 15, 9, 5, 27, 1, 81),
        List.of(1, 8, 27, 2, 81),
        List.of(0, 5, 81)), table(Bracket.hyperband(81, 3)));
  }

  @Test
  void bracketsOfR27ComputedByHand() {
    // R = 27, η = 3: s_max = ⌊log_3 27⌋ = 3, B = (s_max + 1) R = 108, B / R = 4.
    // s = 3: n = ⌈4 · 27 / 4⌉ = 27, r = 27 / 27 = 1 → rungs (27, 1) (9, 3) (3, 9) (1, 27)
    // s = 2: n = ⌈4 · 9 / 3⌉ = 12, r = 27 / 9 = 3  → (12, 3) (⌊12/3⌋ = 4, 9) (⌊12/9⌋ = 1, 27)
    // s = 1: n = ⌈4 · 3 / 2⌉ = 6,  r = 27 / 3 = 9  → (6, 9) (2, 27)
    // s = 0: n = ⌈4 · 1 / 1⌉ = 4,  r = 27          → (4, 27)
    assertEquals(List.of(
        List.of(3, 27, 1, 9, 3, 3, 9, 1, 27),
        List.of(2, 12, 3, 4, 9, 1, 27),
        List.of(1, 6, 9, 2, 27),
        List.of(0, 4, 27)), table(Bracket.hyperband(27, 3)));
    // epochs with checkpoints, Σ n_i (r_i − r_{i−1}): 27 + 9·2 + 3·6 + 1·18 = 81; 12·3 + 4·6 + 18 = 78;
    // 6·9 + 2·18 = 90; 4·27 = 108 — 357 in all
    Hyperband hb = new Hyperband(SPACE, 27, 1);
    assertEquals(List.of(81L, 78L, 90L, 108L), hb.brackets().stream().map(Bracket::plannedEpochs).toList());
    assertEquals(357, hb.plannedEpochs());
    // R = 81: 297 + 276 + 279 + 324 + 405 = 1581, for 81 + 34 + 15 + 8 + 5 = 143 configurations
    assertEquals(1581, new Hyperband(SPACE, 81, 1).plannedEpochs());
  }

  @Test
  void successiveHalvingPromotesTheBestOfEachRung() {
    SuccessiveHalving sh = SuccessiveHalving.of(SPACE, 9, 1, 3, 5);
    assertEquals(List.of(new Rung(9, 1), new Rung(3, 3), new Rung(1, 9)), sh.bracket().rungs());
    List<TrialSpec> rung0 = sh.nextTrials(List.of());
    assertEquals(9, rung0.size());
    // objectives 0.0, 0.1, …, 0.8 but trial 8 fails: the best are 7, 6, 5
    List<CompletedTrial> history = new ArrayList<>();
    for (TrialSpec t : rung0) {
      history.add(new CompletedTrial(t, t.number() == 8 ? Double.NaN : t.number() / 10.0));
    }
    List<TrialSpec> rung1 = sh.nextTrials(history);
    assertEquals(List.of(9, 10, 11), rung1.stream().map(TrialSpec::number).toList());
    assertEquals(List.of(7, 6, 5), rung1.stream().map(t -> t.continues().getAsInt()).toList());
    for (TrialSpec t : rung1) {
      assertEquals(rung0.get(t.continues().getAsInt()).params(), t.params());
      assertEquals(3, t.budgetEpochs());
      assertEquals("bracket 2 rung 1", t.stage());
    }
    // only trial 10 is back: the rung waits (synchronous), offering just the missing ones
    history.add(new CompletedTrial(rung1.get(1), 0.9));
    assertEquals(List.of(rung1.get(0), rung1.get(2)), sh.nextTrials(history));
    history.add(new CompletedTrial(rung1.get(0), 0.2));
    history.add(new CompletedTrial(rung1.get(2), 0.95));
    List<TrialSpec> rung2 = sh.nextTrials(history);
    assertEquals(1, rung2.size());
    assertEquals(12, rung2.get(0).number());
    assertEquals(11, rung2.get(0).continues().getAsInt()); // 0.95 beats 0.9 and 0.2
    assertEquals(9, rung2.get(0).budgetEpochs());
    history.add(new CompletedTrial(rung2.get(0), 1.0));
    assertEquals(List.of(), sh.nextTrials(history));
  }

  @Test
  void hyperbandRunsEveryBracketReproducibly() {
    Hyperband hb = new Hyperband(SPACE, 27, 3, 11);
    List<CompletedTrial> history = Studies.run(hb, Studies::peakAt3e3);
    assertEquals(history, Studies.run(new Hyperband(SPACE, 27, 3, 11), Studies::peakAt3e3));
    assertEquals(27 + 9 + 3 + 1 + 12 + 4 + 1 + 6 + 2 + 4, history.size());
    Map<Integer, TrialSpec> byNumber = history.stream().map(CompletedTrial::spec)
        .collect(Collectors.toMap(TrialSpec::number, t -> t));
    assertEquals(history.size(), byNumber.size());
    long epochs = 0;
    for (TrialSpec t : byNumber.values()) {
      int before = t.continues().isPresent() ? byNumber.get(t.continues().getAsInt()).budgetEpochs() : 0;
      assertTrue(t.budgetEpochs() > before);
      epochs += t.budgetEpochs() - before;
    }
    assertEquals(hb.plannedEpochs(), epochs);
    // the fully trained trial of bracket 3 continues the best of its 27 one-epoch trials' line
    TrialSpec top = byNumber.values().stream().filter(t -> t.stage().equals("bracket 3 rung 3")).findFirst()
        .orElseThrow();
    double bestOfRung0 = history.stream().filter(t -> t.spec().stage().equals("bracket 3 rung 0"))
        .max(Comparator.comparingDouble(CompletedTrial::objective)).orElseThrow().objective();
    assertEquals(bestOfRung0, Studies.peakAt3e3(top)); // the formula ignores epochs, so the best stays best
    assertFalse(new Hyperband(SPACE, 27, 3, 12).nextTrials(List.of()).equals(hb.nextTrials(List.of())));
  }
}
