package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.init.Initializer;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.AveragePooling2D;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.ELU;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.GlobalAveragePooling2D;
import dev.layerwise.layers.Hardmax;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.LeakyReLU;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.PReLU;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.Reshape;
import dev.layerwise.layers.Softmax;
import dev.layerwise.layers.WeightSpec;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Adadelta;
import dev.layerwise.optimizers.Adagrad;
import dev.layerwise.optimizers.Adam;
import dev.layerwise.optimizers.AdamW;
import dev.layerwise.optimizers.Adamax;
import dev.layerwise.optimizers.GradientClipping;
import dev.layerwise.optimizers.Nadam;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.optimizers.RMSprop;
import dev.layerwise.optimizers.Sgd;
import dev.layerwise.regularizers.Regularizer;
import dev.layerwise.schedules.CyclicalLearningRate;
import dev.layerwise.schedules.LearningRateSchedule;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.TensorValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The user guide cannot go stale: every {@code java} block of its pages is a region of {@link DocSnippets} (line for
 * line), every {@code text} block marked as an output is what the code prints, and every sample builds — and, where
 * it trains or predicts, runs on both backends with the documented result.
 */
class DocSnippetsTest {
  static final Path DOCS = Path.of("..", "docs");
  private static final Path SOURCE = Path.of("src/main/java/dev/layerwise/examples/DocSnippets.java");
  /** The guide's pages: their Java blocks must all be snippets. */
  static final List<String> PAGES = List.of("README.md", "activations.md", "initializers.md",
      "normalization-and-dropout.md", "regularization.md", "convolution.md", "optimizers.md");
  /** Marked blocks checked by other tests. */
  private static final Set<String> CHECKED_ELSEWHERE = Set.of("initialization-tanh", "initialization-relu",
      "selu-lecun", "optimizer-comparison");

  private static final Pattern MARKER = Pattern.compile("<!-- (snippet|output|table): ([a-z0-9-]+) -->");

  /** A marked block of a page: a fenced block after a snippet or output marker, or table rows after a table marker. */
  record Block(String page, int line, String kind, String name, List<String> lines) {}

  static List<Block> blocks(String page) {
    List<String> lines;
    try {
      lines = Files.readAllLines(DOCS.resolve(page));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Block> out = new ArrayList<>();
    String kind = null;
    String name = null;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      Matcher m = MARKER.matcher(l.strip());
      if (m.matches()) {
        kind = m.group(1);
        name = m.group(2);
        continue;
      }
      String where = page + ":" + (i + 1);
      if (l.startsWith("```")) {
        String lang = l.substring(3).strip();
        int end = i + 1;
        while (end < lines.size() && !lines.get(end).startsWith("```")) {
          end++;
        }
        if (lang.equals("java")) {
          assertEquals("snippet", kind, where + ": a java block must follow <!-- snippet: NAME -->");
        }
        if (kind != null) {
          assertFalse(kind.equals("table"), where + ": a table marker must be followed by table rows");
          out.add(new Block(page, i + 1, kind, name, List.copyOf(lines.subList(i + 1, end))));
        }
        kind = null;
        i = end;
      } else if (kind != null && kind.equals("table") && l.startsWith("|")) {
        int end = i;
        while (end < lines.size() && lines.get(end).startsWith("|")) {
          end++;
        }
        out.add(new Block(page, i + 1, kind, name, List.copyOf(lines.subList(i, end))));
        kind = null;
        i = end - 1;
      } else if (kind != null && !l.isBlank()) {
        fail(where + ": <!-- " + kind + ": " + name + " --> must be followed by its block");
      }
    }
    return out;
  }

  static List<Block> allBlocks() {
    return PAGES.stream().flatMap(p -> blocks(p).stream()).toList();
  }

