package dev.layerwise.examples;

import static dev.layerwise.examples.GuidePages.DOCS;
import static dev.layerwise.examples.GuidePages.PAGES;
import static dev.layerwise.examples.GuidePages.allBlocks;
import static dev.layerwise.examples.GuidePages.trimmed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.examples.GuidePages.Block;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Hardmax;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.schedules.LearningRateSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The user guide cannot go stale: every {@code java} block of its pages is a region of one of the
 * {@code *Snippets.java} files (line for line; see {@link DocSnippets}), every region is shown, every {@code text}
 * block marked as an output is what the code prints, and the index links every page. Each page's
 * {@code XxxSnippetsTest} builds its samples and, where they train or predict, runs them on both backends with the
 * documented result.
 */
class DocSnippetsTest {
  /**
   * Marked blocks checked by other tests: tables (the Keras parity tables by conformance-tests' KerasParityTest), and
   * snippets that are not Java.
   */
  private static final Set<String> CHECKED_ELSEWHERE = Set.of("initialization-tanh", "initialization-relu",
      "selu-lecun", "optimizer-comparison", "python-read-weights", "keras-optimizers", "keras-schedules");
  /** One snippets class per page of the guide that has Java samples. */
  private static final Set<String> SNIPPET_CLASSES = Set.of("ActivationSnippets.java", "InitializerSnippets.java",
      "NormalizationSnippets.java", "RegularizationSnippets.java", "ConvolutionSnippets.java",
      "OptimizerSnippets.java", "ServingSnippets.java", "ReliabilitySnippets.java", "FunctionalSnippets.java",
      "OpenModelSnippets.java", "TrainingSnippets.java", "FitOptionSnippets.java", "CallbackSnippets.java",
      "DataSnippets.java", "PreprocessingSnippets.java", "AugmentationSnippets.java", "DoctorSnippets.java",
      "TuningSnippets.java");

  // ---------------------------------------------------------------- the pages and the sources agree

  @Test
  void everyJavaBlockIsARegionOfASnippetsFile() {
    Map<String, List<String>> regions = GuidePages.regions();
    Map<String, String> files = GuidePages.regionFiles(GuidePages.snippetSources());
    List<Block> snippets = allBlocks().stream().filter(b -> b.kind().equals("snippet")).toList();
    List<Block> java = snippets.stream().filter(b -> b.lang().equals("java")).toList();
    assertTrue(java.size() >= 15, "expected the guide's snippets, found " + java.size());
    for (Block b : java) {
      List<String> region = regions.get(b.name());
      assertTrue(region != null, b.page() + ":" + b.line() + ": no region '" + b.name() + "' in any "
          + GuidePages.SNIPPETS + "/*Snippets.java");
      assertEquals(trimmed(region), trimmed(b.lines()), b.page() + ":" + b.line() + " differs from region '"
          + b.name() + "' of " + files.get(b.name()));
    }
    for (Block b : snippets) {
      assertTrue(b.lang().equals("java") || CHECKED_ELSEWHERE.contains(b.name()), b.page() + ":" + b.line()
          + ": snippet '" + b.name() + "' is " + b.lang() + ", not java, and no test checks it");
    }
    Set<String> shown = java.stream().map(Block::name).collect(Collectors.toSet());
    Set<String> unshown = new TreeSet<>(regions.keySet());
    unshown.removeAll(shown);
    assertTrue(unshown.isEmpty(), "regions no page shows: " + unshown);
  }

