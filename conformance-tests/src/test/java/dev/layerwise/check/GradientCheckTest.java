package dev.layerwise.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Sequential;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.regularizers.Regularizer;
import dev.layerwise.testing.SyntheticData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link GradientCheck} passes on correct backward passes, on both backends, and fails — with the hint the
 * failure pattern calls for — on backends whose equations are deliberately wrong ({@link MiswiredBackend}).
 */
class GradientCheckTest {
  private static final Dataset DATA = SyntheticData.classification(16, 6, 3, 5);

  /** Dense–BN–ReLU–dropout–Dense with L2 on the first kernel and L1 on the last: every kind of row. */
  static Sequential model() {
    return Sequential.of(Input.shape(6),
        Dense.units(8).withKernelRegularizer(Regularizer.l2(0.01)),
        BatchNormalization.create(),
        dev.layerwise.layers.Activation.of(ActivationFn.TANH),
        Dropout.rate(0.25),
        Dense.units(3).withKernelRegularizer(Regularizer.l1(0.001))).withSeed(3);
  }

  private static Loss loss() {
    return Loss.sparseCategoricalCrossentropy().withFromLogits(true);
  }

  @Test
  void aCorrectModelPassesOnTheReferenceBackend() {
    GradientCheckReport report = GradientCheck.of(model(), loss()).data(DATA).run();
    assertTrue(report.passed(), report.toString());
    List<String> rows = report.checks().stream().map(c -> c.weight() + " " + c.objective()).toList();
    assertEquals(List.of("dense/kernel data loss", "dense/bias data loss", "batch_normalization/gamma data loss",
        "batch_normalization/beta data loss", "dense_1/kernel data loss", "dense_1/bias data loss",
        "dense/kernel regularization", "dense_1/kernel regularization"), rows);
    assertTrue(report.regularizationLoss() > 0, report.toString());
    assertEquals(List.of(), report.hints());
    assertEquals(1, report.notes().size(), report.toString());
    assertTrue(report.notes().get(0).startsWith("dense/bias: the data loss does not change with it"),
        report.toString());
    assertTrue(report.notes().get(0).contains("withUseBias(false)"), report.toString());
    assertTrue(report.toString().endsWith("8 passed, 0 failed, 0 inconclusive\n"), report.toString());
  }

  @Test
  void aTrainedCompiledModelPassesOnTensorFlowInFloat64() {
    try (CompiledModel m = model().compile(Backend.named("tensorflow"), Optimizer.adam(1e-2), loss(),
        Metric.ACCURACY)) {
      m.fit(DATA, 2, 8);
      GradientCheckReport report = GradientCheck.of(m).data(DATA).onBackend("tensorflow").run();
      assertTrue(report.passed(), report.toString());
      assertEquals("tensorflow", report.backend());
      assertEquals(8, report.checks().size());
    }
  }

  @Test
  void aKernelGradientTwiceTooLargeFailsThatLayerOnlyWithAFactorHint() {
    Backend wrong = MiswiredBackend.scaling("dense_1/kernel", 2, false);
    GradientCheckReport report = GradientCheck.of(model(), loss()).data(DATA).onBackend(wrong).run();
    assertFalse(report.passed());
    assertEquals(List.of("dense_1/kernel data loss", "dense_1/kernel regularization"),
        report.failures().stream().map(c -> c.weight() + " " + c.objective()).toList(), report.toString());
    assertHint(report, "dense_1/kernel: the backward pass is off by a constant factor, backward = 2 ×");
    assertHint(report, "Errors only in layer 'dense_1'");
    GradientCheckException e = assertThrows(GradientCheckException.class, report::orThrow);
    assertTrue(e.getMessage().contains("dense_1/kernel (data loss)"), e.getMessage());
  }

  @Test
  void biasGradientsAveragedInsteadOfSummedPointAtTheMissingSum() {
    Backend wrong = MiswiredBackend.scaling("/bias", 1.0 / 8, false);
    GradientCheckReport report = GradientCheck.of(model(), loss()).data(DATA).onBackend(wrong).run();
    // dense/bias feeds batch normalisation, so its true gradient is 0 and 0/8 is still right: only dense_1's fails.
    assertEquals(List.of("dense_1/bias"), report.failures().stream().map(ParameterCheck::weight).toList(),
        report.toString());
    assertHint(report, "dense_1/bias: the backward pass is off by a constant factor, backward = 1/8 ×");
    assertHint(report, "1/8 is one over the batch size");
    assertHint(report, "Only biases are wrong (dense_1/bias)");
  }

