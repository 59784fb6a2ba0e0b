package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.Evaluation;
import dev.layerwise.History;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fit-option samples of {@code docs/training.md} ({@link FitOptionSnippets}) do what the page says. */
class FitOptionSnippetsTest {
  /** What the page's samples printed, computed once per JVM. */
  record PageRun(String splitOutput, String weightsOutput, History history, Evaluation[] evaluations) {}

  private static PageRun pageRun;

  /** The page's run: the reference backend, the first 2,000 training images, the first 1,000 test images. */
  static synchronized PageRun pageRun() {
    if (pageRun == null) {
      FashionMnist.Splits data = FashionMnist.load();
      Backend reference = Backend.named("reference");
      ByteArrayOutputStream split = new ByteArrayOutputStream();
      ByteArrayOutputStream weights = new ByteArrayOutputStream();
      History h = FitOptionSnippets.validationSplit(reference, data.train().take(2_000),
          new PrintStream(split, true, StandardCharsets.UTF_8));
      Evaluation[] e = FitOptionSnippets.classWeights(reference, data.train().take(2_000), data.test().take(1_000),
          new PrintStream(weights, true, StandardCharsets.UTF_8));
      pageRun = new PageRun(split.toString(StandardCharsets.UTF_8), weights.toString(StandardCharsets.UTF_8), h, e);
    }
    return pageRun;
  }

  @Test
  void theSplitValidatesEveryEpochUnderValKeys() {
    History h = pageRun().history();
    assertEquals(List.of("loss", "learning_rate", "val_loss"), List.copyOf(h.keys()));
    assertEquals(2, h.get("val_loss").length);
  }

  @Test
  void weightingShirtsThreeTimesRaisesTheLossTheyDominate() {
    Evaluation[] e = pageRun().evaluations();
    // shirts are the worst-predicted class, so weighting them up raises the mean loss
    assertTrue(e[1].loss() > e[0].loss(), e[0].loss() + " then " + e[1].loss());
  }
}
