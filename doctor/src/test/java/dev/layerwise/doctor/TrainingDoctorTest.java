package dev.layerwise.doctor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.reference.PlantedFault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The doctor as one call, on the reference backend and learnable generated data (10 Gaussian clusters in 20
 * dimensions): a healthy MLP passes; each broken set-up is named by the check the course would name.
 */
@Isolated // plants a fault in the reference backend
class TrainingDoctorTest {
  @TempDir static Path dir;
  private static final Backend REF = Backend.named("reference");
  private static final DoctorOptions QUICK = DoctorOptions.defaults().withTrial(4, 800)
      .withTinySubset(new TinySubset.Options(64, 16, 300, 1));

  /** n samples of 10 classes: class c's centre is 3·e_c plus noise N(0, 1) in 20 dimensions. */
  static Dataset clusters(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n * 20];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(10);
      for (int j = 0; j < 20; j++) {
        x[i * 20 + j] = (float) (r.nextGaussian() + (j == y[i] ? 3 : 0));
      }
    }
    return Dataset.withClassLabels(x, Shape.of(20), y);
  }

  private static CompiledModel mlp(Optimizer optimizer, int hidden) {
    return Sequential.of(Input.shape(20), Dense.units(hidden).withActivation(ActivationFn.RELU), Dense.units(10))
        .withSeed(3).compile(REF, optimizer, Loss.sparseCategoricalCrossentropy().withFromLogits(true));
  }

  private static String failed(DoctorReport r) {
    return r.withVerdict(Verdict.FAIL).stream().map(Check::name).sorted().collect(Collectors.joining(", "));
  }

  @Test
  void aHealthyModelPassesAndIsLeftAsItWas() throws Exception {
    try (CompiledModel m = mlp(Optimizer.adam(1e-3), 64)) {
      var before = m.weights();
      DoctorReport r = TrainingDoctor.examine(m, clusters(1200, 1), clusters(300, 2), QUICK);
      assertEquals(Verdict.PASS, r.verdict(), r.toText());
      assertEquals(0, m.iterations(), "the user's model took no step");
      Path page = r.writeHtml(dir.resolve("healthy"));
      try (var files = Files.list(page.getParent())) {
        assertEquals(r.figures().size(), files.filter(f -> f.toString().endsWith(".png")).count(), "one PNG a figure");
      }
      assertTrue(r.figures().size() >= 5, "curves, rates, activations, gradients, updates: " + r.figures().size());
      for (var e : before.entrySet()) {
        assertArrayEquals(e.getValue().toDoubleArray(), m.weight(e.getKey()).toDoubleArray(), e.getKey());
      }
    }
  }

  @Test
  void aFlippedGradientSignFailsTheTinySubsetAndTheCurve() {
    try (CompiledModel m = mlp(Optimizer.adam(1e-3), 64);
        PlantedFault.Planting p = PlantedFault.plant(PlantedFault.LOSS_GRADIENT_SIGN_FLIPPED)) {
      DoctorReport r = TrainingDoctor.examine(m, clusters(1200, 1), clusters(300, 2), QUICK);
      assertTrue(r.check("overfit a tiny subset").verdict() == Verdict.FAIL, r.toText());
      assertEquals(Verdict.FAIL, r.check("training loss trend").verdict(), r.toText());
      assertEquals(Verdict.PASS, r.check("initial loss").verdict(), "the forward pass is right: " + r.toText());
    }
  }

  @Test
  void shuffledLabelsFailTheLearningSignal() {
    Dataset train = clusters(1200, 1);
    int[] labels = new int[train.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (int) train.label(0, i, 0);
    }
    Random r = new Random(9);
    for (int i = labels.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = labels[i];
      labels[i] = labels[j];
      labels[j] = t;
    }
    float[] x = new float[train.size() * 20];
    train.copyRange(0, train.size(), x, new float[train.size()]);
    Dataset shuffled = Dataset.withClassLabels(x, Shape.of(20), labels);
    try (CompiledModel m = mlp(Optimizer.adam(1e-3), 64)) {
      DoctorReport rep = TrainingDoctor.examine(m, shuffled, clusters(300, 2), QUICK);
      Check signal = rep.check("learning signal");
      assertEquals(Verdict.FAIL, signal.verdict(), rep.toText());
      assertTrue(signal.reading().contains("shuffled"), signal.reading());
    }
  }

  @Test
  void classSortedDataWithoutShufflingFailsTheClassOrder() {
    Dataset train = clusters(1200, 1);
    Integer[] order = new Integer[train.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Float.compare(train.label(0, a, 0), train.label(0, b, 0)));
    float[] x = new float[train.size() * 20];
    int[] y = new int[train.size()];
    for (int i = 0; i < order.length; i++) {
      for (int j = 0; j < 20; j++) {
        x[i * 20 + j] = train.feature(order[i], j);
      }
      y[i] = (int) train.label(0, order[i], 0);
    }
    Dataset sorted = Dataset.withClassLabels(x, Shape.of(20), y);
    try (CompiledModel m = mlp(Optimizer.adam(1e-3), 64)) {
      DoctorReport r = TrainingDoctor.examine(m, sorted, clusters(300, 2), QUICK.withShuffle(false));
      assertEquals(Verdict.FAIL, r.check("class order").verdict(), r.toText());
    }
  }

  @Test
  void aRateFarTooLowFailsTheTinySubsetAndTheLearningSignal() {
    try (CompiledModel m = mlp(Optimizer.adam(1e-7), 64)) {
      DoctorReport r = TrainingDoctor.examine(m, clusters(1200, 1), clusters(300, 2), QUICK);
      assertEquals(Verdict.FAIL, r.check("overfit a tiny subset").verdict(), r.toText());
      assertEquals(Verdict.FAIL, r.check("learning signal").verdict(), r.toText());
    }
  }

  @Test
  void allZeroKernelsFailTheScaleAndTheGradients() {
    try (CompiledModel m = Sequential.of(Input.shape(20), Dense.units(64).withActivation(ActivationFn.RELU)
            .withKernelInitializer(Initializer.zeros()), Dense.units(10).withKernelInitializer(Initializer.zeros()))
        .withSeed(3).compile(REF, Optimizer.adam(1e-3), Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      DoctorReport r = TrainingDoctor.examine(m, clusters(1200, 1), clusters(300, 2), QUICK);
      assertEquals(Verdict.FAIL, r.check("activation scale").verdict(), r.toText());
      assertEquals(Verdict.FAIL, r.check("zero gradients").verdict(), r.toText());
      assertEquals(Verdict.FAIL, r.check("overfit a tiny subset").verdict(), r.toText());
      // zeros and NaN ratios: the report still draws what can be drawn
      Path page = r.writeHtml(dir.resolve("zeros"));
      assertTrue(Files.exists(page), page.toString());
    }
  }

  @Test
  void aRateFarTooHighIsNamedByTheUpdateRatio() {
    try (CompiledModel m = mlp(Optimizer.adam(1.0), 64)) {
      DoctorReport r = TrainingDoctor.examine(m, clusters(1200, 1), clusters(300, 2), QUICK);
      Check u = r.check("update ratio");
      assertEquals(Verdict.FAIL, u.verdict(), r.toText());
      assertTrue(u.reading().contains("too high"), u.reading());
    }
  }

  @Test
  void aStrongPenaltyFailsItsShare() {
    try (CompiledModel m = Sequential.of(Input.shape(20), Dense.units(64).withActivation(ActivationFn.RELU)
            .withKernelRegularizer(dev.layerwise.regularizers.Regularizer.l2(0.5)), Dense.units(10)).withSeed(3)
        .compile(REF, Optimizer.adam(1e-3), Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      DoctorReport r = TrainingDoctor.examine(m, clusters(1200, 1), clusters(300, 2), QUICK.withTrial(0, 2));
      assertEquals(Verdict.FAIL, r.check("regularisation share").verdict(), r.toText());
    }
  }
}
