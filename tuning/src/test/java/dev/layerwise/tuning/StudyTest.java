package dev.layerwise.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Studies on the reference backend and learnable generated data: the table, resuming without rerunning a finished
 * trial, failures isolated, the results written.
 */
class StudyTest {
  @TempDir Path dir;

  /** n samples of 4 classes: class c's centre is 2·e_c plus noise N(0, 1) in 8 dimensions. */
  static Dataset clusters(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n * 8];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(4);
      for (int j = 0; j < 8; j++) {
        x[i * 8 + j] = (float) (r.nextGaussian() + (j == y[i] ? 2 : 0));
      }
    }
    return Dataset.withClassLabels(x, Shape.of(8), y);
  }

  static final SearchSpace SPACE = SearchSpace.empty().logUniform("lr", 1e-4, 1e-1).intRange("units", 4, 32,
      Scale.LOG);

  /** Counts its calls; throws for the trial numbers in {@code failing}. */
  static ModelFactory factory(AtomicInteger calls, List<Integer> failing) {
    return trial -> {
      calls.incrementAndGet();
      if (failing.contains(trial.number())) {
        throw new IllegalStateException("no model for trial " + trial.number());
      }
      return new ModelFactory.TrialSetup(Sequential.of(Input.shape(8),
          Dense.units(trial.params().getInt("units")).withActivation(ActivationFn.RELU), Dense.units(4))
          .withSeed(trial.seed()).compile(trial.backend(), Optimizer.adam(trial.params().getDouble("lr")),
              Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY), 32);
    };
  }

  private StudyResult run(Path where, AtomicInteger calls, List<Integer> failing, int workers) {
    return Study.in(where, new RandomSearch(SPACE, 6, 3, 42), Objective.maximize("val_accuracy"), clusters(400, 1),
        clusters(200, 2)).backend(Backend.named("reference")).workers(workers).run(factory(calls, failing));
  }

  @Test
  void aRandomSearchRanksItsTrialsAndAFailingTrialDoesNotStopIt() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    StudyResult r = run(dir, calls, List.of(2), 2);
    assertEquals(6, calls.get());
    List<TrialSummary> rows = r.table().rows();
    assertEquals(6, rows.size());
    TrialSummary failed = rows.get(5);
    assertEquals("FAILED", failed.status(), r.table().toMarkdown());
    assertEquals(2, failed.number());
    assertTrue(failed.reason().contains("no model for trial 2"), failed.reason());
    for (int i = 1; i < 5; i++) {
      assertTrue(rows.get(i - 1).objective() >= rows.get(i).objective(), r.table().toMarkdown());
    }
    assertTrue(rows.get(0).objective() > 0.7, "the clusters are learnable (chance is 0.25): " + r.table().toMarkdown());
    r.write(dir.resolve("results"));
    assertTrue(Files.readString(dir.resolve("results/results.csv")).startsWith("trial,lr,units,status,objective"));
    assertTrue(Files.exists(dir.resolve("results/best.layerwise")));
    assertTrue(Files.exists(dir.resolve("results/objective-vs-lr.png")));
    assertTrue(Files.exists(dir.resolve("results/best-curves.png")));
  }

  @Test
  void aNewStudyStartsFromTheBestRegionOfAnOldOne() {
    StudyResult old = run(dir, new AtomicInteger(), List.of(), 2);
    SearchSpace near = old.bestRegion(SPACE, 2, 2);
    List<TrialSummary> top = old.table().rows().subList(0, 2);
    double lo = Math.min((double) top.get(0).params().get("lr"), (double) top.get(1).params().get("lr")) / 2;
    double hi = Math.max((double) top.get(0).params().get("lr"), (double) top.get(1).params().get("lr")) * 2;
    var lr = (Parameter.RealRange) near.find("lr").orElseThrow();
    assertEquals(Math.max(lo, 1e-4), lr.lo(), 1e-12, near.describe());
    assertEquals(Math.min(hi, 1e-1), lr.hi(), 1e-12, near.describe());
  }

  @Test
  void aTrialWhoseLossGoesNonFiniteFailsWithItsReasonAndTheSearchGoesOn() {
    ModelFactory exploding = trial -> new ModelFactory.TrialSetup(Sequential.of(Input.shape(8),
        Dense.units(16).withActivation(ActivationFn.RELU), Dense.units(4)).withSeed(trial.seed())
        .compile(trial.backend(), Optimizer.sgd(trial.number() == 1 ? 1e30 : 0.05),
            Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY), 32);
    StudyResult r = Study.in(dir, new RandomSearch(SPACE, 3, 2, 42), Objective.maximize("val_accuracy"),
        clusters(400, 1), clusters(200, 2)).backend(Backend.named("reference")).run(exploding);
    TrialSummary failed = r.table().rows().get(2);
    assertEquals(1, failed.number(), r.table().toMarkdown());
    assertEquals("FAILED", failed.status());
    assertTrue(failed.reason().startsWith("diverged at step"), failed.reason());
    assertEquals(2, r.table().rows().stream().filter(t -> t.status().equals("DONE")).count());
  }

  @Test
  void aSecondRunOnTheSameFolderRerunsNothingAndGivesTheSameTable() {
    AtomicInteger first = new AtomicInteger();
    StudyResult a = run(dir, first, List.of(), 1);
    AtomicInteger second = new AtomicInteger();
    StudyResult b = run(dir, second, List.of(), 2);
    assertEquals(0, second.get(), "every trial was finished");
    assertEquals(a.table().toCsv(), b.table().toCsv());
  }

  @Test
  void hyperbandContinuesPromotedTrialsFromTheirArchives() {
    AtomicInteger calls = new AtomicInteger();
    StudyResult r = Study.in(dir, new Hyperband(SPACE, 9, 3, 7), Objective.maximize("val_accuracy"),
        clusters(400, 1), clusters(200, 2)).backend(Backend.named("reference")).workers(2)
        .run(factory(calls, List.of()));
    List<TrialSummary> rows = r.table().rows();
    assertTrue(rows.stream().allMatch(t -> t.status().equals("DONE")), r.table().toMarkdown());
    // a promoted trial's curve continues the earlier one's epochs: its last epoch is its budget, 9 at the top
    assertTrue(rows.stream().anyMatch(t -> t.epochs() == 9), r.table().toMarkdown());
    assertTrue(rows.stream().anyMatch(t -> t.epochs() == 1), r.table().toMarkdown());
  }

  @Test
  void ashaRunsUntilNothingCanStartAndResumesFromItsJournal() {
    AtomicInteger calls = new AtomicInteger();
    Asha asha = new Asha(SPACE, 1, 9, 3, 6, 11);
    StudyResult r = Study.asynchronous(dir, asha, Objective.maximize("val_accuracy"), clusters(400, 1),
        clusters(200, 2)).backend(Backend.named("reference")).workers(2).run(factory(calls, List.of()));
    assertTrue(r.table().rows().size() >= 6, r.table().toMarkdown());
    assertTrue(r.table().rows().stream().anyMatch(t -> t.epochs() > 1), "something was promoted: "
        + r.table().toMarkdown());
    AtomicInteger again = new AtomicInteger();
    StudyResult b = Study.asynchronous(dir, asha, Objective.maximize("val_accuracy"), clusters(400, 1),
        clusters(200, 2)).backend(Backend.named("reference")).workers(2).run(factory(again, List.of()));
    assertEquals(0, again.get(), "nothing left to run");
    assertEquals(r.table().toCsv(), b.table().toCsv());
  }

  @Test
  void aJournalOfAnotherSpaceIsRefused() {
    run(dir, new AtomicInteger(), List.of(), 1);
    SearchSpace other = SearchSpace.empty().logUniform("lr", 1e-5, 1e-1);
    var e = assertThrows(IllegalArgumentException.class, () -> Study.in(dir, new RandomSearch(other, 2, 1, 1),
        Objective.maximize("val_accuracy"), clusters(10, 1), clusters(10, 2)).backend(Backend.named("reference"))
        .run(factory(new AtomicInteger(), List.of())));
    assertTrue(e.getMessage().contains("another space"), e.getMessage());
  }
}