  @Test
  void aWrongPenaltyGradientIsReportedApartFromTheDataLoss() {
    Backend wrong = MiswiredBackend.scaling("dense/kernel", 1.5, true);
    GradientCheckReport report = GradientCheck.of(model(), loss()).data(DATA).onBackend(wrong).run();
    assertEquals(List.of("dense/kernel regularization"),
        report.failures().stream().map(c -> c.weight() + " " + c.objective()).toList(), report.toString());
    assertHint(report, "The penalty's gradient is wrong for dense/kernel while the data loss's gradients are right");
  }

  @Test
  void aWrongBatchNormEquationInTheReferenceBackendIsPinnedToGamma() {
    // dγ = Σ dy·x instead of Σ dy·x̂: a real wrong equation planted in the reference backend's textbook code
    try (var fault = dev.layerwise.reference.PlantedFault.plant(
        dev.layerwise.reference.PlantedFault.BATCHNORM_DGAMMA)) {
      GradientCheckReport report = GradientCheck.of(model(), loss()).data(DATA).run();
      assertEquals(List.of("batch_normalization/gamma"),
          report.failures().stream().map(ParameterCheck::weight).toList(), report.toString());
      assertHint(report, "Errors only in layer 'batch_normalization'");
    }
  }

  @Test
  void aReluGradientOnTheWrongSideFailsEveryLayerBelowIt() {
    Sequential relu = Sequential.of(Input.shape(6), Dense.units(8).withActivation(ActivationFn.RELU),
        Dense.units(8), dev.layerwise.layers.Activation.of(ActivationFn.RELU), Dense.units(3)).withSeed(2);
    try (var fault = dev.layerwise.reference.PlantedFault.plant(
        dev.layerwise.reference.PlantedFault.RELU_GRADIENT_WRONG_SIDE)) {
      GradientCheckReport report = GradientCheck.of(relu, loss()).data(DATA).run();
      assertEquals(List.of("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"),
          report.failures().stream().map(ParameterCheck::weight).toList(), report.toString());
      assertHint(report, "Errors start at layer 'dense_1'");
    }
  }

  @Test
  void fewerSamplesThanAskedUsesWhatThereIs() {
    GradientCheckReport report = GradientCheck.of(model(), loss()).data(DATA.take(3)).samples(50).run();
    assertEquals(3, report.samples());
    assertTrue(report.passed(), report.toString());
  }

  @Test
  void badInputIsAClearErrorBeforeAnythingIsComputed() {
    Sequential hardmax = Sequential.of(Input.shape(6), Dense.units(3), dev.layerwise.layers.Hardmax.create());
    assertMessage(() -> GradientCheck.of(hardmax, Loss.categoricalCrossentropy()).data(oneHot()).run(),
        "GradientCheck: Hardmax 'hardmax' is not differentiable");
    assertMessage(() -> GradientCheck.of(model(), loss()).run(), "GradientCheck: no data");
    // Layerwise has no empty datasets: the refusal comes when the check data is built.
    assertMessage(() -> GradientCheck.of(model(), loss()).data(
        Dataset.withClassLabels(new float[0], dev.layerwise.Shape.of(6), new int[0])).run(),
        "empty dataset (x has no samples); at least one sample is needed");
    assertMessage(() -> GradientCheck.of(model(), loss()).data(SyntheticData.classification(4, 5, 3, 1)).run(),
        "expects samples of shape [6] (6 features), got samples of shape [5]");
    assertMessage(() -> GradientCheck.of(model(), loss()).data(SyntheticData.classification(4, 6, 7, 1)).run(),
        "expects class labels in [0, 3)");
    assertMessage(() -> GradientCheck.of(model(), loss()).onBackend("cuda"),
        "unknown backend 'cuda'; backends on the class path: ");
    assertMessage(() -> GradientCheck.of(model(), loss()).samples(0), "GradientCheck: samples must be ≥ 1, got 0");
    assertMessage(() -> GradientCheck.of(model(), loss()).tolerance(0), "GradientCheck: tolerance must be in (0, 1)");
  }

  private static Dataset oneHot() {
    float[] y = new float[4 * 3];
    for (int i = 0; i < 4; i++) {
      y[i * 3 + i % 3] = 1;
    }
    return Dataset.of(new float[4 * 6], dev.layerwise.Shape.of(6), y, dev.layerwise.Shape.of(3));
  }

  private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
  }

  private static void assertHint(GradientCheckReport report, String start) {
    assertTrue(report.hints().stream().anyMatch(h -> h.startsWith(start) || h.contains(start)),
        "no hint like '" + start + "' in:\n" + report);
  }
}
