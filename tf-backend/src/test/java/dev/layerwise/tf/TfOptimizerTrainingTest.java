package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.FitCallback;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.EpochLogs;
import dev.layerwise.Sequential;
import dev.layerwise.TrainingConfig;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.GradientClipping;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.optimizers.UpdateFormula;
import dev.layerwise.schedules.LearningRateSchedule;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.StepResult;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.testing.SyntheticData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Optimizers end to end: slot names and initial values as the api states them, training through
 * {@code CompiledModel.fit} with every optimizer, learning-rate schedules fed per step, the weight decay's and the
 * update rules' ordering in a real training step, and argument checks.
 */
class TfOptimizerTrainingTest {

  private record Named(String name, Optimizer optimizer) {}

  /** Every optimizer and variant, at rates that train the small classifier below. */
  private static List<Named> everyOptimizer() {
    return List.of(
        new Named("sgd", Optimizer.sgd(0.1)),
        new Named("momentum", Optimizer.sgd(0.05).withMomentum(0.9)),
        new Named("nesterov", Optimizer.sgd(0.05).withNesterov(0.9)),
        new Named("adagrad", Optimizer.adagrad(0.1)),
        new Named("rmsprop", Optimizer.rmsprop(0.01)),
        new Named("rmsprop_centered_momentum", Optimizer.rmsprop(0.005).withCentered(true).withMomentum(0.5)),
        new Named("adadelta", Optimizer.adadelta(1.0).withEpsilon(1e-6)),
        new Named("adam", Optimizer.adam(0.01)),
        new Named("adamax", Optimizer.adamax(0.02)),
        new Named("nadam", Optimizer.nadam(0.01)),
        new Named("adamw", Optimizer.adamW(0.01, 0.004)),
        new Named("adam_amsgrad", Optimizer.adam(0.01).withAmsgrad(true)),
        new Named("momentum_tf_op", Optimizer.sgd(0.05).withMomentum(0.9).withFormula(UpdateFormula.TF_OP)),
        new Named("adagrad_tf_op", Optimizer.adagrad(0.1).withFormula(UpdateFormula.TF_OP)),
        new Named("nadam_tf_op", Optimizer.nadam(0.01).withFormula(UpdateFormula.TF_OP)),
        new Named("nesterov_weight_decay", Optimizer.sgd(0.05).withNesterov(0.9).withWeightDecay(0.01)),
        new Named("momentum_global_norm_clip", Optimizer.sgd(0.05).withMomentum(0.9)
            .withClipping(GradientClipping.byGlobalNorm(0.2))),
        new Named("adam_norm_clip", Optimizer.adam(0.01).withClipping(GradientClipping.byNorm(0.05))),
        new Named("sgd_value_clip", Optimizer.sgd(0.1).withClipping(GradientClipping.byValue(0.02))));
  }

