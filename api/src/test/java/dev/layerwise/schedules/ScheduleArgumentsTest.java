package dev.layerwise.schedules;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.schedules.CyclicalLearningRate.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad schedule arguments fail when the schedule is built, with a message naming the schedule, the argument, what
 * it must be and what it was.
 */
class ScheduleArgumentsTest {

  private static void assertRejected(Executable create, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, create);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
  }

  @Test
  void everyInitialRateMustBePositiveAndFinite() {
    assertRejected(() -> LearningRateSchedule.constant(0), "learningRate must be positive and finite", "got 0.0");
    assertRejected(() -> LearningRateSchedule.constant(-0.1), "learningRate", "got -0.1");
    assertRejected(() -> LearningRateSchedule.constant(Double.NaN), "learningRate", "got NaN");
    assertRejected(() -> LearningRateSchedule.constant(Double.POSITIVE_INFINITY), "learningRate", "got Infinity");
    assertRejected(() -> LearningRateSchedule.inverseTimeDecay(0, 0.1), "InverseTimeDecay",
        "initialLearningRate must be positive and finite", "got 0.0");
    assertRejected(() -> LearningRateSchedule.exponentialDecay(-1, 10, 0.5), "ExponentialDecay",
        "initialLearningRate", "got -1.0");
    assertRejected(() -> LearningRateSchedule.polynomialDecay(0, 10, 0, 1), "PolynomialDecay",
        "initialLearningRate", "got 0.0");
    assertRejected(() -> LearningRateSchedule.cosineDecay(Double.NaN, 10), "CosineDecay", "initialLearningRate",
        "got NaN");
    assertRejected(() -> LearningRateSchedule.cosineDecay(-0.1, 10), "CosineDecay",
        "initialLearningRate must be non-negative and finite", "got -0.1");
    assertRejected(() -> LearningRateSchedule.cosineDecayRestarts(0, 10), "CosineDecayRestarts",
        "initialLearningRate must be positive and finite", "got 0.0");
    assertRejected(() -> LearningRateSchedule.cyclical(0, 0.1, 10), "CyclicalLearningRate",
        "base must be positive and finite", "got 0.0");
    assertRejected(() -> LearningRateSchedule.piecewiseConstant(new long[] {10}, new double[] {0.1, 0}),
        "PiecewiseConstantDecay", "values[1] must be positive and finite", "got 0.0");
    assertRejected(() -> LearningRateSchedule.piecewiseConstant(new long[] {10}, new double[] {-1, 0.1}),
        "PiecewiseConstantDecay", "values[0]", "got -1.0");
  }

  @Test
  void decayStepsMustBePositive() {
    assertRejected(() -> LearningRateSchedule.exponentialDecay(0.1, 0, 0.5), "ExponentialDecay",
        "decaySteps must be a positive number of steps", "got 0");
    assertRejected(() -> LearningRateSchedule.exponentialDecay(0.1, -5, 0.5), "ExponentialDecay", "decaySteps",
        "got -5");
    assertRejected(() -> new InverseTimeDecay(0.1, 0, 0.5, false), "InverseTimeDecay", "decaySteps", "got 0");
    assertRejected(() -> LearningRateSchedule.polynomialDecay(0.1, 0, 0.01, 1), "PolynomialDecay", "decaySteps",
        "got 0");
    assertRejected(() -> LearningRateSchedule.cosineDecay(0.1, 0), "CosineDecay", "decaySteps", "got 0");
    assertRejected(() -> LearningRateSchedule.cosineDecay(0.1, -1), "CosineDecay", "decaySteps", "got -1");
    assertRejected(() -> LearningRateSchedule.cyclical(0.01, 0.1, 0), "CyclicalLearningRate",
        "stepSize must be a positive number of steps", "got 0");
  }

  @Test
  void decayRatesMustMakeSense() {
    assertRejected(() -> LearningRateSchedule.exponentialDecay(0.1, 10, 0), "ExponentialDecay",
        "decayRate must be positive and finite", "got 0.0");
    assertRejected(() -> LearningRateSchedule.exponentialDecay(0.1, 10, Double.NaN), "ExponentialDecay",
        "decayRate", "got NaN");
    assertRejected(() -> LearningRateSchedule.inverseTimeDecay(0.1, -0.01), "InverseTimeDecay",
        "decayRate must be non-negative", "got -0.01");
    assertRejected(() -> LearningRateSchedule.inverseTimeDecay(0.1, Double.NaN), "InverseTimeDecay", "decayRate",
        "got NaN");
    assertRejected(() -> LearningRateSchedule.inverseTimeDecay(0.1, Double.POSITIVE_INFINITY), "InverseTimeDecay",
        "decayRate", "got Infinity");
    assertRejected(() -> LearningRateSchedule.polynomialDecay(0.1, 10, 0.01, 0), "PolynomialDecay",
        "power must be positive and finite", "got 0.0");
  }

  @Test
  void aCosineDecayMayStartFromZeroAndWarmUpForLongerThanItDecaysAsInKeras() {
    // Keras's warm-up idiom, CosineDecay(0.0, decay_steps, warmup_target=peak, warmup_steps=W), with W > D
    assertDoesNotThrow(() -> LearningRateSchedule.cosineDecay(0, 1000).withWarmup(2000, 10));
    assertDoesNotThrow(() -> LearningRateSchedule.cosineDecay(0.01, 100).withWarmup(101, 0.1));
    assertDoesNotThrow(() -> LearningRateSchedule.cosineDecay(0, 10));
  }

  @Test
  void theWarmupNeedsANonNegativeLengthAndAPositiveTarget() {
    assertRejected(() -> LearningRateSchedule.cosineDecay(0.01, 100).withWarmup(-1, 0.1), "CosineDecay",
        "warmupSteps must be ≥ 0", "got -1");
    assertRejected(() -> LearningRateSchedule.cosineDecay(0.01, 100).withWarmup(10, 0), "CosineDecay",
        "warmupTarget must be positive and finite", "got 0.0");
    assertRejected(() -> LearningRateSchedule.cosineDecay(0.01, 100).withWarmup(10, Double.NaN), "CosineDecay",
        "needs a warmupTarget", "got none");
    assertRejected(() -> LearningRateSchedule.cosineDecay(0.01, 100).withWarmup(10, Double.POSITIVE_INFINITY),
        "CosineDecay", "warmupTarget must be positive and finite", "got Infinity");
  }

  @Test
  void cosineAlphaMustBeAFractionOfThePeak() {
    assertRejected(() -> LearningRateSchedule.cosineDecay(0.1, 10).withAlpha(1.5), "CosineDecay", "alpha",
        "[0, 1]", "got 1.5");
    assertRejected(() -> LearningRateSchedule.cosineDecay(0.1, 10).withAlpha(-0.1), "CosineDecay", "alpha",
        "got -0.1");
    assertRejected(() -> LearningRateSchedule.cosineDecay(0.1, 10).withAlpha(Double.NaN), "CosineDecay", "alpha",
        "got NaN");
    assertDoesNotThrow(() -> LearningRateSchedule.cosineDecay(0.1, 10).withAlpha(1));
  }

  @Test
  void piecewiseNeedsOneMoreValueThanBoundaries() {
    assertRejected(() -> LearningRateSchedule.piecewiseConstant(new long[] {10, 20}, new double[] {0.1, 0.01}),
        "PiecewiseConstantDecay", "one more value than boundaries", "got 2 boundaries and 2 values");
    assertRejected(() -> LearningRateSchedule.piecewiseConstant(new long[] {10}, new double[] {0.1, 0.01, 0.001}),
        "PiecewiseConstantDecay", "got 1 boundaries and 3 values");
    assertRejected(() -> LearningRateSchedule.piecewiseConstant(new long[0], new double[0]),
        "PiecewiseConstantDecay", "got 0 boundaries and 0 values");
  }

  @Test
  void piecewiseBoundariesMustBeNonNegativeAndStrictlyIncreasing() {
    assertRejected(() -> LearningRateSchedule.piecewiseConstant(new long[] {20, 10}, new double[] {1, 0.5, 0.1}),
        "PiecewiseConstantDecay", "strictly increasing", "got [20, 10]");
    assertRejected(() -> LearningRateSchedule.piecewiseConstant(new long[] {10, 10}, new double[] {1, 0.5, 0.1}),
        "PiecewiseConstantDecay", "strictly increasing", "got [10, 10]");
    assertRejected(() -> LearningRateSchedule.piecewiseConstant(new long[] {-1}, new double[] {1, 0.5}),
        "PiecewiseConstantDecay", "non-negative", "got [-1]");
  }

  @Test
  void polynomialEndRateMustNotExceedTheInitialOne() {
    assertRejected(() -> LearningRateSchedule.polynomialDecay(0.1, 100, 0.2, 1), "PolynomialDecay",
        "endLearningRate must be in [0, initialLearningRate = 0.1]", "got 0.2");
    assertRejected(() -> LearningRateSchedule.polynomialDecay(0.1, 100, -0.01, 1), "PolynomialDecay",
        "endLearningRate", "got -0.01");
    assertRejected(() -> LearningRateSchedule.polynomialDecay(0.1, 100, Double.NaN, 1), "PolynomialDecay",
        "endLearningRate", "got NaN");
    assertDoesNotThrow(() -> LearningRateSchedule.polynomialDecay(0.1, 100, 0.1, 1));
  }

  @Test
  void cyclicalMaxMustNotBeBelowBase() {
    assertRejected(() -> LearningRateSchedule.cyclical(0.1, 0.05, 10), "CyclicalLearningRate",
        "max must be finite and ≥ base = 0.1", "got 0.05");
    assertRejected(() -> LearningRateSchedule.cyclical(0.1, Double.POSITIVE_INFINITY, 10), "CyclicalLearningRate",
        "max", "got Infinity");
    assertRejected(() -> LearningRateSchedule.cyclical(0.1, Double.NaN, 10), "CyclicalLearningRate", "max",
        "got NaN");
  }

  @Test
  void cyclicalGammaMustBeInTheHalfOpenUnitInterval() {
    CyclicalLearningRate c = LearningRateSchedule.cyclical(0.01, 0.1, 10);
    assertRejected(() -> c.withExpRange(0), "CyclicalLearningRate", "gamma must be in (0, 1]", "got 0.0");
    assertRejected(() -> c.withExpRange(1.01), "CyclicalLearningRate", "gamma", "got 1.01");
    assertRejected(() -> c.withExpRange(-0.5), "CyclicalLearningRate", "gamma", "got -0.5");
    assertRejected(() -> c.withExpRange(Double.NaN), "CyclicalLearningRate", "gamma", "got NaN");
    assertRejected(() -> c.withExpRange(1), "CyclicalLearningRate", "EXP_RANGE needs gamma < 1");
    assertDoesNotThrow(() -> c.withExpRange(0.999));
    assertRejected(() -> new CyclicalLearningRate(0.01, 0.1, 10, null, 1), "CyclicalLearningRate", "mode");
    assertRejected(() -> new CyclicalLearningRate(0.01, 0.1, 10, Mode.TRIANGULAR, 0), "gamma", "got 0.0");
  }

  @Test
  void warmupStepsNeedATarget() {
    // Keras ignores warmup_steps when warmup_target is None; Layerwise refuses the pair instead of ignoring it
    assertRejected(() -> new CosineDecay(0.1, 100, 0, 50, Double.NaN), "CosineDecay",
        "a warm-up of 50 steps needs a warmupTarget", "got none");
  }

  @Test
  void cosineDecayRestartsNeedsPositivePeriodsAndMultipliers() {
    assertRejected(() -> LearningRateSchedule.cosineDecayRestarts(0.1, 0), "CosineDecayRestarts",
        "firstDecaySteps must be a positive number of steps", "got 0");
    assertRejected(() -> LearningRateSchedule.cosineDecayRestarts(0.1, -5), "CosineDecayRestarts",
        "firstDecaySteps", "got -5");
    assertRejected(() -> LearningRateSchedule.cosineDecayRestarts(0.1, 10).withTMul(0), "CosineDecayRestarts",
        "tMul", "must be finite and ≥ 1", "got 0.0");
    assertRejected(() -> LearningRateSchedule.cosineDecayRestarts(0.1, 10).withTMul(-2), "CosineDecayRestarts",
        "tMul", "got -2.0");
    assertRejected(() -> LearningRateSchedule.cosineDecayRestarts(0.1, 10).withTMul(0.5), "CosineDecayRestarts",
        "tMul", "≥ 1", "got 0.5");
    assertRejected(() -> LearningRateSchedule.cosineDecayRestarts(0.1, 10).withTMul(Double.NaN), "tMul", "got NaN");
    assertRejected(() -> LearningRateSchedule.cosineDecayRestarts(0.1, 10).withMMul(0), "CosineDecayRestarts",
        "mMul", "must be positive and finite", "got 0.0");
    assertRejected(() -> LearningRateSchedule.cosineDecayRestarts(0.1, 10).withMMul(-0.5), "mMul", "got -0.5");
    assertRejected(() -> LearningRateSchedule.cosineDecayRestarts(0.1, 10).withMMul(Double.POSITIVE_INFINITY),
        "mMul", "got Infinity");
    assertRejected(() -> LearningRateSchedule.cosineDecayRestarts(0.1, 10).withAlpha(1.5), "CosineDecayRestarts",
        "alpha", "[0, 1]", "got 1.5");
    assertDoesNotThrow(() -> LearningRateSchedule.cosineDecayRestarts(0.1, 10).withTMul(1).withMMul(2));
  }
}
