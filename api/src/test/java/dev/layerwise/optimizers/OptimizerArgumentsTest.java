package dev.layerwise.optimizers;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.schedules.LearningRateSchedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad hyperparameters fail when the optimizer is built, with a message naming the optimizer, the argument, what it
 * must be and what it was: learning rates ≤ 0, SGD's momentum outside [0, 1] and ρ, β and RMSprop's momentum outside
 * [0, 1), ε ≤ 0, negative weight decay (on every optimizer) or initial accumulators, clipping thresholds ≤ 0.
 */
class OptimizerArgumentsTest {

  private static void assertRejected(Executable create, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, create);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
  }

  /** Every optimizer's factory, by the name its messages use. */
  private static Map<String, DoubleFunction<Optimizer>> factories() {
    Map<String, DoubleFunction<Optimizer>> f = new LinkedHashMap<>();
    f.put("SGD", Optimizer::sgd);
    f.put("Adagrad", Optimizer::adagrad);
    f.put("RMSprop", Optimizer::rmsprop);
    f.put("Adadelta", Optimizer::adadelta);
    f.put("Adam", Optimizer::adam);
    f.put("Adamax", Optimizer::adamax);
    f.put("Nadam", Optimizer::nadam);
    f.put("AdamW", rate -> Optimizer.adamW(rate, 0.004));
    return f;
  }

  /** The same optimizers, built with a good rate and then given a new one by {@code withLearningRate(double)}. */
  private static Map<String, DoubleFunction<Optimizer>> rateWithers() {
    Map<String, DoubleFunction<Optimizer>> f = new LinkedHashMap<>();
    f.put("SGD", rate -> Optimizer.sgd(0.1).withMomentum(0.9).withLearningRate(rate));
    f.put("Adagrad", rate -> Optimizer.adagrad(0.1).withLearningRate(rate));
    f.put("RMSprop", rate -> Optimizer.rmsprop(0.1).withLearningRate(rate));
    f.put("Adadelta", rate -> Optimizer.adadelta(0.1).withLearningRate(rate));
    f.put("Adam", rate -> Optimizer.adam(0.1).withLearningRate(rate));
    f.put("Adamax", rate -> Optimizer.adamax(0.1).withLearningRate(rate));
    f.put("Nadam", rate -> Optimizer.nadam(0.1).withLearningRate(rate));
    f.put("AdamW", rate -> Optimizer.adamW(0.1, 0.004).withLearningRate(rate));
    return f;
  }

  @Test
  void everyOptimizerRefusesALearningRateThatIsNotPositiveAndFinite() {
    for (Map<String, DoubleFunction<Optimizer>> ways : List.of(factories(), rateWithers())) {
      ways.forEach((name, make) -> {
        assertRejected(() -> make.apply(0), name + ": learningRate must be positive and finite, got 0.0");
        assertRejected(() -> make.apply(-0.01), name + ": learningRate", "got -0.01");
        assertRejected(() -> make.apply(Double.NaN), name + ": learningRate", "got NaN");
        assertRejected(() -> make.apply(Double.POSITIVE_INFINITY), name + ": learningRate", "got Infinity");
        assertDoesNotThrow(() -> make.apply(1e-9), name);
      });
    }
    assertEquals(8, factories().size(), "one factory per optimizer record");
  }

  @Test
  void aNullScheduleOrClippingIsNamed() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> Optimizer.adam(0.1).withLearningRate((LearningRateSchedule) null));
    assertEquals("Adam: learningRate", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> Optimizer.rmsprop(0.1).withClipping(null));
    assertEquals("RMSprop: clipping", e.getMessage());
  }

  @Test
  void sgdMomentumMustBeInTheClosedUnitIntervalAsInKeras() {
    // Keras's sgd_test: SGD(momentum=-1.0) and SGD(momentum=2.0) raise "`momentum` must be a float between [0, 1]"
    assertRejected(() -> Optimizer.sgd(0.1).withMomentum(-1.0), "SGD: momentum must be in [0, 1], got -1.0");
    assertRejected(() -> Optimizer.sgd(0.1).withMomentum(2.0), "SGD: momentum must be in [0, 1], got 2.0");
    assertRejected(() -> Optimizer.sgd(0.1).withMomentum(Double.NaN), "SGD: momentum", "got NaN");
    assertRejected(() -> Optimizer.sgd(0.1).withNesterov(1.5), "SGD: momentum", "[0, 1]", "got 1.5");
    assertDoesNotThrow(() -> Optimizer.sgd(0.1).withMomentum(0.99));
    assertDoesNotThrow(() -> Optimizer.sgd(0.1).withMomentum(1.0));
  }

  @Test
  void nesterovWithoutMomentumIsPlainSgdAsInKeras() {
    // Keras's golden SGD test runs SGD(nesterov=True) with the default momentum 0: plain descent, no slot.
    Sgd nesterov = Optimizer.sgd(0.1).withNesterov(0);
    assertTrue(nesterov.nesterov());
    assertEquals(List.of(), nesterov.slotNames());
    assertEquals(List.of(), Optimizer.sgd(0.1).withNesterov(0.9).withMomentum(0).slotNames());
  }

  @Test
  void rhoAndMomentumOfTheRmsFamilyMustBeInTheHalfOpenUnitInterval() {
    assertRejected(() -> Optimizer.rmsprop(0.1).withRho(1.0), "RMSprop: rho must be in [0, 1), got 1.0");
    assertRejected(() -> Optimizer.rmsprop(0.1).withRho(-0.5), "RMSprop: rho", "got -0.5");
    assertRejected(() -> Optimizer.rmsprop(0.1).withMomentum(1.0), "RMSprop: momentum must be in [0, 1), got 1.0");
    assertRejected(() -> Optimizer.rmsprop(0.1).withMomentum(-0.1), "RMSprop: momentum", "got -0.1");
    assertRejected(() -> Optimizer.adadelta(1.0).withRho(1.0), "Adadelta: rho must be in [0, 1), got 1.0");
    assertRejected(() -> Optimizer.adadelta(1.0).withRho(Double.NaN), "Adadelta: rho", "got NaN");
  }

  @Test
  void betasOfTheAdamFamilyMustBeInTheHalfOpenUnitInterval() {
    assertRejected(() -> Optimizer.adamax(0.1).withBeta1(1.0), "Adamax: beta1 must be in [0, 1), got 1.0");
    assertRejected(() -> Optimizer.adamax(0.1).withBeta2(1.2), "Adamax: beta2 must be in [0, 1), got 1.2");
    assertRejected(() -> Optimizer.adamax(0.1).withBeta1(-0.1), "Adamax: beta1", "got -0.1");
    assertRejected(() -> Optimizer.nadam(0.1).withBeta1(1.0), "Nadam: beta1 must be in [0, 1), got 1.0");
    assertRejected(() -> Optimizer.nadam(0.1).withBeta2(-0.001), "Nadam: beta2", "got -0.001");
    assertRejected(() -> Optimizer.adamW(0.1, 0.004).withBeta1(1.0), "AdamW: beta1 must be in [0, 1), got 1.0");
    assertRejected(() -> Optimizer.adamW(0.1, 0.004).withBeta2(Double.NaN), "AdamW: beta2", "got NaN");
    assertRejected(() -> Optimizer.adam(0.1).withBeta2(1.0), "Adam: beta2 must be in [0, 1), got 1.0");
  }

  @Test
  void epsilonMustBePositiveAndFiniteWhereverThereIsOne() {
    Map<String, DoubleFunction<Optimizer>> withEpsilon = new LinkedHashMap<>();
    withEpsilon.put("Adagrad", e -> Optimizer.adagrad(0.1).withEpsilon(e));
    withEpsilon.put("RMSprop", e -> Optimizer.rmsprop(0.1).withEpsilon(e));
    withEpsilon.put("Adadelta", e -> Optimizer.adadelta(0.1).withEpsilon(e));
    withEpsilon.put("Adam", e -> Optimizer.adam(0.1).withEpsilon(e));
    withEpsilon.put("Adamax", e -> Optimizer.adamax(0.1).withEpsilon(e));
    withEpsilon.put("Nadam", e -> Optimizer.nadam(0.1).withEpsilon(e));
    withEpsilon.put("AdamW", e -> Optimizer.adamW(0.1, 0.004).withEpsilon(e));
    withEpsilon.forEach((name, make) -> {
      assertRejected(() -> make.apply(0), name + ": epsilon must be positive and finite, got 0.0");
      assertRejected(() -> make.apply(-1e-7), name + ": epsilon", "got -1.0E-7");
      assertRejected(() -> make.apply(Double.NaN), name + ": epsilon", "got NaN");
      assertRejected(() -> make.apply(Double.POSITIVE_INFINITY), name + ": epsilon", "got Infinity");
      assertDoesNotThrow(() -> make.apply(1e-12), name);
    });
  }

  @Test
  void weightDecayMustBeNonNegativeAndFiniteOnEveryOptimizer() {
    factories().forEach((name, make) -> {
      Optimizer o = make.apply(0.1);
      assertRejected(() -> o.withWeightDecay(-0.01), name + ": weightDecay must be non-negative and finite",
          "got -0.01");
      assertRejected(() -> o.withWeightDecay(Double.NaN), name + ": weightDecay", "got NaN");
      assertRejected(() -> o.withWeightDecay(Double.POSITIVE_INFINITY), name + ": weightDecay", "got Infinity");
      assertEquals(0.004, o.withWeightDecay(0.004).weightDecay(), name);
      assertEquals(0.0, o.withWeightDecay(0).weightDecay(), name);
    });
    assertRejected(() -> Optimizer.adamW(0.1, -0.01), "AdamW: weightDecay must be non-negative and finite",
        "got -0.01");
  }

  @Test
  void initialAccumulatorsMustNotBeNegative() {
    assertRejected(() -> Optimizer.adagrad(0.1).withInitialAccumulatorValue(-0.1),
        "Adagrad: initialAccumulatorValue must be non-negative and finite", "got -0.1");
    assertRejected(() -> Optimizer.rmsprop(0.1).withInitialMeanSquare(-1),
        "RMSprop: initialMeanSquare must be non-negative and finite", "got -1.0");
    assertDoesNotThrow(() -> Optimizer.adagrad(0.1).withInitialAccumulatorValue(0));
  }

  @Test
  void aMissingFormulaIsNamed() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Optimizer.nadam(0.1).withFormula(null));
    assertEquals("Nadam: formula", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> Optimizer.sgd(0.1).withFormula(null));
    assertEquals("SGD: formula", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> Optimizer.adagrad(0.1).withFormula(null));
    assertEquals("Adagrad: formula", e.getMessage());
  }

  @Test
  void clippingThresholdsMustBePositiveAndFinite() {
    assertRejected(() -> GradientClipping.byValue(0), "gradient clipping (value)",
        "threshold must be positive and finite", "got 0.0");
    assertRejected(() -> GradientClipping.byNorm(-1), "gradient clipping (norm)", "threshold", "got -1.0");
    assertRejected(() -> GradientClipping.byGlobalNorm(Double.NaN), "gradient clipping (global_norm)", "threshold",
        "got NaN");
    assertRejected(() -> GradientClipping.byValue(Double.POSITIVE_INFINITY), "threshold", "got Infinity");
    assertThrows(NullPointerException.class, () -> new GradientClipping(null, 1.0));
    assertDoesNotThrow(() -> GradientClipping.byGlobalNorm(1e-3));
  }
}