  @Test
  void slotsAreNamedPerWeightAndStartAtTheApisInitialValues() {
    record Expect(Optimizer optimizer, List<String> slots, List<Double> initial) {}
    List<Expect> cases = List.of(
        new Expect(Optimizer.sgd(0.1), List.of(), List.of()),
        new Expect(Optimizer.sgd(0.1).withMomentum(0.9), List.of("momentum"), List.of(0.0)),
        new Expect(Optimizer.sgd(0.1).withNesterov(0.9), List.of("momentum"), List.of(0.0)),
        new Expect(Optimizer.adagrad(0.1), List.of("accumulator"), List.of(0.1)),
        new Expect(Optimizer.adagrad(0.1).withInitialAccumulatorValue(0.01), List.of("accumulator"), List.of(0.01)),
        new Expect(Optimizer.rmsprop(0.1), List.of("rms", "momentum"), List.of(0.0, 0.0)),
        new Expect(Optimizer.rmsprop(0.1).withInitialMeanSquare(1).withCentered(true),
            List.of("rms", "momentum", "mg"), List.of(1.0, 0.0, 0.0)),
        new Expect(Optimizer.adadelta(1), List.of("accumulator", "delta_accumulator"), List.of(0.0, 0.0)),
        new Expect(Optimizer.adam(0.1), List.of("m", "v"), List.of(0.0, 0.0)),
        new Expect(Optimizer.adamax(0.1), List.of("m", "u"), List.of(0.0, 0.0)),
        new Expect(Optimizer.nadam(0.1), List.of("m", "v"), List.of(0.0, 0.0)),
        new Expect(Optimizer.adamW(0.1, 0.01), List.of("m", "v"), List.of(0.0, 0.0)));
    for (DType dtype : DType.values()) {
      for (Expect e : cases) {
        try (CompiledModel m = TfOptimizerHarness.compile(dtype, e.optimizer())) {
          Map<String, TensorValue> slots = m.backendModel().optimizerSlots();
          List<String> names = new ArrayList<>();
          for (String w : TfOptimizerHarness.WEIGHTS) {
            for (String s : e.slots()) {
              names.add(w + "/" + s);
            }
          }
          assertEquals(names, List.copyOf(slots.keySet()), e.optimizer().toString());
          for (String w : TfOptimizerHarness.WEIGHTS) {
            for (int k = 0; k < e.slots().size(); k++) {
              TensorValue v = slots.get(w + "/" + e.slots().get(k));
              assertEquals(m.weights().get(w).shape(), v.shape(), "slot shape");
              double expected = dtype == DType.FLOAT64 ? e.initial().get(k) : (float) (double) e.initial().get(k);
              for (double d : v.data()) {
                assertEquals(expected, d, 0.0, w + "/" + e.slots().get(k) + " of " + e.optimizer());
              }
            }
          }
        }
      }
    }
  }

  @Test
  void everyOptimizerTrainsASmallModelThroughFit() {
    Dataset data = SyntheticData.classification(128, 4, 3, 21);
    Sequential model = Sequential.of(Input.shape(4), Dense.units(8).withActivation(ActivationFn.TANH),
        Dense.units(3)).withSeed(13);
    for (Named n : everyOptimizer()) {
      try (CompiledModel m = model.compile(TfHarness.tf(), TrainingConfig.of(n.optimizer(),
          Loss.sparseCategoricalCrossentropy().withFromLogits(true)))) {
        double before = m.evaluate(data).loss();
        History h = m.fit(data, FitOptions.builder().epochs(10).batchSize(16).seed(2).quiet().build());
        double after = m.evaluate(data).loss();
        assertTrue(after < 0.8 * before, n.name() + ": loss " + before + " -> " + after);
        double[] epochLoss = h.get("loss");
        assertTrue(epochLoss[epochLoss.length - 1] < epochLoss[0], n.name() + ": training loss per epoch "
            + java.util.Arrays.toString(epochLoss));
        assertEquals(80, m.iterations());
      }
    }
  }

