package dev.layerwise.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search command line on a small study: its table, the best trial's test accuracy, a rerun, its refusals. */
class LayerwiseTuneTest {
  @TempDir Path dir;

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = LayerwiseTune.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path study(String... lines) throws Exception {
    Path f = dir.resolve("s.study");
    Files.writeString(f, String.join("\n", lines) + "\n");
    return f;
  }

  @Test
  void aSmallRandomSearchRunsReportsAndResumes() throws Exception {
    Path f = study("strategy = random", "trials = 3", "epochs = 2", "workers = 2", "threads-per-trial = 1",
        "train-samples = 3000", "dir = " + dir.resolve("study"), "param.lr = logUniform 1e-4 1e-2",
        "param.units = intRange 16 64 log");
    Run r = run(f.toString());
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().startsWith("3 trials, 6 epochs trained"), r.out());
    assertTrue(r.out().contains("test accuracy"), r.out());
    assertTrue(r.out().contains("the main job's MLP (units 128, Adam 1e-3, no L2), 2 epochs"), r.out());
    assertTrue(Files.exists(dir.resolve("study/results/results.csv")));
    String table = r.out().substring(r.out().indexOf("| trial"), r.out().indexOf("best trial"));
    Run again = run(f.toString(), "--baseline", "off");
    assertEquals(0, again.status(), again.err());
    assertTrue(again.out().contains(table), "the same table after a rerun: " + again.out());
  }

  @Test
  void mistakesInTheStudyFileAreNamedWithTheirLine() throws Exception {
    assertRefused(run(study("strategy = random", "param.lr = logUniform 0 1e-2").toString()),
        "line 2: logUniform 'lr'");
    assertRefused(run(study("strategy = bayes", "param.lr = logUniform 1e-4 1e-2").toString()),
        "strategy expects random, grid, coarse-to-fine, hyperband or asha, got 'bayes'");
    assertRefused(run(study("trails = 3", "param.lr = uniform 0 1").toString()), "line 1: unknown key 'trails'");
    assertRefused(run(study("param.lr = uniform 1 0").toString()), "line 1:");
    assertRefused(run(study("strategy = random").toString()), "no parameter to search");
    assertRefused(run(study("param.momentum = uniform 0.5 0.9 when optimizer sgd").toString()), "line 1:");
    assertRefused(run(dir.resolve("missing.study").toString()), "cannot read it");
  }

  private static void assertRefused(Run r, String message) {
    assertEquals(2, r.status(), r.out() + r.err());
    assertTrue(r.err().contains(message), "expected '" + message + "' in: " + r.err());
  }
}
