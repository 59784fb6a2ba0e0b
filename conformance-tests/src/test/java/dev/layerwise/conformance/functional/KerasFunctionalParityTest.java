package dev.layerwise.conformance.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Evaluation;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Model;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keras 3's own expectations for several outputs, carried over: each output's loss is reduced on its own, weighted
 * and summed, and reported unweighted under {@code <output>_loss}. From keras/src/trainers/trainer_test.py
 * ({@code test_loss_weights}) and keras/src/trainers/compile_utils_test.py ({@code TestCompileLoss}); Keras checks
 * them to an absolute 1e-3 and 1e-5, and so does this test.
 */
class KerasFunctionalParityTest {
  private static final double TRAINER_ATOL = 1e-3;
  private static final double COMPILE_ATOL = 1e-5;

  /** Keras's test models: Dense(3) without bias, kernel all ones, on 4 features. */
  private static Dense ones(String name) {
    return Dense.units(3).withUseBias(false).withKernelInitializer(Initializer.ones()).withName(name);
  }

  private static float[] filled(int n, float value) {
    float[] f = new float[n];
    java.util.Arrays.fill(f, value);
    return f;
  }

  /** Inputs {@code a} and {@code b} of the given width that are also the outputs: Keras's tests feed y_pred. */
  private static Model identity(int width) {
    SymbolicTensor a = Input.shape(width).withName("a").tensor();
    SymbolicTensor b = Input.shape(width).withName("b").tensor();
    return Model.of(List.of(a, b), List.of(a, b)).withSeed(1);
  }

  /** Predictions (as features) and targets of the outputs a and b of {@link #identity}. */
  private static Dataset predictedAndTrue(int width, float[] aPredicted, float[] bPredicted, float[] aTrue,
      float[] bTrue) {
    return Dataset.builder().features("a", aPredicted, Shape.of(width)).features("b", bPredicted, Shape.of(width))
        .targets("a", aTrue, Shape.of(width)).targets("b", bTrue, Shape.of(width)).build();
  }

  /** 40 samples of ones, targets zeros, batch 20, 3 epochs of SGD at Keras's default rate 0.01. */
  private static History fit(Model model, TrainingConfig config, Dataset data, String backend) {
    try (CompiledModel m = model.withSeed(1).compile(Backend.named(backend), config)) {
      return m.fit(data, FitOptions.builder().epochs(3).batchSize(20).quiet().build());
    }
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void aSingleOutputsLossWeightScalesItsLoss(String backend) {
    // trainer_test: ExampleModel(units=3), loss_weights=0.2 → history loss [3.182979, 3.115617, 3.049681]
    SymbolicTensor x = Input.shape(4).tensor();
    Model model = Model.of(x, ones("y").apply(x));
    TrainingConfig config = TrainingConfig.of(Optimizer.sgd(0.01), Loss.meanSquaredError()).withLossWeight("y", 0.2);
    Dataset data = Dataset.of(filled(40 * 4, 1), Shape.of(4), filled(40 * 3, 0), Shape.of(3));
    History h = fit(model, config, data, backend);
    assertArrayEquals(new double[] {3.182979, 3.115617, 3.049681}, h.get("loss"), TRAINER_ATOL);
    assertEquals(List.of("loss", "learning_rate"), List.copyOf(h.keys()), "one output keeps the plain keys");
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void twoOutputsWeightedByName(String backend) {
    // trainer_test: StructModel(units=3), inputs x_one/x_two, outputs y_one/y_two, loss_weights {y_one: 0.1,
    // y_two: 0.2} → history loss [4.778718, 4.694403, 4.611693]
    SymbolicTensor one = Input.shape(4).withName("x_one").tensor();
    SymbolicTensor two = Input.shape(4).withName("x_two").tensor();
    Model model = Model.of(List.of(one, two), List.of(ones("y_one").apply(one), ones("y_two").apply(two)));
    TrainingConfig config = TrainingConfig.of(Optimizer.sgd(0.01), Map.of("y_one", Loss.meanSquaredError(),
        "y_two", Loss.meanSquaredError())).withLossWeight("y_one", 0.1).withLossWeight("y_two", 0.2);
    Dataset data = Dataset.builder().features("x_one", filled(160, 1), Shape.of(4))
        .features("x_two", filled(160, 1), Shape.of(4)).targets("y_one", filled(120, 0), Shape.of(3))
        .targets("y_two", filled(120, 0), Shape.of(3)).build();
    History h = fit(model, config, data, backend);
    assertArrayEquals(new double[] {4.778718, 4.694403, 4.611693}, h.get("loss"), TRAINER_ATOL);
    // each output's own loss, unweighted: 16 before the first update for both
    double[] first = h.get("y_one_loss");
    assertEquals(h.get("loss")[0], 0.1 * first[0] + 0.2 * h.get("y_two_loss")[0], 1e-6);
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void theSumOfTwoOutputsLosses(String backend) {
    // compile_utils_test TestCompileLoss.test_list_output_case: mse over two (3, 2) outputs sums to 0.953333
    Dataset data = predictedAndTrue(2, new float[] {1.2f, 1.1f, 1.0f, 0.9f, 0.8f, 0.7f},
        new float[] {0.6f, 0.5f, 0.4f, 0.3f, 0.2f, 0.1f}, new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f},
        new float[] {0.7f, 0.8f, 0.9f, 1.0f, 1.1f, 1.2f});
    try (CompiledModel m = identity(2).compile(Backend.named(backend), Optimizer.sgd(0.01),
        Loss.meanSquaredError())) {
      Evaluation e = m.evaluate(data, 3);
      assertEquals(0.953333, e.loss(), COMPILE_ATOL);
    }
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void aZeroWeightDropsALossFromTheObjectiveButNotFromTheReport(String backend) {
    // compile_utils_test test_struct_loss_valid_weights: y_true [1, 2], y_pred [3, 4] for a and b, weights a: 1,
    // b: 0 → loss 4, and "metrics still report unweighted loss": a_loss 4, b_loss 4
    TrainingConfig config = TrainingConfig.of(Optimizer.sgd(0.01), Loss.meanSquaredError()).withLossWeight("a", 1)
        .withLossWeight("b", 0);
    Dataset data = predictedAndTrue(1, new float[] {3, 4}, new float[] {3, 4}, new float[] {1, 2},
        new float[] {1, 2});
    try (CompiledModel m = identity(1).compile(Backend.named(backend), config)) {
      Evaluation e = m.evaluate(data);
      assertEquals(4, e.loss(), COMPILE_ATOL);
      assertEquals(4, e.get("a_loss"), COMPILE_ATOL);
      assertEquals(4, e.get("b_loss"), COMPILE_ATOL);
    }
  }
}