  /**
   * Exponential decay η_s = 0.2·0.5^s with SGD: each update's rate is the schedule's (recorded in the History),
   * and each update moves the weights by exactly that rate times the gradient at the weights before it.
   */
  @Test
  void aLearningRateScheduleSetsTheRateOfEveryUpdate() {
    Dataset data = SyntheticData.regression(8, 3, 2, 4);
    float[] x = new float[8 * 3];
    float[] y = new float[8 * 2];
    data.copyRange(0, 8, x, y);
    Batch batch = new Batch(x, y, 8);
    Sequential model = Sequential.of(Input.shape(3), Dense.units(4).withActivation(ActivationFn.TANH),
        Dense.units(2)).withSeed(6);
    LearningRateSchedule schedule = LearningRateSchedule.exponentialDecay(0.2, 1, 0.5);
    double[] rates = {0.2, 0.1, 0.05, 0.025};
    try (CompiledModel m = model.compile(TfHarness.tf(), TrainingConfig.of(Optimizer.sgd(schedule),
        Loss.meanSquaredError()).withDType(DType.FLOAT64))) {
      BackendModel b = m.backendModel();
      // Weights and gradients before every update (one batch per epoch, so epoch ends are update boundaries).
      List<Map<String, TensorValue>> weights = new ArrayList<>();
      List<Map<String, TensorValue>> grads = new ArrayList<>();
      Runnable record = () -> {
        weights.add(b.weights());
        grads.add(b.lossGradients(batch).weightGradients());
      };
      FitCallback probe = new FitCallback() {
        @Override
        public void onTrainBegin(int epochs, int stepsPerEpoch, int samples) {
          record.run();
        }

        @Override
        public void onEpochEnd(EpochLogs logs) {
          record.run();
        }
      };
      History h = m.fit(data, FitOptions.builder().epochs(4).batchSize(8).shuffle(false).quiet().callbacks(probe)
          .build());
      assertArrayEquals(rates, h.learningRates(), 1e-15);
      for (int t = 0; t < rates.length; t++) {
        for (String w : m.weightNames()) {
          double[] before = weights.get(t).get(w).data();
          double[] g = grads.get(t).get(w).data();
          double[] expected = new double[before.length];
          for (int i = 0; i < expected.length; i++) {
            expected[i] = before[i] - rates[t] * g[i];
          }
          TfOptimizerHarness.assertClose(expected, weights.get(t + 1).get(w).data(), DType.FLOAT64,
              w + " after update " + (t + 1) + " at rate " + rates[t]);
        }
      }
    }
  }

  /** An optimizer with a weight decay and its rule per element, for {@link #updatesComeAfterTheGradientsAndTheLoss}. */
  private record Decayed(String name, Optimizer optimizer, TfOptimizerHarness.Rule rule) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static List<Decayed> decayedRules() {
    double lr = 0.1;
    double decay = 0.5;
    return List.of(
        new Decayed("adamW", Optimizer.adamW(lr, decay),
            TfOptimizerRules.decayed(decay, TfOptimizerRules.adam(0.9, 0.999, 1e-7, false))),
        new Decayed("adam amsgrad", Optimizer.adam(lr).withAmsgrad(true).withWeightDecay(decay),
            TfOptimizerRules.decayed(decay, TfOptimizerRules.adam(0.9, 0.999, 1e-7, true))),
        new Decayed("keras momentum", Optimizer.sgd(lr).withMomentum(0.9).withWeightDecay(decay),
            TfOptimizerRules.decayed(decay, TfOptimizerRules.kerasMomentum(0.9, false))),
        new Decayed("keras nesterov", Optimizer.sgd(lr).withNesterov(0.9).withWeightDecay(decay),
            TfOptimizerRules.decayed(decay, TfOptimizerRules.kerasMomentum(0.9, true))),
        new Decayed("keras adagrad", Optimizer.adagrad(lr).withWeightDecay(decay),
            TfOptimizerRules.decayed(decay, TfOptimizerRules.kerasAdagrad(1e-7))),
        new Decayed("keras nadam", Optimizer.nadam(lr).withWeightDecay(decay),
            TfOptimizerRules.decayed(decay, TfOptimizerRules.kerasNadam(0.9, 0.999, 1e-7))));
  }

