package dev.layerwise.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Model;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.examples.FashionMnistMlp;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Add;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.regularizers.Regularizer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on saved archives: exit statuses, the printed report, and its refusals. */
class LayerwiseCheckTest {
  @TempDir static Path dir;
  private static Path small;
  private static Path mlp;

  /** A small trained classifier with batch norm, dropout and L2, and the untrained Fashion-MNIST MLP. */
  @BeforeAll
  static void save() {
    Sequential model = Sequential.of(Input.shape(5), Dense.units(6).withKernelRegularizer(Regularizer.l2(1e-3))
        .withActivation(ActivationFn.TANH), BatchNormalization.create(), Dropout.rate(0.2), Dense.units(3))
        .withSeed(4);
    Dataset data = Dataset.withClassLabels(uniform(40 * 5), Shape.of(5), labels(40, 3));
    try (CompiledModel m = model.compile(Backend.named("tensorflow"), Optimizer.adam(1e-2),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      m.fit(data, 2, 8);
      small = dir.resolve("small.layerwise");
      m.save(small);
    }
    try (CompiledModel m = FashionMnistMlp.model(42).compile(Backend.named("reference"), Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      mlp = dir.resolve("mlp.layerwise");
      m.save(mlp);
    }
  }

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = LayerwiseCheck.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aSavedModelPassesOnRandomDataOnBothBackends() {
    Run ref = run("model", small.toString());
    assertEquals(0, ref.status(), ref.out() + ref.err());
    assertTrue(ref.out().contains("on reference (float64), 8 samples"), ref.out());
    assertTrue(ref.out().contains("dense/kernel") || ref.out().contains("regularization"), ref.out());
    assertTrue(ref.out().endsWith("7 passed, 0 failed, 0 inconclusive\n"), ref.out());
    Run tf = run("model", small.toString(), "--backend", "tensorflow", "--samples", "5", "--seed", "3");
    assertEquals(0, tf.status(), tf.out() + tf.err());
    assertTrue(tf.out().contains("on tensorflow (float64), 5 samples"), tf.out());
  }

  @Test
  void aFashionMnistModelIsCheckedOnFashionMnistImages() {
    Run r = run("model", mlp.toString(), "--data", "fashion-mnist", "--samples", "4");
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("Gradient check of 'fashion_mnist_mlp'"), r.out());
  }

  @Test
  void mistakesExitWithStatusTwoAndSayWhat() {
    assertRefused(run(), "usage:");
    assertRefused(run("chek"), "layerwise-check: unknown command 'chek'");
    assertRefused(run("model"), "layerwise-check model: missing FILE.layerwise");
    assertRefused(run("model", dir.resolve("nothing.layerwise").toString()), "model archive not found");
    assertRefused(run("model", small.toString(), "--backnd", "tensorflow"), "unknown option --backnd");
    assertRefused(run("model", small.toString(), "--backend", "cuda"), "unknown backend 'cuda'");
    assertRefused(run("model", small.toString(), "--samples", "many"), "--samples expects an integer, got 'many'");
    assertRefused(run("model", small.toString(), "--data", "mnist"), "--data: expected random or fashion-mnist");
    assertRefused(run("model", small.toString(), "--data", "fashion-mnist"),
        "the model's input [5] holds 5 values; a Fashion-MNIST image holds 784");
    assertEquals(2, run("report", "a", "b").status(), "the report takes one folder at most");
  }

  /** Out-of-range or non-numeric numbers: status 2 (1 would mean "a check failed"), the argument named once. */
  @Test
  void badNumbersExitWithStatusTwoNamingTheArgument() {
    String range = "layerwise-check model: --samples expects an integer from 1 to 10000 (the batch the gradients"
        + " are checked on), got ";
    for (String samples : new String[] {"-3", "0", "10001", "99999999999"}) {
      Run r = run("model", small.toString(), "--samples", samples);
      assertRefused(r, range + samples);
      assertEquals(range + samples + "\n", r.err(), "one line, no trace");
    }
    assertRefused(run("model", small.toString(), "--samples", "abc"),
        "layerwise-check model: --samples expects an integer, got 'abc'");
    assertRefused(run("model", small.toString(), "--samples", "1e3"), "--samples expects an integer, got '1e3'");
    assertRefused(run("model", small.toString(), "--seed", "x"), "layerwise-check model: --seed expects an integer,"
        + " got 'x'");
    assertRefused(run("model", small.toString(), "--seed", "99999999999999999999"),
        "--seed expects an integer, got '99999999999999999999'");

    // within the range, but too many values for the model's input: still status 2, not an overflow
    Path wide = dir.resolve("wide.layerwise");
    try (CompiledModel m = Sequential.of(Input.shape(500, 500), Flatten.create(), Dense.units(1)).withSeed(2)
        .compile(Backend.named("reference"), Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      m.save(wide);
    }
    assertRefused(run("model", wide.toString(), "--samples", "10000"), "layerwise-check model: --samples 10000: that"
        + " many inputs of shape [500, 500] are 2500000000 values, more than one Java array holds");

    // a graph archive with two inputs: the command cannot make its data, and says so
    Path graph = dir.resolve("graph.layerwise");
    SymbolicTensor a = Input.shape(2).withName("a").tensor();
    SymbolicTensor b = Input.shape(2).withName("b").tensor();
    Model pair = Model.of(List.of(a, b), List.of(Dense.units(1).apply(Add.create().apply(a, b)))).withName("pair")
        .withSeed(2);
    try (CompiledModel m = pair.compile(Backend.named("reference"), Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      m.save(graph);
    }
    assertRefused(run("model", graph.toString()), "layerwise-check model: model 'pair' has inputs [a, b] and outputs"
        + " [dense]; this command makes data for one input and one output");
  }

  private static void assertRefused(Run r, String message) {
    assertEquals(2, r.status(), r.out() + r.err());
    assertTrue(r.err().contains(message), "'" + message + "' missing from: " + r.err());
    assertFalse(r.err().matches("(?s).*\\b(\\w+): \\1: .*"), "a prefix said twice: " + r.err());
  }

  private static float[] uniform(int n) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(9);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return x;
  }

  private static int[] labels(int n, int classes) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % classes;
    }
    return y;
  }
}
