package dev.layerwise.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Grid counts and spacing; random search's seeding and resumption. */
class GridAndRandomSearchTest {
  private static final SearchSpace SPACE = SearchSpace.empty()
      .choice("optimizer", "adam", "sgd")
      .logUniform("lr", 1e-4, 1e-1)
      .uniform("momentum", 0.8, 0.9).when("optimizer", "sgd");

  @Test
  void gridExpandsConditionalsOnlyUnderTheirCondition() {
    List<TrialSpec> grid = new GridSearch(SPACE, 3, 5, 1).trials();
    // adam: 3 rates; sgd: 3 rates × 3 momenta — 3 + 9 = 12, not 2 · 3 · 3 = 18
    assertEquals(12, grid.size());
    assertEquals(3, grid.stream().filter(t -> t.params().getString("optimizer").equals("adam")).count());
    assertTrue(grid.stream().allMatch(t -> t.params().has("momentum") == t.params().getString("optimizer")
        .equals("sgd")));
    assertEquals(12, grid.stream().map(TrialSpec::params).distinct().count());
    assertEquals(List.of(0, 1, 2, 3), grid.subList(0, 4).stream().map(TrialSpec::number).toList());
    assertTrue(grid.stream().allMatch(t -> t.budgetEpochs() == 5));
  }

  @Test
  void gridPointsAreLogSpacedOnLogScales() {
    GridSearch g = new GridSearch(SPACE, 4, 1, 1);
    List<Object> rates = g.values(SPACE.find("lr").orElseThrow());
    double[] expected = {1e-4, 1e-3, 1e-2, 1e-1};
    for (int i = 0; i < 4; i++) {
      assertEquals(expected[i], (Double) rates.get(i), expected[i] * 1e-12);
    }
    assertEquals(List.of(0.8, 0.8 + 0.1 / 3, 0.8 + 0.2 / 3, 0.9),
        g.values(SPACE.find("momentum").orElseThrow()));
    List<Object> middle = new GridSearch(SPACE, 1, 1, 1).values(SPACE.find("lr").orElseThrow());
    assertEquals(1, middle.size());
    assertEquals(Math.sqrt(1e-5), (Double) middle.get(0), 1e-15); // the geometric middle
    // 1, 1.5, 2, 2.5, 3 rounded (half up) and deduplicated
    SearchSpace ints = SearchSpace.empty().intRange("layers", 1, 3).intRange("units", 16, 256, Scale.LOG);
    GridSearch gi = new GridSearch(ints, 5, 1, 1);
    assertEquals(List.of(1, 2, 3), gi.values(ints.find("layers").orElseThrow()));
    assertEquals(List.of(16, 32, 64, 128, 256), gi.values(ints.find("units").orElseThrow()));
    assertEquals(15, gi.trials().size());
  }

  @Test
  void randomSearchIsSeededPerTrial() {
    List<TrialSpec> a = new RandomSearch(SPACE, 10, 3, 42).trials();
    assertEquals(a, new RandomSearch(SPACE, 10, 3, 42).trials());
    assertEquals(a.subList(0, 5), new RandomSearch(SPACE, 5, 3, 42).trials()); // independent of the count
    assertNotEquals(a, new RandomSearch(SPACE, 10, 3, 43).trials());
    assertEquals(10, a.stream().map(TrialSpec::params).distinct().count());
    assertTrue(a.stream().allMatch(t -> t.seed() == 42 && t.budgetEpochs() == 3 && !t.isContinuation()));
  }

  @Test
  void aResumedSearchGetsOnlyTheTrialsStillToRun() {
    RandomSearch search = new RandomSearch(SPACE, 6, 3, 42);
    List<TrialSpec> all = search.nextTrials(List.of());
    List<CompletedTrial> half = all.subList(0, 4).stream().map(t -> new CompletedTrial(t, 0.5)).toList();
    assertEquals(all.subList(4, 6), search.nextTrials(half));
    assertEquals(List.of(), search.nextTrials(Studies.run(search, t -> 1.0)));
  }
}
