package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.BatchLogs;
import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.FitCallback;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Model;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.TrainingDivergedException;
import dev.layerwise.callbacks.LambdaCallback;
import dev.layerwise.callbacks.ReduceLROnPlateau;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Concatenate;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.GradientClipping;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.optimizers.UpdateFormula;
import dev.layerwise.regularizers.Regularizer;
import dev.layerwise.schedules.LearningRateSchedule;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.StepChunks;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several steps per {@code Session.run} ({@link FitOptions#stepsPerExecution()}) change nothing but the speed: with
 * one TF thread (the backend's default on this class of machine) a fit with K steps per call gives bit for bit the
 * weights, optimizer slots, moving statistics, per-step losses, learning rates and history of the same fit one step
 * per call, for models with dropout, batch normalisation, a penalty, a schedule and callbacks; a non-finite step in
 * the middle of a call is refused at the same step with the model as before it.
 */
class TfStepsPerExecutionTest {
  private static final Backend TF = Backend.named("tensorflow");

  /** 200 samples of 6 features, 3 classes: 12 full batches of 16 and a last one of 8. */
  private static Dataset classes(int n, int salt) {
    float[] x = new float[n * 6];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 6; j++) {
        x[i * 6 + j] = (float) Math.sin(0.37 * (i + salt) + 1.3 * j);
      }
      labels[i] = (int) Math.floorMod(Math.round(3 * (x[i * 6] + x[i * 6 + 1])), 3);
    }
    return Dataset.withClassLabels(x, Shape.of(6), labels);
  }

  private static Sequential mlp() {
    return Sequential.of(Input.shape(6),
        Dense.units(12).withUseBias(false).withKernelRegularizer(Regularizer.l2(1e-3)),
        BatchNormalization.create().withMomentum(0.9),
        dev.layerwise.layers.Activation.of(ActivationFn.RELU),
        Dropout.rate(0.3),
        Dense.units(3)).withSeed(11);
  }

  private static TrainingConfig config(DType dtype) {
    return TrainingConfig.of(Optimizer.adam(LearningRateSchedule.inverseTimeDecay(0.01, 0.05)),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY).withDType(dtype);
  }

  /** Records every step's logs, without needing every step: the loop may deliver them after a multi-step call. */
  private static final class StepLog implements FitCallback {
    final List<String> lines = new ArrayList<>();

    @Override
    public void onBatchBegin(int epoch, int step, int steps) {
      lines.add("begin " + epoch + "/" + step + "/" + steps);
    }

    @Override
    public void onBatchEnd(BatchLogs logs) {
      lines.add("end " + logs);
    }
  }

  private record Run(History history, List<String> steps, Map<String, TensorValue> weights,
      Map<String, TensorValue> slots, long iterations) {
    void assertSameAs(Run other) {
      assertEquals(other.steps, steps, "every step's logs");
      assertArrayEquals(other.history.learningRates(), history.learningRates(), "learning rates");
      assertEquals(other.history.toString(), history.toString(), "history");
      assertEquals(other.iterations, iterations, "updates");
      other.weights.forEach((k, v) -> assertArrayEquals(v.data(), weights.get(k).data(), k));
      other.slots.forEach((k, v) -> assertArrayEquals(v.data(), slots.get(k).data(), k));
    }
  }

  private static Run fit(Supplier<CompiledModel> compile, Dataset data, int stepsPerExecution, int epochs,
      FitOptions.Builder more) {
    StepLog log = new StepLog();
    try (CompiledModel m = compile.get()) {
      History h = m.fit(data, more.epochs(epochs).batchSize(16).quiet().stepsPerExecution(stepsPerExecution)
          .callbacks(log, ReduceLROnPlateau.builder().monitor("loss").patience(1).factor(0.5).build()).build());
      return new Run(h, log.lines, m.backendModel().weights(), m.backendModel().optimizerSlots(), m.iterations());
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void fourStepsPerCallGiveTheWeightsOfSingleSteps(DType dtype) {
    Dataset data = classes(200, 0);
    Supplier<CompiledModel> compile = () -> mlp().compile(TF, config(dtype));
    Run single = fit(compile, data, 1, 3, FitOptions.builder().validationSplit(0.2));
    Run four = fit(compile, data, 4, 3, FitOptions.builder().validationSplit(0.2));
    assertEquals(1, single.history().stepsPerExecution());
    assertEquals(4, four.history().stepsPerExecution());
    four.assertSameAs(single);
    assertTrue(single.steps().size() == 2 * 3 * 10, "160 samples: 10 steps an epoch, both hooks each: "
        + single.steps().size());
  }

  /**
   * Every optimizer family, in both formulas where there are two: Keras's composed rules read their slots with
   * separate ops, which must wait for the previous step's writes; weight decay and clipping change the order of
   * the update's ops.
   */
  static Stream<Optimizer> optimizers() {
    return Stream.of(
        Optimizer.sgd(0.05).withMomentum(0.9),
        Optimizer.sgd(0.05).withNesterov(0.9).withFormula(UpdateFormula.TF_OP),
        Optimizer.sgd(0.05).withMomentum(0.9).withWeightDecay(0.01).withClipping(GradientClipping.byNorm(0.5)),
        Optimizer.adagrad(0.05),
        Optimizer.rmsprop(0.01).withCentered(true).withMomentum(0.5),
        Optimizer.adadelta(1.0),
        Optimizer.adam(0.01).withAmsgrad(true).withClipping(GradientClipping.byValue(0.1)),
        Optimizer.adamW(0.01, 0.05).withClipping(GradientClipping.byGlobalNorm(1.0)),
        Optimizer.nadam(0.01),
        Optimizer.adamax(0.01));
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void everyOptimizerGivesTheWeightsOfSingleSteps(Optimizer optimizer) {
    Dataset data = classes(96, 5);
    TrainingConfig config = TrainingConfig.of(optimizer, Loss.sparseCategoricalCrossentropy().withFromLogits(true));
    assertStepsAlike(() -> mlp().compile(TF, config), data, 3);
  }

  /** Two epochs at K steps per call give what they give one step per call, and K was used. */
  private static void assertStepsAlike(Supplier<CompiledModel> compile, Dataset data, int k) {
    Run single = fit(compile, data, 1, 2, FitOptions.builder());
    Run chunked = fit(compile, data, k, 2, FitOptions.builder());
    assertEquals(k, chunked.history().stepsPerExecution());
    chunked.assertSameAs(single);
  }

  @Test
  void anUnevenKAndAChosenKGiveTheSameWeightsAsSingleSteps() {
    Dataset data = classes(200, 3);
    Supplier<CompiledModel> compile = () -> mlp().compile(TF, config(DType.FLOAT32));
    Run single = fit(compile, data, 1, 2, FitOptions.builder());
    Run five = fit(compile, data, 5, 2, FitOptions.builder());
    Run auto = fit(compile, data, FitOptions.AUTO, 2, FitOptions.builder());
    assertEquals(5, five.history().stepsPerExecution());
    assertEquals(1, auto.history().stepsPerExecution(), "24 steps do not pay for a K-step graph");
    five.assertSameAs(single);
    auto.assertSameAs(single);
  }

  @Test
  void twoInputsTwoOutputsAndSampleWeightsGiveTheSameWeights() {
    SymbolicTensor a = Input.shape(6).withName("a").tensor();
    SymbolicTensor b = Input.shape(2).withName("b").tensor();
    SymbolicTensor h = Dense.units(8).withActivation(ActivationFn.TANH).apply(Concatenate.create().apply(a, b));
    SymbolicTensor cls = Dense.units(3).withName("cls").apply(Dropout.rate(0.2).apply(h));
    SymbolicTensor reg = Dense.units(1).withName("reg").apply(h);
    Model model = Model.of(List.of(a, b), List.of(cls, reg)).withSeed(4);
    Dataset base = classes(120, 7);
    float[] xa = new float[120 * 6];
    float[] xb = new float[120 * 2];
    float[] target = new float[120];
    double[] weights = new double[120];
    int[] labels = new int[120];
    for (int i = 0; i < 120; i++) {
      for (int j = 0; j < 6; j++) {
        xa[i * 6 + j] = base.feature(i, j);
      }
      xb[i * 2] = (float) Math.cos(i);
      xb[i * 2 + 1] = i % 2;
      target[i] = xa[i * 6] - xb[i * 2];
      labels[i] = (int) base.label(i, 0);
      weights[i] = 0.5 + (i % 3);
    }
    Dataset data = Dataset.builder().features("a", xa, Shape.of(6)).features("b", xb, Shape.of(2))
        .classLabels("cls", labels).targets("reg", target, Shape.of(1)).build().withSampleWeights(weights);
    TrainingConfig config = TrainingConfig.of(Optimizer.rmsprop(0.005), Map.of("cls",
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), "reg", Loss.meanSquaredError()))
        .withLossWeight("reg", 0.5);
    assertStepsAlike(() -> model.compile(TF, config), data, 4);
  }

  @Test
  void aSecondFitOnOtherDataTrainsOnThatData() {
    Supplier<CompiledModel> compile = () -> mlp().compile(TF, config(DType.FLOAT32));
    List<Run> runs = new ArrayList<>();
    for (int k : new int[] {1, 4}) {
      try (CompiledModel m = compile.get()) {
        FitOptions options = FitOptions.builder().batchSize(16).quiet().stepsPerExecution(k).build();
        m.fit(classes(96, 0), options);
        History h = m.fit(classes(96, 50), options); // other arrays: the session must not keep the first
        runs.add(new Run(h, List.of(), m.backendModel().weights(), m.backendModel().optimizerSlots(),
            m.iterations()));
      }
    }
    runs.get(1).assertSameAs(runs.get(0));
  }

  @Test
  void aCallbackThatNeedsEveryStepRunsStepsAlone() {
    try (CompiledModel m = mlp().compile(TF, config(DType.FLOAT32))) {
      History h = m.fit(classes(64, 0), FitOptions.builder().batchSize(16).quiet().stepsPerExecution(4)
          .callbacks(LambdaCallback.builder().onBatchEnd(logs -> { }).build()).build());
      assertEquals(1, h.stepsPerExecution());
    }
  }

  @Test
  void stepsReplacedByALaterCallAreRefused() {
    Dataset data = classes(64, 0);
    try (CompiledModel m = mlp().compile(TF, config(DType.FLOAT32))) {
      BackendModel b = m.backendModel();
      StepChunks first = b.stepChunks(data, 16, 2).orElseThrow();
      b.stepChunks(data, 16, 2).orElseThrow();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> first.run(null, 0,
          new double[] {0.01, 0.01}, 1, List.of(Map.of("dropout", new float[16 * 12]), Map.of("dropout",
              new float[16 * 12]))));
      assertTrue(e.getMessage().contains("replaced by a later stepChunks call"), e.getMessage());
    }
  }

  @Test
  void aNonFiniteStepInsideACallIsRefusedAtThatStepWithTheModelAsBefore() {
    // after update 5 the rate overflows any weight: the refused update lies inside the second call of 4 (updates 5–8)
    Optimizer sgd = Optimizer.sgd(LearningRateSchedule.piecewiseConstant(new long[] {5}, new double[] {0.01, 1e38}));
    Sequential regression = Sequential.of(Input.shape(6), Dense.units(4), BatchNormalization.create(),
        Dense.units(1)).withSeed(2);
    Dataset base = classes(128, 1);
    float[] x = new float[128 * 6];
    float[] y = new float[128];
    for (int i = 0; i < 128; i++) {
      for (int j = 0; j < 6; j++) {
        x[i * 6 + j] = base.feature(i, j);
      }
      y[i] = 30 * base.label(i, 0) - 20;
    }
    Dataset data = Dataset.of(x, Shape.of(6), y, Shape.of(1));
    List<TrainingDivergedException> refused = new ArrayList<>();
    List<Map<String, TensorValue>> after = new ArrayList<>();
    List<Long> applied = new ArrayList<>();
    for (int k : new int[] {1, 4}) {
      try (CompiledModel m = regression.compile(TF, sgd, Loss.meanSquaredError())) {
        FitOptions options = FitOptions.builder().batchSize(16).quiet().shuffle(false).stepsPerExecution(k).build();
        refused.add(assertThrows(TrainingDivergedException.class, () -> m.fit(data, options)));
        applied.add(m.iterations());
        after.add(m.backendModel().weights());
      }
    }
    long step = refused.get(0).step();
    assertTrue(step > 5 && step <= 8, "refused inside the second call: update " + step);
    assertEquals(step, refused.get(1).step());
    assertEquals(List.of(step - 1, step - 1), applied, "every update before the refused one is applied");
    assertEquals(refused.get(0).reason(), refused.get(1).reason());
    after.get(0).forEach((k, v) -> assertArrayEquals(v.data(), after.get(1).get(k).data(), k));
  }
}
