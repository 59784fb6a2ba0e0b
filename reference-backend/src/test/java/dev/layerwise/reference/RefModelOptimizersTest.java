package dev.layerwise.reference;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.GradientClipping;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.optimizers.UpdateFormula;
import dev.layerwise.regularizers.Regularizer;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every optimizer, and gradient clipping, through a whole {@link RefModel}. */
class RefModelOptimizersTest {

  /** Each optimizer record (and variant) with a learning rate that trains the small MLP below. */
  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of("sgd", Optimizer.sgd(0.1), 0.1),
        Arguments.of("sgd momentum", Optimizer.sgd(0.05).withMomentum(0.9), 0.05),
        Arguments.of("sgd nesterov", Optimizer.sgd(0.05).withNesterov(0.9), 0.05),
        Arguments.of("adagrad", Optimizer.adagrad(0.1), 0.1),
        Arguments.of("rmsprop", Optimizer.rmsprop(0.01), 0.01),
        Arguments.of("rmsprop centered, TF Java's ms₀ and ε", Optimizer.rmsprop(0.01).withCentered(true)
            .withMomentum(0.5).withInitialMeanSquare(1).withEpsilon(1e-10), 0.01),
        Arguments.of("adadelta", Optimizer.adadelta(1.0), 1.0),
        Arguments.of("adam", Optimizer.adam(0.01), 0.01),
        Arguments.of("adamax", Optimizer.adamax(0.02), 0.02),
        Arguments.of("nadam", Optimizer.nadam(0.01), 0.01),
        Arguments.of("adamW", Optimizer.adamW(0.01, 0.004), 0.01),
        Arguments.of("adam, AMSGrad", Optimizer.adam(0.01).withAmsgrad(true), 0.01),
        Arguments.of("adamW, AMSGrad", Optimizer.adamW(0.01, 0.004).withAmsgrad(true), 0.01),
        Arguments.of("sgd momentum, TF's ApplyMomentum", Optimizer.sgd(0.05).withMomentum(0.9)
            .withFormula(UpdateFormula.TF_OP), 0.05),
        Arguments.of("adagrad, TF's ApplyAdagradV2", Optimizer.adagrad(0.1).withFormula(UpdateFormula.TF_OP), 0.1),
        Arguments.of("nadam, TF's ApplyAdam with Nesterov", Optimizer.nadam(0.01).withFormula(UpdateFormula.TF_OP),
            0.01),
        Arguments.of("sgd nesterov, weight decay", Optimizer.sgd(0.05).withNesterov(0.9).withWeightDecay(0.01), 0.05),
        Arguments.of("rmsprop, weight decay", Optimizer.rmsprop(0.01).withWeightDecay(0.004), 0.01),
        Arguments.of("sgd, clipped by value", Optimizer.sgd(0.1).withClipping(GradientClipping.byValue(0.05)), 0.1),
        Arguments.of("adam, clipped by norm", Optimizer.adam(0.01).withClipping(GradientClipping.byNorm(0.1)), 0.01),
        Arguments.of("rmsprop, clipped by global norm",
            Optimizer.rmsprop(0.01).withClipping(GradientClipping.byGlobalNorm(0.1)), 0.01));
  }

  /** 3 → 4 (tanh) → 2, an L2 penalty on the first kernel so regularization gradients reach the clipping. */
  private static RefModel mlp(Optimizer optimizer) {
    return RefModels.compile(optimizer, Loss.meanSquaredError(), Input.shape(3),
        Dense.units(4).withActivation(ActivationFn.TANH).withKernelRegularizer(Regularizer.l2(0.01)),
        Dense.units(2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void slotsAreNamedAndInitialisedAsTheApiDeclares(String name, Optimizer optimizer, double lr) {
    try (RefModel model = mlp(optimizer)) {
      Map<String, TensorValue> slots = model.optimizerSlots();
      List<String> expected = new ArrayList<>();
      for (String weight : model.weights().keySet()) {
        optimizer.slotNames().forEach(slot -> expected.add(weight + "/" + slot));
      }
      assertEquals(expected, List.copyOf(slots.keySet()));
      slots.forEach((slotName, value) -> {
        double initial = optimizer.slotInitialValue(slotName.substring(slotName.lastIndexOf('/') + 1));
        for (double v : value.data()) {
          assertEquals(initial, v, slotName);
        }
      });
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void applyGradientsIsTrainStepsUpdate(String name, Optimizer optimizer, double lr) {
    Batch batch = RefModels.regressionBatch(8, 91);
    try (RefModel trained = mlp(optimizer); RefModel taught = mlp(optimizer)) {
      for (int t = 1; t <= 3; t++) {
        trained.trainStep(batch, lr, t);
        taught.applyGradients(taught.lossGradients(batch).weightGradients(), lr, t);
        assertEquals(trained.weights(), taught.weights(), "weights after step " + t);
        assertEquals(trained.optimizerSlots(), taught.optimizerSlots(), "slots after step " + t);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void trainingLowersTheLoss(String name, Optimizer optimizer, double lr) {
    Batch batch = RefModels.regressionBatch(16, 93);
    try (RefModel model = mlp(optimizer)) {
      double first = model.evaluate(batch).loss();
      for (int t = 1; t <= 300; t++) {
        model.trainStep(batch, lr, t);
      }
      double last = model.evaluate(batch).loss();
      assertTrue(last < 0.5 * first, name + ": loss went from " + first + " to " + last);
    }
  }

  @Test
  void trainStepClipsTheRegularizedGradientByItsGlobalNorm() {
    // G = √(Σ over every trainable gradient, penalty included, of g²); w ← w − η·g·c/G when G > c
    double c = 0.01;
    double lr = 0.5;
    Batch batch = RefModels.regressionBatch(8, 95);
    try (RefModel model = mlp(Optimizer.sgd(lr).withClipping(GradientClipping.byGlobalNorm(c)))) {
      Gradients g = model.lossGradients(batch);
      double squares = 0;
      for (TensorValue t : g.weightGradients().values()) {
        for (double v : t.data()) {
          squares += v * v;
        }
      }
      double norm = Math.sqrt(squares);
      assertTrue(norm > 10 * c, "the gradient is clipped, G = " + norm);
      Map<String, TensorValue> before = model.weights();
      model.trainStep(batch, lr, 1);
      before.forEach((name, w) -> {
        double[] dw = g.weightGradients().get(name).data();
        double[] expected = new double[w.size()];
        for (int i = 0; i < expected.length; i++) {
          expected[i] = w.data()[i] - lr * dw[i] * c / norm;
        }
        assertAllClose(name, expected, model.weights().get(name).data(), 1e-17, 1e-14);
      });
    }
  }

  @Test
  void applyGradientsClipsACopyOfTheGivenGradients() {
    Batch batch = RefModels.regressionBatch(8, 97);
    try (RefModel model = mlp(Optimizer.sgd(1).withClipping(GradientClipping.byValue(1e-3)))) {
      Map<String, TensorValue> given = model.lossGradients(batch).weightGradients();
      Map<String, TensorValue> copy = new LinkedHashMap<>();
      given.forEach((name, t) -> copy.put(name, t.copy()));
      Map<String, TensorValue> before = model.weights();
      model.applyGradients(given, 1, 1);
      assertEquals(copy, given, "the caller's gradients are not written");
      before.forEach((name, w) -> {
        double[] dw = copy.get(name).data();
        for (int i = 0; i < dw.length; i++) {
          double clipped = Math.min(Math.max(dw[i], -1e-3), 1e-3);
          assertEquals(w.data()[i] - clipped, model.weights().get(name).data()[i], 1e-16, name + "[" + i + "]");
        }
      });
    }
  }

  @Test
  void adagradStartsFromItsInitialAccumulator() {
    Batch batch = RefModels.regressionBatch(8, 99);
    try (RefModel keras = mlp(Optimizer.adagrad(0.1));
        RefModel custom = mlp(Optimizer.adagrad(0.1).withInitialAccumulatorValue(0.5))) {
      keras.optimizerSlots().values().forEach(s -> assertAllClose("a₀", filled(s.size(), 0.1), s.data(), 0, 0));
      Gradients g = custom.lossGradients(batch);
      custom.trainStep(batch, 0.1, 1);
      // a = a₀ + g²
      g.weightGradients().forEach((name, dw) -> {
        double[] expected = new double[dw.size()];
        for (int i = 0; i < expected.length; i++) {
          expected[i] = 0.5 + dw.data()[i] * dw.data()[i];
        }
        assertAllClose(name + "/accumulator", expected, custom.optimizerSlots().get(name + "/accumulator").data(),
            0, 1e-15);
      });
    }
  }

  @Test
  void rmspropStartsFromItsInitialMeanSquare() {
    try (RefModel model = mlp(Optimizer.rmsprop(0.01).withInitialMeanSquare(1).withCentered(true))) {
      model.optimizerSlots().forEach((name, s) -> assertAllClose(name, filled(s.size(), name.endsWith("/rms")
          ? 1 : 0), s.data(), 0, 0));
    }
  }

  private static double[] filled(int n, double value) {
    double[] d = new double[n];
    java.util.Arrays.fill(d, value);
    return d;
  }
}
