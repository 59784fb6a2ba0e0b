package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.ClassNames;
import dev.layerwise.data.Dataset;
import dev.layerwise.io.ModelArchive;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.testing.FakeBackend;
import dev.layerwise.testing.ZipEdit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class names carried by a model ({@link Model#withClassNames}): kept by every wither, checked against the output,
 * saved in the archive and read back, and naming what {@link CompiledModel#predictClasses} decides. The fake backend
 * answers {@code predict} with the features themselves, so each sample's scores are what the test wrote.
 */
class ModelClassNamesTest {
  private static final ClassNames IRIS = ClassNames.of("setosa", "versicolor", "virginica");
  private static final TrainingConfig LOGITS = TrainingConfig.of(Optimizer.sgd(0.1),
      Loss.sparseCategoricalCrossentropy().withFromLogits(true));

  @TempDir Path dir;

  private static Sequential threeClasses() {
    return Sequential.of(Input.shape(3), Dense.units(3)).withSeed(1);
  }

  /** Outputs = inputs: the scores are the features given. */
  private static FakeBackend echo() {
    return new FakeBackend().outputs((call, size) -> call.x().clone());
  }

  @Test
  void everyWitherKeepsTheNamesAndASequentialStaysOne() {
    Sequential named = threeClasses().withClassNames(IRIS);
    assertEquals(Optional.of(IRIS), named.withName("iris").withSeed(3).withTrainable(false, "dense").classNames());
    assertEquals(Optional.empty(), threeClasses().classNames());
    SymbolicTensor in = Input.shape(4).tensor();
    Model functional = Model.of(in, Dense.units(3).apply(in)).withClassNames(IRIS).withName("f").withSeed(2);
    assertEquals(Optional.of(IRIS), functional.classNames());
  }

  @Test
  void namesThatDoNotFitTheOutputAreRefusedNamingTheModelAndTheOutput() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> threeClasses().withName("iris").withClassNames(ClassNames.of("a", "b")));
    assertTrue(e.getMessage().contains("model 'iris'") && e.getMessage().contains("[a, b]")
        && e.getMessage().contains("expected 3 names"), e.getMessage());
    Sequential image = Sequential.of(Input.shape(2, 3), Dense.units(3));
    var rank = assertThrows(IllegalArgumentException.class, () -> image.withClassNames(IRIS));
    assertTrue(rank.getMessage().contains("[2, 3]"), rank.getMessage());
    SymbolicTensor in = Input.shape(4).tensor();
    Model two = Model.of(List.of(in), List.of(Dense.units(3).apply(in), Dense.units(3).apply(in)));
    var outputs = assertThrows(IllegalArgumentException.class, () -> two.withClassNames(IRIS));
    assertTrue(outputs.getMessage().contains("one output"), outputs.getMessage());
    // One sigmoid unit takes two names, no more.
    Sequential binary = Sequential.of(Input.shape(2), Dense.units(1));
    assertEquals(2, binary.withClassNames(ClassNames.of("benign", "malignant")).classNames().orElseThrow().size());
    assertThrows(IllegalArgumentException.class, () -> binary.withClassNames(IRIS));
  }

  @Test
  void predictClassesTakesTheFirstArgmaxOfEachRowAndNamesIt() {
    float[] scores = {0.1f, 2f, -1f, /**/ 5f, 5f, 1f, /**/ -3f, -2f, -1f};
    try (CompiledModel m = threeClasses().withClassNames(IRIS).compile(echo(), LOGITS)) {
      ClassPredictions p = m.predictClasses(Dataset.featuresOnly(scores, Shape.of(3)));
      assertArrayEquals(new int[] {1, 0, 2}, p.indices());
      assertEquals(List.of("versicolor", "setosa", "virginica"), p.names());
      assertEquals("virginica", p.name(2));
    }
  }

  @Test
  void aBinaryOutputIsClassOneAboveProbabilityOneHalfOnLogitsAndOnProbabilities() {
    ClassNames names = ClassNames.of("benign", "malignant");
    Dataset x = Dataset.featuresOnly(new float[] {-0.2f, 0.3f, 0.7f}, Shape.of(1));
    Sequential logits = Sequential.of(Input.shape(1), Dense.units(1)).withSeed(1).withClassNames(names);
    try (CompiledModel m = logits.compile(echo(), Optimizer.sgd(0.1), Loss.binaryCrossentropy().withFromLogits(true))) {
      assertArrayEquals(new int[] {0, 1, 1}, m.predictClasses(x).indices(), "logit > 0");
    }
    Sequential probabilities = Sequential.of(Input.shape(1), Dense.units(1).withActivation(ActivationFn.SIGMOID))
        .withSeed(1).withClassNames(names);
    try (CompiledModel m = probabilities.compile(echo(), Optimizer.sgd(0.1), Loss.binaryCrossentropy())) {
      assertArrayEquals(new int[] {0, 0, 1}, m.predictClasses(x).indices(), "p > 0.5");
      assertEquals(List.of("benign", "benign", "malignant"), m.predictClasses(x).names());
    }
    try (CompiledModel m = probabilities.compile(echo())) {   // no loss: the sigmoid says probabilities
      assertArrayEquals(new int[] {0, 0, 1}, m.predictClasses(x).indices());
    }
    try (CompiledModel m = Sequential.of(Input.shape(1), Dense.units(1)).withClassNames(names).compile(echo())) {
      var e = assertThrows(IllegalArgumentException.class, () -> m.predictClasses(x));
      assertTrue(e.getMessage().contains("logits or probabilities"), e.getMessage());
    }
  }

  @Test
  void aModelWithoutNamesCannotNameItsPredictions() {
    FakeBackend fake = echo();
    try (CompiledModel m = threeClasses().compile(fake, LOGITS)) {
      var e = assertThrows(IllegalStateException.class,
          () -> m.predictClasses(Dataset.featuresOnly(new float[3], Shape.of(3))));
      assertTrue(e.getMessage().contains("withClassNames"), e.getMessage());
      assertTrue(fake.onlyModel().calls("predict").isEmpty(), "refused before predicting");
    }
  }

  @Test
  void theNamesAreSavedInTheArchiveAndComeBackWithTheModel() {
    Path file = dir.resolve("iris.layerwise");
    try (CompiledModel m = threeClasses().withClassNames(IRIS).compile(echo(), LOGITS)) {
      m.save(file);
    }
    String index = new String(ZipEdit.entries(file).get("layerwise.json"), StandardCharsets.UTF_8);
    assertTrue(index.replaceAll("\\s", "").contains("\"class_names\":[\"setosa\",\"versicolor\",\"virginica\"]"),
        index);
    try (CompiledModel loaded = CompiledModel.load(file, echo())) {
      assertInstanceOf(Sequential.class, loaded.model());
      assertEquals(Optional.of(IRIS), loaded.model().classNames());
      assertEquals(List.of("virginica"),
          loaded.predictClasses(Dataset.featuresOnly(new float[] {0, 1, 2}, Shape.of(3))).names());
    }
    // A graph archive (format 2) carries them too.
    SymbolicTensor in = Input.shape(3).tensor();
    Path graph = dir.resolve("graph.layerwise");
    try (CompiledModel m = Model.of(in, Dense.units(3).apply(in)).withSeed(4).withClassNames(IRIS).compile(echo(),
        LOGITS)) {
      m.save(graph);
    }
    assertEquals(Optional.of(IRIS), ModelArchive.read(graph).model().classNames());
  }

  @Test
  void anArchiveWithoutNamesHasNoClassNamesEntryAndLoadsWithout() {
    Path file = dir.resolve("plain.layerwise");
    try (CompiledModel m = threeClasses().compile(echo(), LOGITS)) {
      m.save(file);
    }
    String index = new String(ZipEdit.entries(file).get("layerwise.json"), StandardCharsets.UTF_8);
    assertFalse(index.contains("class_names"), index);
    assertEquals(Optional.empty(), ModelArchive.read(file).model().classNames());
  }

  @Test
  void damagedNamesInAnArchiveAreRefusedNamingTheFile() {
    Path file = dir.resolve("iris.layerwise");
    try (CompiledModel m = threeClasses().withClassNames(IRIS).compile(echo(), LOGITS)) {
      m.save(file);
    }
    Path notStrings = edit(file, "\"versicolor\"", "7", "numbers.layerwise");
    var e = assertThrows(IllegalArgumentException.class, () -> ModelArchive.read(notStrings));
    assertTrue(e.getMessage().startsWith(notStrings.toString()) && e.getMessage().contains("class_names"),
        e.getMessage());
    Path twice = edit(file, "\"versicolor\"", "\"setosa\"", "twice.layerwise");
    var t = assertThrows(IllegalArgumentException.class, () -> ModelArchive.read(twice));
    assertTrue(t.getMessage().contains("'setosa' is given twice"), t.getMessage());
    Path tooFew = edit(file, "\"versicolor\",", "", "few.layerwise");
    var f = assertThrows(IllegalArgumentException.class, () -> ModelArchive.read(tooFew));
    assertTrue(f.getMessage().contains("expected 3 names"), f.getMessage());
  }

  private Path edit(Path file, String from, String to, String name) {
    return ZipEdit.replace(file, dir.resolve(name), "layerwise.json", new String(ZipEdit.entries(file)
        .get("layerwise.json"), StandardCharsets.UTF_8).replaceFirst(java.util.regex.Pattern.quote(from), to)
        .getBytes(StandardCharsets.UTF_8));
  }
}