  @Test
  void aRegionNameAppearsInOnlyOneSnippetsFile() {
    Map<String, List<String>> sources = GuidePages.snippetSources();
    assertTrue(sources.keySet().containsAll(SNIPPET_CLASSES), "the *Snippets.java files found: " + sources.keySet());
    Map<String, Set<String>> holders = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> s : sources.entrySet()) {
      for (String line : s.getValue()) {
        String l = line.strip();
        if (l.startsWith("// region ")) {
          holders.computeIfAbsent(l.substring("// region ".length()), k -> new TreeSet<>()).add(s.getKey());
        }
      }
    }
    for (Map.Entry<String, Set<String>> h : holders.entrySet()) {
      assertEquals(1, h.getValue().size(), "region '" + h.getKey() + "' is in " + h.getValue());
    }
    assertEquals(holders.keySet(), GuidePages.regionFiles(sources).keySet());
    // ... and the parser refuses a name twice, in one file or in two
    List<String> once = List.of("  // region a", "  int x = 1;", "  // endregion a");
    assertEquals(Map.of("a", List.of("int x = 1;")), GuidePages.regions("A.java", once));
    List<String> twice = new java.util.ArrayList<>(once);
    twice.addAll(once);
    assertThrows(AssertionError.class, () -> GuidePages.regions("A.java", twice));
    assertThrows(AssertionError.class, () -> GuidePages.regionFiles(Map.of("A.java", once, "B.java", once)));
    assertThrows(AssertionError.class, () -> GuidePages.regions("A.java", List.of("// region b", "x();")));
  }

  /** What each output block shows, computed afresh. */
  private static Map<String, Supplier<String>> outputs() {
    Map<String, Supplier<String>> o = new LinkedHashMap<>();
    o.put("relu-family-summary", () -> ActivationSnippets.reluFamily().summary());
    o.put("maxout-summary", () -> ActivationSnippets.maxout().summary());
    o.put("double-softmax-error", () -> assertThrows(IllegalArgumentException.class,
        () -> ActivationSnippets.doubleSoftmax(Backend.named("reference"))).getMessage());
    o.put("hardmax-fit-error", DocSnippetsTest::hardmaxFitError);
    o.put("batchnorm-bias-summary", () -> NormalizationSnippets.batchNormRedundantBias().summary());
    o.put("batchnorm-dense-summary", () -> NormalizationSnippets.batchNormDense().summary());
    o.put("batchnorm-conv-summary", () -> NormalizationSnippets.batchNormConv().summary());
    o.put("cnn-summary", () -> ConvolutionSnippets.cnn().summary());
    o.put("restarts-error", () -> assertThrows(IllegalArgumentException.class,
        () -> LearningRateSchedule.cosineDecayRestarts(0.1, 1000).withTMul(0.5)).getMessage());
    o.put("diverged-message", DocSnippetsTest::divergedMessage);
    o.put("kl-linear-error", () -> assertThrows(IllegalArgumentException.class,
        () -> FashionMnistMlp.model(1).compile(Backend.named("reference"), Optimizer.adam(1e-3),
            Loss.klDivergence())).getMessage());
    o.put("topk-error", () -> assertThrows(IllegalArgumentException.class,
        () -> FashionMnistMlp.model(1).compile(Backend.named("reference"), Optimizer.adam(1e-3),
            Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.topK(12))).getMessage());
    o.put("metrics-fit-output", () -> TrainingSnippetsTest.pageRun().fitOutput());
    o.put("classification-report-output", () -> TrainingSnippetsTest.pageRun().reportOutput());
    o.put("validation-split-output", () -> FitOptionSnippetsTest.pageRun().splitOutput());
    o.put("sample-weights-output", () -> FitOptionSnippetsTest.pageRun().weightsOutput());
    o.put("functional-summary", () -> FunctionalSnippets.residual().summary());
    o.put("shared-summary", () -> FunctionalSnippets.siamese().summary());
    o.put("merge-shape-error", FunctionalSnippetsTest::mergeShapeError);
    o.put("name-clash-error", () -> assertThrows(IllegalArgumentException.class, FunctionalSnippets::nameClash)
        .getMessage());
    o.put("early-stopping-output", () -> CallbackSnippetsTest.earlyStoppingOutput(tempDir()));
    o.put("resume-csv", () -> CallbackSnippetsTest.resumeCsv(tempDir()));
    o.put("frozen-summary", () -> OpenModelSnippets.baseAndHead().withTrainable(false, "base", "base_bn")
        .summary());
    return o;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("guide");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** What the optimizers page's diverging run prints, on the reference backend. */
  private static String divergedMessage() {
    java.io.PrintStream out = System.out;
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    try {
      Path keep = Files.createTempFile("diverged", ".layerwise");
      System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
      OptimizerSnippets.divergedRun(OptimizerSnippetsTest.divergingModel(), Backend.named("reference"),
          OptimizerSnippetsTest.divergingData(), keep);
      Files.delete(keep);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      System.setOut(out);
    }
    return printed.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
  }

  private static String hardmaxFitError() {
    Sequential model = Sequential.of(Input.shape(4), Dense.units(3), Hardmax.create());
    try (CompiledModel m = model.compile(Backend.named("reference"), Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      Dataset data = Dataset.of(new float[8], Shape.of(4), new float[6], Shape.of(3));
      return assertThrows(IllegalArgumentException.class, () -> m.fit(data, FitOptions.builder().quiet().build()))
          .getMessage();
    }
  }

  @Test
  void everyOutputBlockIsWhatTheCodePrints() {
    Map<String, Supplier<String>> outputs = outputs();
    List<Block> blocks = allBlocks().stream().filter(b -> !b.kind().equals("snippet")).toList();
    for (Block b : blocks) {
      if (CHECKED_ELSEWHERE.contains(b.name())) {
        continue;
      }
      Supplier<String> actual = outputs.get(b.name());
      assertTrue(actual != null, b.page() + ":" + b.line() + ": unknown output '" + b.name() + "'");
      assertEquals(trimmed(List.of(actual.get().split("\n"))), trimmed(b.lines()),
          b.page() + ":" + b.line() + ": output '" + b.name() + "' is stale");
    }
    Set<String> shown = blocks.stream().map(Block::name).collect(Collectors.toSet());
    assertTrue(shown.containsAll(outputs.keySet()), "outputs no page shows: " + outputs.keySet());
    shown = allBlocks().stream().map(Block::name).collect(Collectors.toSet());
    assertTrue(shown.containsAll(CHECKED_ELSEWHERE), "blocks no page shows: " + CHECKED_ELSEWHERE);
  }

  @Test
  void theIndexLinksEveryPageAndEveryLocalLinkResolves() throws IOException {
    String index = Files.readString(DOCS.resolve("README.md"));
    for (String page : PAGES) {
      if (!page.equals("README.md")) {
        assertTrue(index.contains("(" + page + ")"), "docs/README.md does not link " + page);
      }
    }
    Pattern link = Pattern.compile("\\]\\(([^)#]+)(#[^)]*)?\\)");
    for (String page : PAGES) {
      Matcher m = link.matcher(Files.readString(DOCS.resolve(page)));
      while (m.find()) {
        String target = m.group(1);
        if (!target.startsWith("http")) {
          assertTrue(Files.exists(DOCS.resolve(target)), page + " links to missing " + target);
        }
      }
    }
  }
}