  /** Each region of DocSnippets.java, dedented, trailing spaces removed. */
  static Map<String, List<String>> regions() throws IOException {
    List<String> src = Files.readAllLines(SOURCE);
    Map<String, List<String>> regions = new LinkedHashMap<>();
    for (int i = 0; i < src.size(); i++) {
      String l = src.get(i).strip();
      if (l.startsWith("// region ")) {
        String name = l.substring("// region ".length());
        int end = src.subList(i, src.size()).stream().map(String::strip).toList().indexOf("// endregion " + name);
        assertTrue(end > 0, "no '// endregion " + name + "' in " + SOURCE);
        List<String> body = src.subList(i + 1, i + end);
        int indent = body.stream().filter(s -> !s.isBlank()).mapToInt(s -> s.length() - s.stripLeading().length())
            .min().orElse(0);
        regions.put(name, body.stream().map(s -> s.isBlank() ? "" : s.substring(indent).stripTrailing()).toList());
      }
    }
    return regions;
  }

  private static List<String> trimmed(List<String> lines) {
    List<String> t = new ArrayList<>(lines.stream().map(String::stripTrailing).toList());
    while (!t.isEmpty() && t.get(t.size() - 1).isEmpty()) {
      t.remove(t.size() - 1);
    }
    return t;
  }

  // ---------------------------------------------------------------- the pages and the source agree

  @Test
  void everyJavaBlockIsARegionOfDocSnippets() throws IOException {
    Map<String, List<String>> regions = regions();
    List<Block> snippets = allBlocks().stream().filter(b -> b.kind().equals("snippet")).toList();
    assertTrue(snippets.size() >= 15, "expected the guide's snippets, found " + snippets.size());
    for (Block b : snippets) {
      List<String> region = regions.get(b.name());
      assertTrue(region != null, b.page() + ":" + b.line() + ": no region '" + b.name() + "' in " + SOURCE);
      assertEquals(trimmed(region), trimmed(b.lines()), b.page() + ":" + b.line() + " differs from region '"
          + b.name() + "' of DocSnippets.java");
    }
    Set<String> shown = snippets.stream().map(Block::name).collect(Collectors.toSet());
    Set<String> unshown = new TreeSet<>(regions.keySet());
    unshown.removeAll(shown);
    assertTrue(unshown.isEmpty(), "regions no page shows: " + unshown);
  }

