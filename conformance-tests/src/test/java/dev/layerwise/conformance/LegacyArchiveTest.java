package dev.layerwise.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.io.ArchiveContents;
import dev.layerwise.io.ModelArchive;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Adagrad;
import dev.layerwise.optimizers.Nadam;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.optimizers.Sgd;
import dev.layerwise.optimizers.UpdateFormula;
import dev.layerwise.spi.TensorValue;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Archives saved before the optimizers followed Keras 3 continue exactly with the rule they were trained with.
 * The files in {@code src/test/resources/legacy-archives} were written by the code of that time (commit b796b39,
 * on the reference backend): each optimizer whose arithmetic has changed since — SGD with momentum and with
 * Nesterov momentum under a rate drop, Adagrad with a large ε, Nadam — trained a 3→2 Dense one epoch on the data
 * below and was saved ({@code -epoch1}), then trained one more epoch and was saved again ({@code -epoch2}).
 * Loading the first and training one epoch must give the second, on both backends; training the same model from
 * scratch with Keras's formula, which the same optimizer now means by default, gives other numbers.
 */
class LegacyArchiveTest {
  private static final FitOptions ONE_EPOCH = FitOptions.builder().epochs(1).batchSize(4).seed(11).quiet().build();
  /** The reference backend replays the old arithmetic operation by operation. */
  private static final double REFERENCE_TOLERANCE = 0;
  /** TF computes in float32 from the archive's float64 weights. */
  private static final double TF_TOLERANCE = 1e-5;

  /** The data the archives were trained on: 8 samples, 3 features, 2 targets. */
  private static Dataset data() {
    float[] x = new float[8 * 3];
    float[] y = new float[8 * 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(1.7 * i + 0.3);
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) Math.cos(0.9 * i);
    }
    return Dataset.of(x, Shape.of(3), y, Shape.of(2));
  }

  private static Path archive(String name) {
    try {
      return Path.of(LegacyArchiveTest.class.getResource("/legacy-archives/" + name + ".layerwise").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Arguments> archives() {
    return Stream.of("nadam", "sgd-momentum", "sgd-nesterov", "adagrad").flatMap(name ->
        Stream.of("reference", "tensorflow").map(backend -> Arguments.of(name, backend)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("archives")
  void anOldArchiveContinuesExactlyWithTheRuleItWasTrainedWith(String name, String backend) {
    ArchiveContents after = ModelArchive.read(archive(name + "-epoch2"));
    double tolerance = backend.equals("reference") ? REFERENCE_TOLERANCE : TF_TOLERANCE;
    try (CompiledModel m = CompiledModel.load(archive(name + "-epoch1"), Backend.named(backend))) {
      assertEquals(UpdateFormula.TF_OP, formula(m.config().optimizer()), name + " loads with TF's rule");
      assertEquals(0.0, m.config().optimizer().weightDecay());
      m.fit(data(), ONE_EPOCH);
      assertEquals(after.state(), m.trainingState());
      assertClose(after.weights(), m.backendModel().weights(), tolerance, name + " weights");
      assertClose(after.slots(), m.backendModel().optimizerSlots(), tolerance, name + " slots");
    }
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("archives")
  void theOldRuleIsTfOpAndKerassFormulaGivesOtherNumbers(String name, String backend) {
    ArchiveContents after = ModelArchive.read(archive(name + "-epoch2"));
    Optimizer old = after.training().optimizer();
    Map<String, TensorValue> tfOp = twoEpochsFromScratch(name, old, backend);
    assertClose(after.weights(), tfOp, backend.equals("reference") ? REFERENCE_TOLERANCE : TF_TOLERANCE,
        name + ": the old code's run is the TF_OP formula's");
    Map<String, TensorValue> keras = twoEpochsFromScratch(name, withFormula(old, UpdateFormula.KERAS), backend);
    double difference = maxDifference(after.weights(), keras);
    assertTrue(difference > 1e-3, name + ": Keras's formula should train differently, max |Δw| = " + difference);
  }

  private static Map<String, TensorValue> twoEpochsFromScratch(String name, Optimizer optimizer, String backend) {
    Sequential model = Sequential.of(Input.shape(3), Dense.units(2)).withName(name).withSeed(7);
    try (CompiledModel m = model.compile(Backend.named(backend), optimizer, Loss.meanSquaredError())) {
      m.fit(data(), ONE_EPOCH);
      m.fit(data(), ONE_EPOCH);
      return m.backendModel().weights();
    }
  }

  private static UpdateFormula formula(Optimizer o) {
    if (o instanceof Sgd s) {
      return s.formula();
    }
    if (o instanceof Adagrad a) {
      return a.formula();
    }
    return ((Nadam) o).formula();
  }

  private static Optimizer withFormula(Optimizer o, UpdateFormula f) {
    if (o instanceof Sgd s) {
      return s.withFormula(f);
    }
    if (o instanceof Adagrad a) {
      return a.withFormula(f);
    }
    return ((Nadam) o).withFormula(f);
  }

  private static double maxDifference(Map<String, TensorValue> expected, Map<String, TensorValue> got) {
    assertEquals(expected.keySet(), got.keySet());
    double max = 0;
    for (var e : expected.entrySet()) {
      double[] a = e.getValue().data();
      double[] b = got.get(e.getKey()).data();
      for (int i = 0; i < a.length; i++) {
        max = Math.max(max, Math.abs(a[i] - b[i]));
      }
    }
    return max;
  }

  private static void assertClose(Map<String, TensorValue> expected, Map<String, TensorValue> got, double tolerance,
      String what) {
    double difference = maxDifference(expected, got);
    assertTrue(difference <= tolerance, what + ": max |Δ| = " + difference + " > " + tolerance);
  }
}
