package dev.layerwise.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import dev.layerwise.regularizers.Regularizer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The initial-loss check on healthy and broken set-ups, on the reference backend: standardised features, 10 classes,
 * Glorot-initialised nets pass near ln 10; N(0, 1) weights warn (their logits' spread explains the excess); labels in
 * the wrong encoding fail.
 */
class InitialLossTest {
  private static final Backend REF = Backend.named("reference");

  /** 500 samples of 20 standard-normal features; class labels 0–9 independent of them. */
  private static Dataset classes() {
    Random r = new Random(7);
    float[] x = gaussian(r, 500, 20);
    int[] y = new int[500];
    for (int i = 0; i < 500; i++) {
      y[i] = r.nextInt(10);
    }
    return Dataset.withClassLabels(x, Shape.of(20), y);
  }

  /** n rows of {@code width} standard-normal features. */
  private static float[] gaussian(Random r, int n, int width) {
    float[] x = new float[n * width];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  private static Sequential mlp(Initializer kernels) {
    return Sequential.of(Input.shape(20),
        Dense.units(64).withActivation(ActivationFn.RELU).withKernelInitializer(kernels)
            .withKernelRegularizer(Regularizer.l2(0.5)),
        Dense.units(10).withKernelInitializer(kernels)).withSeed(3);
  }

  @Test
  void aGlorotNetScoresNearLnCAndTheCheckLeavesThePenaltyOut() {
    try (CompiledModel m = mlp(Initializer.glorotUniform()).compile(REF, Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      Check c = InitialLoss.check(m, classes());
      assertEquals(Verdict.PASS, c.verdict(), c.toText());
      double loss = Double.parseDouble(c.measured().replaceAll("data loss ([0-9.]+) .*", "$1"));
      assertEquals(Math.log(10), loss, 0.15 * Math.log(10), c.measured());
      assertTrue(m.evaluate(classes()).loss() > loss + 1, "the L2 penalty (0.5·Σw²) is large and left out");
      assertEquals("ln 10 = 2.3026 plus the spread term, ± 15%", c.expected());
    }
  }

  @Test
  void unitNormalWeightsWarnBecauseTheLogitsAreSpread() {
    try (CompiledModel m = mlp(Initializer.randomNormal(1.0)).compile(REF, Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      Check c = InitialLoss.check(m, classes());
      assertEquals(Verdict.WARN, c.verdict(), c.toText());
      assertTrue(c.nextSteps().get(0).contains("Glorot"), c.toText());
    }
  }

  @Test
  void aModelThatAlreadyKnowsTheLabelsFailsBelow() {
    // labels that a linear model reads off the first two features, learned before the check
    float[] x = gaussian(new Random(1), 500, 20);
    int[] y = new int[500];
    for (int i = 0; i < 500; i++) {
      y[i] = (x[i * 20] > 0 ? 1 : 0) + (x[i * 20 + 1] > 0 ? 2 : 0);
    }
    Dataset learnable = Dataset.withClassLabels(x, Shape.of(20), y);
    try (CompiledModel m = mlp(Initializer.glorotUniform()).compile(REF, Optimizer.adam(1e-2),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      m.fit(learnable, dev.layerwise.FitOptions.builder().epochs(10).batchSize(50).quiet().build());
      Check c = InitialLoss.check(m, learnable);
      assertEquals(Verdict.FAIL, c.verdict(), c.toText());
      assertTrue(c.reading().startsWith("Below what a model that knows nothing scores"), c.toText());
    }
  }

  @Test
  void binaryCrossEntropyFromLogitsScoresNearLn2() {
    Random r = new Random(2);
    float[] x = gaussian(r, 300, 20);
    float[] y = new float[300];
    for (int i = 0; i < 300; i++) {
      y[i] = r.nextInt(4) == 0 ? 1 : 0;
    }
    Sequential model = Sequential.of(Input.shape(20), Dense.units(16).withActivation(ActivationFn.TANH),
        Dense.units(1)).withSeed(5);
    try (CompiledModel m = model.compile(REF, Optimizer.sgd(0.1), Loss.binaryCrossentropy().withFromLogits(true))) {
      Check c = InitialLoss.check(m, Dataset.of(x, Shape.of(20), y, Shape.of(1)));
      assertEquals(Verdict.PASS, c.verdict(), c.toText());
      assertTrue(c.expected().startsWith("ln 2 = 0.6931 plus the spread term"), c.expected());
    }
  }

  @Test
  void meanSquaredErrorExpectsTheTargetsMeanSquare() {
    Random r = new Random(3);
    float[] x = gaussian(r, 300, 20);
    float[] y = new float[300];
    for (int i = 0; i < 300; i++) {
      y[i] = (float) (3 + r.nextGaussian());
    }
    Dataset data = Dataset.of(x, Shape.of(20), y, Shape.of(1));
    Sequential small = Sequential.of(Input.shape(20), Dense.units(16).withActivation(ActivationFn.TANH),
        Dense.units(1).withKernelInitializer(Initializer.randomNormal(0.01))).withSeed(5);
    try (CompiledModel m = small.compile(REF, Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      Check c = InitialLoss.check(m, data);
      assertEquals(Verdict.PASS, c.verdict(), c.toText());
      double meanSquare = 0;
      for (float v : y) {
        meanSquare += v * v / 300.0;
      }
      assertTrue(c.expected().startsWith(String.format(java.util.Locale.ROOT, "E[y²] = %.4g ", meanSquare)),
          c.expected() + " against " + meanSquare);
      assertEquals(10, meanSquare, 1.0, "3² + 1 for targets N(3, 1)");
    }
    Sequential large = Sequential.of(Input.shape(20), Dense.units(16).withKernelInitializer(
        Initializer.randomNormal(2.0)), Dense.units(1).withKernelInitializer(Initializer.randomNormal(2.0)))
        .withSeed(5);
    try (CompiledModel m = large.compile(REF, Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      assertEquals(Verdict.WARN, InitialLoss.check(m, data).verdict());
    }
  }

  @Test
  void aLossWithoutADerivedExpectationIsRefusedNamingIt() {
    try (CompiledModel m = mlp(Initializer.glorotUniform()).compile(REF, Optimizer.adam(1e-3),
        Loss.huber())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> InitialLoss.check(m, classes()));
      assertTrue(e.getMessage().startsWith("InitialLoss: no expectation derived for"), e.getMessage());
    }
  }
}