  /**
   * In a real training step (loss, gradients and updates in one run), every weight's decay and update must come
   * after every gradient and the reported loss have read the weights: in a 3-layer network the gradient of the
   * first layer reads the later layers' weights, so a decay or an update (a fused op, or the primitive ops Keras's
   * rules are built from) that ran early would change it. Four steps in float64: each step equals the rule applied
   * to the gradients and loss computed at the weights before it, with the slots carried from step to step.
   */
  @ParameterizedTest
  @MethodSource("decayedRules")
  void updatesComeAfterTheGradientsAndTheLoss(Decayed d) {
    Sequential model = Sequential.of(Input.shape(3), Dense.units(5).withActivation(ActivationFn.TANH),
        Dense.units(4).withActivation(ActivationFn.TANH), Dense.units(2)).withSeed(3);
    float[] x = TfHarness.floats(0.5, -1, 2, 1.5, 0.25, -0.75, -2, 1, 0.5);
    float[] y = TfHarness.floats(1, -1, 0.5, 2, -1.5, 0);
    Batch batch = new Batch(x, y, 3);
    double lr = 0.1;
    try (CompiledModel m = model.compile(TfHarness.tf(), TrainingConfig.of(d.optimizer(), Loss.meanSquaredError())
        .withDType(DType.FLOAT64))) {
      BackendModel b = m.backendModel();
      int slotCount = d.optimizer().slotNames().size();
      Map<String, double[][]> slots = new LinkedHashMap<>();
      for (String w : m.weightNames()) {
        double[][] s = new double[slotCount][m.weights().get(w).size()];
        for (int k = 0; k < slotCount; k++) {
          java.util.Arrays.fill(s[k], d.optimizer().slotInitialValue(d.optimizer().slotNames().get(k)));
        }
        slots.put(w, s);
      }
      for (long t = 1; t <= 4; t++) {
        Map<String, TensorValue> before = b.weights();
        Gradients g = b.lossGradients(batch);
        StepResult r = b.trainStep(batch, lr, t);
        assertEquals(g.loss(), r.loss(), 1e-13, "trainStep reports the loss before the update");
        TfOptimizerHarness.Ctx c = new TfOptimizerHarness.Ctx(DType.FLOAT64, lr, t);
        for (String w : m.weightNames()) {
          double[] w0 = before.get(w).data();
          double[] gw = g.weightGradients().get(w).data();
          double[][] s = slots.get(w);
          double[] expected = new double[w0.length];
          for (int i = 0; i < w0.length; i++) {
            double[] in = new double[slotCount];
            for (int k = 0; k < slotCount; k++) {
              in[k] = s[k][i];
            }
            double[] out = d.rule().step(c, w0[i], gw[i], in);
            expected[i] = out[0];
            for (int k = 0; k < slotCount; k++) {
              s[k][i] = out[k + 1];
            }
          }
          TfOptimizerHarness.assertClose(expected, b.weights().get(w).data(), DType.FLOAT64, w + " at t=" + t);
        }
      }
    }
  }

  @Test
  void stepArgumentsAreCheckedBeforeAnythingRuns() {
    try (CompiledModel m = TfOptimizerHarness.compile(DType.FLOAT32, Optimizer.adam(0.1))) {
      BackendModel b = m.backendModel();
      Map<String, TensorValue> w0 = b.weights();
      IllegalArgumentException step = assertThrows(IllegalArgumentException.class,
          () -> b.applyGradients(TfOptimizerHarness.Grads.G1.values(), 0.1, 0));
      assertTrue(step.getMessage().contains("applyGradients") && step.getMessage().contains("step")
          && step.getMessage().contains(">= 1") && step.getMessage().contains("got 0"), step.getMessage());
      IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
          () -> b.applyGradients(TfOptimizerHarness.Grads.G1.values(), Double.NaN, 1));
      assertTrue(rate.getMessage().contains("learningRate") && rate.getMessage().contains("non-negative")
          && rate.getMessage().contains("got NaN"), rate.getMessage());
      Batch batch = new Batch(new float[] {1, 2}, new float[] {0, 0}, 1);
      IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
          () -> b.trainStep(batch, -0.1, 1));
      assertTrue(negative.getMessage().contains("trainStep") && negative.getMessage().contains("got -0.1"),
          negative.getMessage());
      w0.forEach((k, v) -> assertArrayEquals(v.data(), b.weights().get(k).data(), 0.0, k + " changed"));
    }
  }
}