  /** What each output block shows, computed afresh. */
  private static Map<String, Supplier<String>> outputs() {
    Map<String, Supplier<String>> o = new LinkedHashMap<>();
    o.put("relu-family-summary", () -> DocSnippets.reluFamily().summary());
    o.put("maxout-summary", () -> DocSnippets.maxout().summary());
    o.put("double-softmax-error", () -> assertThrows(IllegalArgumentException.class,
        () -> DocSnippets.doubleSoftmax(Backend.named("reference"))).getMessage());
    o.put("hardmax-fit-error", DocSnippetsTest::hardmaxFitError);
    o.put("batchnorm-bias-summary", () -> DocSnippets.batchNormRedundantBias().summary());
    o.put("batchnorm-dense-summary", () -> DocSnippets.batchNormDense().summary());
    o.put("batchnorm-conv-summary", () -> DocSnippets.batchNormConv().summary());
    o.put("cnn-summary", () -> DocSnippets.cnn().summary());
    o.put("warmup-error", () -> assertThrows(IllegalArgumentException.class,
        () -> LearningRateSchedule.cosineDecay(1e-3, 1000).withWarmup(2000, 1e-2)).getMessage());
    return o;
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
    assertTrue(shown.containsAll(CHECKED_ELSEWHERE), "tables no page shows: " + CHECKED_ELSEWHERE);
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

  // ---------------------------------------------------------------- the samples build as the pages say

  private static List<String> nodeNames(Sequential s) {
    return s.spec().nodes().stream().map(LayerNode::name).toList();
  }

  private static LayerNode node(Sequential s, String name) {
    return s.spec().nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }

  private static WeightSpec weight(Layer layer, Shape input, String name) {
    return layer.weights(input).stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aFusedActivationIsSugarForAnActivationLayer() {
    List<Sequential> models = DocSnippets.fusedActivation();
    assertEquals(List.of("input_layer", "dense", "dense_tanh"), nodeNames(models.get(0)));
    assertEquals(List.of("input_layer", "dense", "activation"), nodeNames(models.get(1)));
    assertEquals(models.get(0).spec().weightSpecs(), models.get(1).spec().weightSpecs());
  }

  @Test
  void theActivationSamplesHaveTheDocumentedShapesAndWeights() {
    Sequential relu = DocSnippets.reluFamily();
    assertEquals(Shape.of(10), relu.spec().outputShape());
    assertEquals(Shape.of(256), node(relu, "p_re_lu").weights().get(0).shape());

    Sequential maxout = DocSnippets.maxout();
    long dense128 = Sequential.of(Input.shape(784), Dense.units(128)).spec().parameterCount();
    assertEquals(100_480, dense128);
    assertEquals(2 * dense128, node(maxout, "maxout").parameterCount());
    assertEquals(Shape.of(784, 256), node(maxout, "maxout").weights().get(0).shape());

    Sequential selu = DocSnippets.selu();
    assertEquals(List.of("input_layer", "dense", "dense_selu", "dense_1", "dense_1_selu", "dense_2"), nodeNames(selu));
    assertEquals(Initializer.lecunNormal(), selu.spec().weightSpecs().get("dense/kernel").initializer());
  }

  @Test
  void theInitializerSampleSetsWhatItSays() {
    Sequential model = DocSnippets.initializers();
    Map<String, WeightSpec> w = model.spec().weightSpecs();
    assertEquals(Initializer.glorotUniform(), w.get("dense/kernel").initializer());
    assertEquals(Initializer.zeros(), w.get("dense/bias").initializer());
    assertEquals(Initializer.heNormal(), w.get("dense_1/kernel").initializer());
    assertEquals(Initializer.randomNormal(0.01), w.get("dense_2/kernel").initializer());
    assertEquals(Initializer.constant(0.1), w.get("dense_2/bias").initializer());
    assertEquals(42, model.seed().getAsLong());
    // the same seed gives the same weights; the full name, not the position, picks the stream
    assertEquals(model.spec().initialWeights(42), DocSnippets.initializers().spec().initialWeights(42));
  }

  @Test
  void theNormalizationSamplesHaveTheDocumentedWeights() {
    Sequential dense = DocSnippets.batchNormDense();
    assertEquals(1, node(dense, "dense").weights().size(), "no bias before batch norm");
    assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"),
        node(dense, "batch_normalization").weights().stream().map(WeightSpec::name).toList());
    assertFalse(dense.summary().contains("Note:"));
    assertTrue(DocSnippets.batchNormRedundantBias().summary().contains("Note: Dense 'dense' has a bias"));

    Sequential conv = DocSnippets.batchNormConv();
    BatchNormalization bn = (BatchNormalization) node(conv, "batch_normalization").layer();
    assertEquals(0.9, bn.momentum());
    assertEquals(1e-5, bn.epsilon());
    for (WeightSpec w : node(conv, "batch_normalization").weights()) {
      assertEquals(Shape.of(32), w.shape(), w.name());
    }
    BatchNormalization defaults = BatchNormalization.create();
    assertEquals(0.99, defaults.momentum());
    assertEquals(1e-3, defaults.epsilon());

    assertEquals(Shape.of(512), node(DocSnippets.dropout(), "dropout").outputShape());
  }

  @Test
  void theRegularizerSampleAttachesThePenalties() {
    List<Layer> layers = DocSnippets.regularizers();
    Shape vector = Shape.of(100);
    assertEquals(Regularizer.l2(1e-4), weight(layers.get(0), vector, "kernel").regularizer());
    assertEquals(Regularizer.l1(1e-5), weight(layers.get(1), vector, "kernel").regularizer());
    assertEquals(Regularizer.l1l2(1e-5, 1e-4), weight(layers.get(2), Shape.of(28, 28, 3), "kernel").regularizer());
    assertEquals(Regularizer.l2(1e-4), weight(layers.get(3), vector, "bias").regularizer());
    assertEquals(null, weight(layers.get(3), vector, "kernel").regularizer());
  }

  @Test
  void theConvolutionSamplesHaveTheDocumentedShapes() {
    assertEquals(List.of(Shape.of(26, 26, 16), Shape.of(28, 28, 16), Shape.of(14, 14, 16), Shape.of(12, 12, 16),
        Shape.of(3, 3, 16), Shape.of(4, 4, 16), 1, 0), DocSnippets.convShapes());
    assertEquals(1, Padding.SAME.padBefore(28, 3, 1));              // (b): p = 2, one above and one below
    assertEquals(2, Padding.SAME.totalPadding(28, 3, 1));

    assertEquals(FashionMnistCnn.model(0).layers(), DocSnippets.cnn().layers(), "the guide shows the example's CNN");
    assertEquals(Shape.of(3136), node(DocSnippets.cnn(), "flatten").outputShape());

    Sequential gap = DocSnippets.globalAveragePooling();
    assertEquals(Shape.of(64), node(gap, "global_average_pooling2d").outputShape());
    assertEquals(650, node(gap, "dense").parameterCount());
    assertEquals(125_450, Sequential.of(Input.shape(14, 14, 64), Flatten.create(), Dense.units(10)).spec()
        .parameterCount());

    Sequential reshape = DocSnippets.reshapeInput();
    assertEquals(Shape.of(24, 24, 16), node(reshape, "conv2d").outputShape());
    assertEquals(Shape.of(12, 12, 16), node(reshape, "average_pooling2d").outputShape());
    assertEquals(Shape.of(8, 4), Reshape.to(-1, 4).outputShape(Shape.of(2, 4, 4)));
  }

  @Test
  void theOptimizerSamplesSetWhatTheySay() {
    LearningRateSchedule constant = LearningRateSchedule.constant(0.01);
    GradientClipping none = GradientClipping.NONE;
    try (CompiledModel m = DocSnippets.compileWithOptimizer(FashionMnistMlp.model(1), Backend.named("reference"))) {
      assertEquals(new Sgd(constant, 0.9, false, none), m.config().optimizer());
      assertEquals(List.of(Metric.ACCURACY), m.config().metrics());
    }
    assertEquals(List.of(new Sgd(LearningRateSchedule.constant(0.1), 0, false, none),
        new Sgd(constant, 0.9, false, none), new Sgd(constant, 0.9, true, none)), DocSnippets.sgdVariants());

    LearningRateSchedule milli = LearningRateSchedule.constant(0.001);
    assertEquals(List.of(new Adagrad(constant, 0.1, 1e-7, none),
        new RMSprop(milli, 0.9, 0, 1e-7, false, 0, none),
        new RMSprop(milli, 0.9, 0.9, 1e-7, true, 0, none),
        new Adadelta(LearningRateSchedule.constant(1.0), 0.95, 1e-7, none)), DocSnippets.adaptiveRates());
    List<Optimizer> tfJava = DocSnippets.tfJavaSettings();
    assertEquals(new Adagrad(milli, 0.01, 1e-7, none), tfJava.get(0));
    assertEquals(0.01, tfJava.get(0).slotInitialValue("accumulator"));
    assertEquals(new RMSprop(milli, 0.9, 0, 1e-10, false, 1.0, none), tfJava.get(1));
    assertEquals(1.0, tfJava.get(1).slotInitialValue("rms"));

    assertEquals(List.of(new Adam(milli, 0.9, 0.999, 1e-7, none),
        new Adamax(LearningRateSchedule.constant(2e-3), 0.9, 0.999, 1e-7, none),
        new Nadam(milli, 0.9, 0.999, 1e-7, none),
        new AdamW(milli, 0.004, 0.9, 0.999, 1e-7, none),
        new Adam(milli, 0.9, 0.999, 1e-8, none)), DocSnippets.adamFamily());

    assertEquals(List.of(GradientClipping.byValue(0.5), GradientClipping.byNorm(1.0),
        GradientClipping.byGlobalNorm(1.0)), DocSnippets.clipping().stream().map(Optimizer::clipping).toList());
  }

  @Test
  void theScheduleSamplesGiveTheRatesTheirCommentsSay() {
    List<LearningRateSchedule> s = DocSnippets.schedules();
    LearningRateSchedule notes = s.get(0);
    assertEquals(0.1, notes.at(0));
    assertEquals(0.05, notes.at(1000), 1e-15);                      // 0.1 / (1 + 0.001·1000)
    LearningRateSchedule stepDecay = s.get(1);
    assertEquals(List.of(0.1, 0.1, 0.01, 0.01, 0.001), List.of(stepDecay.at(0), stepDecay.at(1875),
        stepDecay.at(1876), stepDecay.at(3750), stepDecay.at(3751)));
    LearningRateSchedule halving = s.get(2);
    assertEquals(List.of(0.1, 0.1, 0.05, 0.025), List.of(halving.at(0), halving.at(1874), halving.at(1875),
        halving.at(3750)));
    LearningRateSchedule linear = s.get(3);
    assertEquals(0.1, linear.at(0), 1e-15);
    assertEquals((0.1 - 1e-4) / 2 + 1e-4, linear.at(5000), 1e-15);
    assertEquals(1e-4, linear.at(20_000), 1e-15);
    LearningRateSchedule cosine = s.get(4);
    assertEquals(1e-3, cosine.at(0), 1e-15);
    assertEquals(2e-3, cosine.at(250), 1e-15);                      // half-way up the warm-up
    assertEquals(3e-3, cosine.at(500), 1e-15);                      // the peak
    assertEquals(1.5e-3, cosine.at(5500), 1e-15);                   // half-way down
    assertEquals(0, cosine.at(10_500), 1e-15);
    LearningRateSchedule cyclical = s.get(5);
    assertEquals(1e-4, cyclical.at(0), 1e-15);
    assertEquals(1e-2, cyclical.at(2000), 1e-15);                   // the first peak
    assertEquals(1e-4 + (1e-2 - 1e-4) / 2, cyclical.at(6000), 1e-15); // the second, at half the amplitude
    assertEquals(CyclicalLearningRate.Mode.TRIANGULAR2, ((CyclicalLearningRate) cyclical).mode());
    assertEquals(cosine, s.get(6), "the optimizer takes the cosine schedule");
  }

  @Test
  void theErrorMessagesQuotedOnTheOptimizersPageAreWhatTheCodeSays() throws IOException {
    String page = Files.readString(DOCS.resolve("optimizers.md"));
    List<String> messages = List.of(
        assertThrows(IllegalArgumentException.class, () -> Optimizer.adam(1e-3).withBeta2(1.0)).getMessage(),
        assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(0.01).withNesterov(0)).getMessage(),
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.byNorm(0)).getMessage());
    for (String message : messages) {
      // the page wraps long lines: compare with runs of white space collapsed
      assertTrue(page.replaceAll("\\s+", " ").contains("`" + message + "`"),
          "optimizers.md should quote: " + message);
    }
  }

  @Test
  void imagesAreTheSameFloatsSeenAsNhwc() {
    Dataset train = DocSnippets.imageData();
    assertEquals(Shape.of(28, 28, 1), train.featureShape());
    assertEquals(60_000, train.size());
  }

  // ---------------------------------------------------------------- the samples run as the pages say, on both backends

  private static Dataset fashionTrain;
  private static Dataset fashionTest;

  @BeforeAll
  static void loadData() {
    FashionMnist.Splits data = FashionMnist.load();
    fashionTrain = data.train().take(3000);
    fashionTest = data.test().take(200);
  }

  /** n samples of the given shape, N(0, 1), with one of {@code classes} labels each. */
  private static Dataset random(int n, Shape shape, int classes, long seed) {
    SeededRandom r = new SeededRandom(seed);
    float[] x = new float[n * shape.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(classes);
    }
    return Dataset.withClassLabels(x, shape, y);
  }

  private static float[] predict(Backend backend, Sequential model, float[] x) {
    try (CompiledModel m = model.compile(backend, Optimizer.sgd(0.01), Loss.meanSquaredError())) {
      return m.predict(x);
    }
  }

  private static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])), what + " at " + i);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void theLogitsClassifierTrainsAndItsPredictionHeadsAgree(String name) {
    Backend backend = Backend.named(name);
    try (CompiledModel trained = DocSnippets.logitsClassifier(backend)) {
      trained.fit(fashionTrain, FitOptions.builder().epochs(1).quiet().build());
      float[] logits = trained.predict(fashionTest);
      List<float[]> heads = DocSnippets.predictionHeads(trained, fashionTest);
      float[] p = heads.get(0);
      float[] oneHot = heads.get(1);
      for (int i = 0; i < fashionTest.size(); i++) {
        double max = Double.NEGATIVE_INFINITY;
        int argmax = 0;
        for (int k = 0; k < 10; k++) {
          if (logits[i * 10 + k] > max) {
            max = logits[i * 10 + k];
            argmax = k;
          }
        }
        double sum = 0;
        for (int k = 0; k < 10; k++) {
          sum += Math.exp(logits[i * 10 + k] - max);
        }
        for (int k = 0; k < 10; k++) {
          double softmax = Math.exp(logits[i * 10 + k] - max) / sum;
          assertEquals(softmax, p[i * 10 + k], 1e-5, "probability " + i + "," + k);
          assertEquals(k == argmax ? 1f : 0f, oneHot[i * 10 + k], "hardmax " + i + "," + k);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void equalInitialWeightsStayEqual(String name) {
    TensorValue kernel = DocSnippets.symmetryTrap(Backend.named(name), random(64, Shape.of(4), 3, 7));
    assertEquals(Shape.of(4, 8), kernel.shape());
    boolean learned = false;
    for (int r = 0; r < 4; r++) {
      for (int c = 1; c < 8; c++) {
        assertEquals(kernel.get(r * 8), kernel.get(r * 8 + c), 1e-5, "row " + r + ", column " + c);
      }
      learned |= Math.abs(kernel.get(r * 8) - 0.1) > 1e-3;
    }
    assertTrue(learned, "the kernel should have moved from 0.1: " + kernel);
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void batchNormMovesItsStatisticsWithTheBiasedVarianceAndUsesThemAtInference(String name) {
    Backend backend = Backend.named(name);
    int n = 8;
    Dataset batch = Dataset.of(features(n, 11), Shape.of(3), new float[n * 3], Shape.of(3));
    Map<String, TensorValue> w = DocSnippets.batchNormMovingStatistics(backend, batch);
    float[] x = features(n, 11);
    for (int c = 0; c < 3; c++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += x[i * 3 + c] / (double) n;
      }
      double biased = 0;
      for (int i = 0; i < n; i++) {
        biased += (x[i * 3 + c] - mean) * (x[i * 3 + c] - mean) / n;
      }
      assertEquals(0.1 * mean, w.get("batch_normalization/moving_mean").get(c), 1e-6, "moving mean " + c);
      assertEquals(0.9 + 0.1 * biased, w.get("batch_normalization/moving_variance").get(c), 1e-6,
          "moving variance " + c + " (Bessel-corrected would be " + (0.9 + 0.1 * biased * n / (n - 1)) + ")");
    }

    // Inference uses the moving statistics (and the updated γ, β), one sample at a time.
    Sequential model = Sequential.of(Input.shape(3), BatchNormalization.create().withMomentum(0.9));
    try (CompiledModel m = model.compile(backend, Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      m.fit(batch, FitOptions.builder().batchSize(n).quiet().build());
      Map<String, TensorValue> v = m.weights();
      float[] y = m.predict(x);
      float[] single = m.predict(Arrays.copyOf(x, 3));
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < 3; c++) {
          double expected = v.get("batch_normalization/gamma").get(c)
              * (x[i * 3 + c] - v.get("batch_normalization/moving_mean").get(c))
              / Math.sqrt(v.get("batch_normalization/moving_variance").get(c) + 1e-3)
              + v.get("batch_normalization/beta").get(c);
          assertEquals(expected, y[i * 3 + c], 1e-5, "inference output " + i + "," + c);
        }
      }
      assertClose(Arrays.copyOf(y, 3), single, 1e-6, "a sample alone");
    }
  }

  private static float[] features(int n, long seed) {
    SeededRandom r = new SeededRandom(seed);
    float[] x = new float[n * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (2 + 3 * r.nextGaussian());
    }
    return x;
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void dropoutIsInvertedInTrainingAndTheIdentityAtInference(String name) {
    // y = Dense(1, kernel 1)(Dropout(0.5)(x)) with x = 1: 0 or 2 in training (mean 1), exactly 1 at inference.
    int n = 1000;
    float[] ones = new float[n];
    Arrays.fill(ones, 1f);
    Dataset data = Dataset.of(ones, Shape.of(1), new float[n], Shape.of(1));
    Sequential model = Sequential.of(Input.shape(1), Dropout.rate(0.5),
        Dense.units(1).withUseBias(false).withKernelInitializer(Initializer.ones()));
    try (CompiledModel m = model.compile(Backend.named(name), Optimizer.sgd(1e-9), Loss.meanSquaredError())) {
      assertEquals(1.0, m.evaluate(data).loss(), 1e-9, "inference: y = 1, loss (1 − 0)² = 1");
      float[] y = m.predict(data);
      for (float v : y) {
        assertEquals(1f, v);
      }
      History h = m.fit(data, FitOptions.builder().batchSize(n).quiet().build());
      // training: y² is 4 for a kept unit, 0 for a dropped one; unscaled dropout would give 0.5
      double loss = h.last("loss");
      assertTrue(loss > 1.7 && loss < 2.3, "training loss " + loss + " should be 4·(share kept) ≈ 2");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void historyReportsThePenaltyAsRegularizationLoss(String name) {
    Sequential model = Sequential.of(Input.shape(4),
        Dense.units(3).withActivation(ActivationFn.RELU).withKernelRegularizer(Regularizer.l2(0.01)),
        Dense.units(2).withKernelRegularizer(Regularizer.l1(0.001)));
    try (CompiledModel m = model.compile(Backend.named(name), Optimizer.sgd(1e-9),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      Map<String, TensorValue> w = m.weights();
      double expected = 0;
      for (double v : w.get("dense/kernel").data()) {
        expected += 0.01 * v * v;
      }
      for (double v : w.get("dense_1/kernel").data()) {
        expected += 0.001 * Math.abs(v);
      }
      History history = DocSnippets.regularizationHistory(m, random(64, Shape.of(4), 2, 3));
      double[] penalty = history.get("regularization_loss");
      double[] loss = history.get("loss");
      assertEquals(2, penalty.length);
      for (int e = 0; e < 2; e++) {
        assertEquals(expected, penalty[e], 1e-5 * expected, "epoch " + (e + 1));
        assertTrue(loss[e] > penalty[e], "loss includes the penalty");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void flattenAndReshapeKeepRowMajorOrder(String name) {
    Backend backend = Backend.named(name);
    float[] x = new float[2 * 24];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    // [2, 3, 4] (H, W, C) flattened: value (i, j, c) at (i·W + j)·C + c, i.e. unchanged
    assertArrayEquals(x, predict(backend, Sequential.of(Input.shape(2, 3, 4), Flatten.create()), x));
    assertArrayEquals(x, predict(backend, Sequential.of(Input.shape(24), Reshape.to(2, -1, 4), Flatten.create()), x));
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void samePaddingPutsTheExtraRowAndColumnAtTheBottomRight(String name) {
    Backend backend = Backend.named(name);
    float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};                        // a 3×3 image, one channel
    // a 2×2 window of ones, stride 1, SAME: p = 1, nothing before, one row/column after
    Sequential conv = Sequential.of(Input.shape(3, 3, 1), Conv2D.of(1, 2).withPadding(Padding.SAME)
        .withUseBias(false).withKernelInitializer(Initializer.ones()));
    assertClose(new float[] {12, 16, 9, 24, 28, 15, 15, 17, 9}, predict(backend, conv, x), 1e-6, "conv SAME");

    float[] neg = new float[9];
    for (int i = 0; i < 9; i++) {
      neg[i] = -x[i];
    }
    // 2×2 windows, stride 2, SAME on 3×3: out 2×2, the last window row/column holds one real row/column
    Sequential max = Sequential.of(Input.shape(3, 3, 1), MaxPooling2D.of(2).withPadding(Padding.SAME));
    assertClose(new float[] {-1, -3, -7, -9}, predict(backend, max, neg), 1e-6, "max pooling ignores padding");
    Sequential avg = Sequential.of(Input.shape(3, 3, 1), AveragePooling2D.of(2).withPadding(Padding.SAME));
    assertClose(new float[] {-3, -4.5f, -7.5f, -9}, predict(backend, avg, neg), 1e-6,
        "average pooling divides by the real positions");
    Sequential gap = Sequential.of(Input.shape(3, 3, 1), GlobalAveragePooling2D.create());
    assertClose(new float[] {-5}, predict(backend, gap, neg), 1e-6, "global average");
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void theActivationsComputeTheDocumentedFunctions(String name) {
    Backend backend = Backend.named(name);
    float[] z = {-2, -0.5f, 0, 0.5f, 2};
    Shape five = Shape.of(5);
    double lambda = ActivationFn.SELU_SCALE;
    double alpha = ActivationFn.SELU_ALPHA;
    Map<Layer, double[]> expected = new LinkedHashMap<>();
    expected.put(LeakyReLU.alpha(0.1), new double[] {-0.2, -0.05, 0, 0.5, 2});
    expected.put(LeakyReLU.create(), new double[] {-0.6, -0.15, 0, 0.5, 2});
    expected.put(PReLU.perChannel(), new double[] {0, 0, 0, 0.5, 2});               // α starts at 0: a ReLU
    expected.put(ELU.alpha(0.5), new double[] {0.5 * Math.expm1(-2), 0.5 * Math.expm1(-0.5), 0, 0.5, 2});
    expected.put(Activation.of(ActivationFn.SELU), new double[] {lambda * alpha * Math.expm1(-2),
        lambda * alpha * Math.expm1(-0.5), 0, lambda * 0.5, lambda * 2});
    expected.put(Activation.of(ActivationFn.ELU), new double[] {Math.expm1(-2),
        Math.expm1(-0.5), 0, 0.5, 2});
    expected.put(Hardmax.create(), new double[] {0, 0, 0, 0, 1});
    double s = 0;
    for (float v : z) {
      s += Math.exp(v);
    }
    double[] softmax = new double[5];
    for (int i = 0; i < 5; i++) {
      softmax[i] = Math.exp(z[i]) / s;
    }
    expected.put(Softmax.create(), softmax);
    for (Map.Entry<Layer, double[]> e : expected.entrySet()) {
      float[] y = predict(backend, Sequential.of(Input.of(five), e.getKey()), z);
      float[] want = new float[5];
      for (int i = 0; i < 5; i++) {
        want[i] = (float) e.getValue()[i];
      }
      assertClose(want, y, 1e-6, e.getKey().describe());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void fitReportsTheRateOfEveryUpdateAsTheScheduleGivesIt(String name) {
    SeededRandom r = new SeededRandom(5);
    float[] x = new float[10 * 2];
    float[] y = new float[10];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = x[2 * i] - 0.5f * x[2 * i + 1];
    }
    Sequential model = Sequential.of(Input.shape(2), Dense.units(1)).withSeed(3);
    History h = DocSnippets.scheduleHistory(model, Backend.named(name), Dataset.of(x, Shape.of(2), y, Shape.of(1)));
    // 10 samples in batches of 4: 3 updates per epoch; update t used 0.1 · 0.5^(t − 1)
    assertArrayEquals(new double[] {0.1, 0.05, 0.025, 0.0125, 0.00625, 0.003125}, h.learningRates(), 1e-15);
    assertArrayEquals(new double[] {0.025, 0.003125}, h.get("learning_rate"), 1e-15);
    assertTrue(h.last("loss") < h.get("loss")[0], "the loss should fall: " + Arrays.toString(h.get("loss")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void momentumUnderAScheduleRescalesTheWholeVelocity(String name) {
    // 0.234 as the page works it out (ApplyMomentum); Keras's form would give 0.396
    assertEquals(0.234, DocSnippets.momentumUnderASchedule(Backend.named(name)), 1e-6);
  }
}
