package dev.layerwise.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ASHA's promotions: the top 1/η of a rung's completed results, higher rungs first, each trial once. */
class AshaTest {
  private static final SearchSpace SPACE = SearchSpace.empty().logUniform("lr", 1e-5, 1.0);

  private final List<TrialSpec> issued = new ArrayList<>();
  private final List<CompletedTrial> completed = new ArrayList<>();
  private final Asha asha = new Asha(SPACE, 1, 9, 3, 6, 21);

  private TrialSpec next() {
    TrialSpec t = asha.nextTrial(issued, completed).orElseThrow();
    issued.add(t);
    return t;
  }

  private void complete(TrialSpec t, double objective) {
    completed.add(new CompletedTrial(t, objective));
  }

  @Test
  void promotesTheTopThirdOfARungOnceAndHigherRungsFirst() {
    assertEquals(List.of(1, 3, 9), asha.rungEpochs());
    TrialSpec t0 = next();
    TrialSpec t1 = next();
    TrialSpec t2 = next();
    assertEquals(List.of(0, 1, 2), List.of(t0.number(), t1.number(), t2.number()));
    complete(t0, 0.5);
    complete(t2, 0.1);
    TrialSpec t3 = next(); // 2 results in rung 0: ⌊2/3⌋ = 0 promotable, so a new trial
    assertEquals(1, t3.budgetEpochs());
    complete(t3, 0.2);
    TrialSpec p = next(); // 3 results: the top ⌊3/3⌋ = 1 is trial 0 (0.5)
    assertEquals(0, p.continues().getAsInt());
    assertEquals(3, p.budgetEpochs());
    assertEquals(t0.params(), p.params());
    assertEquals("rung 1", p.stage());
    complete(t1, 0.9); // 4 results, top 1 is now trial 1 — not yet promoted
    TrialSpec p1 = next();
    assertEquals(1, p1.continues().getAsInt());
    TrialSpec fresh = next(); // trials 0 and 1 promoted; ⌊4/3⌋ = 1 → nothing left to promote
    assertTrue(fresh.continues().isEmpty());
    complete(p, 0.6);
    complete(p1, 0.95);
    complete(fresh, Double.NaN); // a failure counts in the rung but is never promoted
    TrialSpec t7 = next(); // rung 1 has 2 results → none promotable; rung 0 has 5 → top 1 (trial 1) done
    assertTrue(t7.continues().isEmpty());
    complete(t7, 0.3);
    // rung 0: 6 results (one NaN), top ⌊6/3⌋ = 2 = trials 1 and 0, both promoted; rung 1: ⌊2/3⌋ = 0
    assertEquals(6, issued.stream().filter(t -> t.continues().isEmpty()).count());
    assertTrue(asha.nextTrial(issued, completed).isEmpty()); // 6 configurations started, nothing to promote
    // a third rung-1 result (0.7) makes the best of rung 1 (trial 1's continuation, 0.95) go to rung 2
    completed.add(new CompletedTrial(new TrialSpec(99, t2.params(), 21, 3, java.util.OptionalInt.of(2), "rung 1"),
        0.7));
    TrialSpec top = next();
    assertEquals(p1.number(), top.continues().getAsInt());
    assertEquals(9, top.budgetEpochs());
  }

  @Test
  void newConfigurationsFollowTheSeedButPromotionsFollowTheTiming() {
    // the c-th new configuration is the same in every run
    assertEquals(SPACE.sample(Seeds.forTrial(21, 0)), new Asha(SPACE, 1, 9, 3, 6, 21)
        .nextTrial(List.of(), List.of()).orElseThrow().params());
    // the same three results, one arriving later: different promotions
    Asha a = new Asha(SPACE, 1, 9, 3, 10, 21);
    List<TrialSpec> started = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      started.add(a.nextTrial(started, List.of()).orElseThrow());
    }
    double[] objective = {0.5, 0.9, 0.1, 0.2};
    List<CompletedTrial> fast = List.of(new CompletedTrial(started.get(0), objective[0]),
        new CompletedTrial(started.get(1), objective[1]), new CompletedTrial(started.get(2), objective[2]));
    List<CompletedTrial> slow = List.of(new CompletedTrial(started.get(0), objective[0]),
        new CompletedTrial(started.get(2), objective[2]), new CompletedTrial(started.get(3), objective[3]));
    assertEquals(1, a.nextTrial(started, fast).orElseThrow().continues().getAsInt());
    assertEquals(0, a.nextTrial(started, slow).orElseThrow().continues().getAsInt());
  }

  @Test
  void aRandomRunNeverPromotesTwiceNorBeyondTheTop() {
    Asha a = new Asha(SPACE, 1, 27, 3, 40, 5);
    List<TrialSpec> out = new ArrayList<>();
    List<CompletedTrial> done = new ArrayList<>();
    List<TrialSpec> running = new ArrayList<>();
    Random timing = new Random(9);
    while (true) {
      while (running.size() < 3) { // three workers
        var t = a.nextTrial(out, done);
        if (t.isEmpty()) {
          break;
        }
        out.add(t.get());
        running.add(t.get());
      }
      if (running.isEmpty()) {
        break;
      }
      TrialSpec finished = running.remove(timing.nextInt(running.size()));
      done.add(new CompletedTrial(finished, Studies.peakAt3e3(finished)));
    }
    assertEquals(40, out.stream().filter(t -> t.continues().isEmpty()).count());
    assertEquals(out.stream().filter(t -> t.continues().isPresent()).count(),
        out.stream().filter(t -> t.continues().isPresent()).mapToInt(t -> t.continues().getAsInt()).distinct()
            .count());
    assertTrue(out.stream().anyMatch(t -> t.budgetEpochs() == 27), "someone reached the top rung");
  }
}
