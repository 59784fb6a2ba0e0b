package dev.layerwise.schedules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.layerwise.schedules.CyclicalLearningRate.Mode;
import org.junit.jupiter.api.Test;

/**
 * Every schedule at chosen steps, against numbers worked out by hand from the formula in its javadoc (the
 * arithmetic is in the comments), never against another call of the code under test. {@code at(s)} is the rate
 * after s updates, i.e. the rate of update s + 1.
 */
class LearningRateScheduleTest {
  private static final double TIGHT = 1e-15;

  private static void assertRates(LearningRateSchedule schedule, long[] steps, double[] expected) {
    for (int i = 0; i < steps.length; i++) {
      assertEquals(expected[i], schedule.at(steps[i]), 1e-12 * Math.max(1, Math.abs(expected[i])),
          schedule + " at step " + steps[i]);
    }
  }

  private static long[] steps(long... s) {
    return s;
  }

  private static double[] rates(double... r) {
    return r;
  }

  // ---------------------------------------------------------------- constant

  @Test
  void aConstantRateIsTheSameAtEveryStep() {
    ConstantLearningRate c = LearningRateSchedule.constant(0.05);
    assertRates(c, steps(0, 1, 7, 1_000_000_000L), rates(0.05, 0.05, 0.05, 0.05));
    assertEquals(0.05, c.initial());
    assertEquals(new ConstantLearningRate(0.05), c);
  }

  // ---------------------------------------------------------------- inverse-time decay

  @Test
  void theNotesInverseTimeDecayIsEtaZeroOverOnePlusDecayTimesT() {
    // η_s = 0.1 / (1 + 0.01·s)
    InverseTimeDecay d = LearningRateSchedule.inverseTimeDecay(0.1, 0.01);
    assertEquals(new InverseTimeDecay(0.1, 1, 0.01, false), d);
    assertRates(d, steps(0, 1, 100, 300, 900),
        rates(0.1, 0.1 / 1.01, 0.1 / 2, 0.1 / 4, 0.1 / 10));   // 0.1, 0.0990099…, 0.05, 0.025, 0.01
  }

  @Test
  void inverseTimeDecayOverLongerPeriodsAndWithStaircase() {
    // η_s = 0.1 / (1 + 0.5·s/10)
    InverseTimeDecay smooth = new InverseTimeDecay(0.1, 10, 0.5, false);
    assertRates(smooth, steps(0, 5, 10, 20, 30), rates(0.1, 0.08, 0.1 / 1.5, 0.05, 0.04));
    // staircase: s/10 floored, so the rate only changes at multiples of 10
    InverseTimeDecay stairs = smooth.withStaircase(true);
    assertRates(stairs, steps(0, 5, 9, 10, 19, 20, 29), rates(0.1, 0.1, 0.1, 0.1 / 1.5, 0.1 / 1.5, 0.05, 0.05));
  }

  @Test
  void inverseTimeDecayWithRateZeroIsConstant() {
    assertRates(LearningRateSchedule.inverseTimeDecay(0.3, 0), steps(0, 10, 1000), rates(0.3, 0.3, 0.3));
  }

  // ---------------------------------------------------------------- exponential decay

  @Test
  void exponentialDecayHalvesEveryDecayStepsSmoothly() {
    // η_s = 0.1 · 0.5^(s/10)
    ExponentialDecay d = LearningRateSchedule.exponentialDecay(0.1, 10, 0.5);
    assertRates(d, steps(0, 5, 10, 15, 20, 25),
        rates(0.1, 0.1 / Math.sqrt(2), 0.05, 0.05 / Math.sqrt(2), 0.025, 0.025 / Math.sqrt(2)));
    assertEquals(0.0707106781186547, d.at(5), 1e-15);              // 0.1/√2
    assertEquals(0.1 * 0.5 / Math.pow(2, 0.1), d.at(11), 1e-15);   // 0.1 · 0.5^1.1
  }

  @Test
  void staircaseExponentialDecayDropsOnlyAtMultiplesOfTheDecaySteps() {
    // η_s = 0.1 · 0.5^⌊s/10⌋: step decay by a factor
    ExponentialDecay d = LearningRateSchedule.exponentialDecay(0.1, 10, 0.5).withStaircase(true);
    assertRates(d, steps(0, 1, 9, 10, 11, 19, 20, 35), rates(0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.0125));
  }

  // ---------------------------------------------------------------- piecewise constant

  @Test
  void piecewiseConstantGivesAValueAtExactlyABoundaryToTheEarlierPiece() {
    // 1.0 for s ≤ 100, 0.5 for 100 < s ≤ 200, 0.1 after
    PiecewiseConstantDecay d = LearningRateSchedule.piecewiseConstant(new long[] {100, 200},
        new double[] {1.0, 0.5, 0.1});
    assertRates(d, steps(0, 99, 100, 101, 150, 200, 201, 1_000_000),
        rates(1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.1, 0.1));
  }

  @Test
  void aBoundaryAtZeroGivesTheFirstValueToTheFirstUpdateOnly() {
    PiecewiseConstantDecay d = LearningRateSchedule.piecewiseConstant(new long[] {0}, new double[] {0.2, 0.02});
    assertRates(d, steps(0, 1, 2), rates(0.2, 0.02, 0.02));
  }

  @Test
  void piecewiseConstantWithoutBoundariesIsConstant() {
    PiecewiseConstantDecay d = LearningRateSchedule.piecewiseConstant(new long[0], new double[] {0.3});
    assertRates(d, steps(0, 5, 1000), rates(0.3, 0.3, 0.3));
  }

  @Test
  void piecewiseConstantCopiesItsArraysInAndOut() {
    long[] boundaries = {10};
    double[] values = {1.0, 0.5};
    PiecewiseConstantDecay d = LearningRateSchedule.piecewiseConstant(boundaries, values);
    boundaries[0] = 1;
    values[1] = 7;
    assertEquals(1.0, d.at(5), "changing the caller's array must not change the schedule");
    assertEquals(0.5, d.at(11));
    d.boundaries()[0] = 3;
    d.values()[0] = 9;
    assertArrayEquals(new long[] {10}, d.boundaries());
    assertArrayEquals(new double[] {1.0, 0.5}, d.values());
    assertEquals(new PiecewiseConstantDecay(new long[] {10}, new double[] {1.0, 0.5}), d, "equal by content");
    assertEquals(new PiecewiseConstantDecay(new long[] {10}, new double[] {1.0, 0.5}).hashCode(), d.hashCode());
    assertNotEquals(new PiecewiseConstantDecay(new long[] {11}, new double[] {1.0, 0.5}), d);
    assertEquals("PiecewiseConstantDecay[boundaries=[10], values=[1.0, 0.5]]", d.toString());
  }

  // ---------------------------------------------------------------- polynomial decay

  @Test
  void linearPolynomialDecayRampsDownToTheEndRateAndStays() {
    // (0.1 − 0.01)(1 − min(s, 100)/100)¹ + 0.01
    PolynomialDecay d = LearningRateSchedule.polynomialDecay(0.1, 100, 0.01, 1);
    assertRates(d, steps(0, 25, 50, 100, 150, 10_000), rates(0.1, 0.0775, 0.055, 0.01, 0.01, 0.01));
  }

  @Test
  void polynomialDecayWithPowersOtherThanOne() {
    // power 2: 0.09·(1 − s/100)² + 0.01; power ½: 0.09·√(1 − s/100) + 0.01
    assertRates(LearningRateSchedule.polynomialDecay(0.1, 100, 0.01, 2), steps(0, 50, 90, 100),
        rates(0.1, 0.0325, 0.0109, 0.01));
    assertRates(LearningRateSchedule.polynomialDecay(0.1, 100, 0.01, 0.5), steps(0, 75, 100),
        rates(0.1, 0.055, 0.01));
    // to zero
    assertRates(LearningRateSchedule.polynomialDecay(0.2, 10, 0, 1), steps(0, 5, 10, 11), rates(0.2, 0.1, 0, 0));
  }

  @Test
  void polynomialDecayWithCycleStretchesThePeriodToTheNextMultiple() {
    // D' = 100·max(1, ⌈s/100⌉); η = 0.09·(1 − s/D') + 0.01
    PolynomialDecay d = LearningRateSchedule.polynomialDecay(0.1, 100, 0.01, 1).withCycle(true);
    assertRates(d, steps(0, 50, 100, 101, 150, 200, 201, 300),
        rates(
            0.1,                      // D' = 100 (step 0 counts as the first period)
            0.055,                    // D' = 100
            0.01,                     // D' = 100: the end of the first period
            0.09 * 99 / 200 + 0.01,   // D' = 200: 0.05455, back up
            0.0325,                   // D' = 200: 0.09·¼ + 0.01
            0.01,                     // D' = 200
            0.09 * 99 / 300 + 0.01,   // D' = 300: 0.0397
            0.01));                   // D' = 300
  }

  // ---------------------------------------------------------------- cosine decay

  @Test
  void cosineDecayFollowsHalfACosineToZero() {
    // 0.1 · ½(1 + cos(π·min(s, 100)/100))
    CosineDecay d = LearningRateSchedule.cosineDecay(0.1, 100);
    assertRates(d, steps(0, 25, 50, 75, 100, 500),
        rates(0.1, 0.05 * (1 + Math.sqrt(0.5)), 0.05, 0.05 * (1 - Math.sqrt(0.5)), 0, 0));
    assertEquals(0.0853553390593274, d.at(25), 1e-15);
  }

  @Test
  void cosineDecayWithAlphaStopsAtThatFractionOfThePeak() {
    // 0.1 · ((1 − 0.1)·½(1 + cos(π·s/100)) + 0.1)
    CosineDecay d = LearningRateSchedule.cosineDecay(0.1, 100).withAlpha(0.1);
    assertRates(d, steps(0, 25, 50, 100, 1000),
        rates(0.1, 0.1 * (0.45 * (1 + Math.sqrt(0.5)) + 0.1), 0.055, 0.01, 0.01));
  }

  @Test
  void cosineWarmupRampsLinearlyToItsTargetThenDecaysFromIt() {
    // W = 10 steps from 0.01 to 0.1: 0.01 + 0.09·s/10; then 0.1 · ½(1 + cos(π·min(s − 10, 100)/100))
    CosineDecay d = LearningRateSchedule.cosineDecay(0.01, 100).withWarmup(10, 0.1);
    assertRates(d, steps(0, 1, 5, 9, 10, 35, 60, 85, 110, 400),
        rates(0.01, 0.019, 0.055, 0.091,            // the ramp
            0.1,                                    // the peak: cos(0)
            0.05 * (1 + Math.sqrt(0.5)),            // 25 steps into the decay
            0.05,                                   // half-way
            0.05 * (1 - Math.sqrt(0.5)),
            0, 0));                                 // decayed
  }

  @Test
  void cosineWarmupWithAlphaFloorsAtAlphaTimesTheTarget() {
    CosineDecay d = LearningRateSchedule.cosineDecay(0.01, 100).withWarmup(10, 0.1).withAlpha(0.2);
    // after the ramp: 0.1 · (0.8·½(1 + cos(π·(s − 10)/100)) + 0.2)
    assertRates(d, steps(0, 5, 10, 60, 110, 1000), rates(0.01, 0.055, 0.1, 0.06, 0.02, 0.02));
  }

  @Test
  void aWarmupAsLongAsTheDecayIsAllowed() {
    CosineDecay d = LearningRateSchedule.cosineDecay(0.001, 10).withWarmup(10, 0.01);
    assertRates(d, steps(0, 5, 10, 15, 20), rates(0.001, 0.0055, 0.01, 0.005, 0));
  }

  @Test
  void aWarmupFromZeroMayOutlastTheDecay() {
    // η₀ = 0 up to 1 over W = 20, then the cosine over D = 10: (1 − 0)·s/20 for s < 20; ½(1 + cos(π(s − 20)/10))
    CosineDecay d = LearningRateSchedule.cosineDecay(0, 10).withWarmup(20, 1);
    assertRates(d, steps(0, 5, 10, 19, 20, 25, 30, 100), rates(0, 0.25, 0.5, 0.95, 1, 0.5, 0, 0));
  }

  @Test
  void aTargetWithoutWarmupStepsDecaysFromTheTargetAsKerasDoes() {
    // Keras: with warmup_steps = 0 the warm-up branch never runs and the decay starts from warmup_target
    CosineDecay d = LearningRateSchedule.cosineDecay(0.5, 100).withWarmup(0, 1.0);
    assertRates(d, steps(0, 50, 100), rates(1.0, 0.5, 0));
  }

  @Test
  void aCosineDecayFromZeroWithoutWarmupStaysAtZeroAsInKeras() {
    assertRates(LearningRateSchedule.cosineDecay(0, 100), steps(0, 50, 1000), rates(0, 0, 0));
  }

  // ---------------------------------------------------------------- cosine decay with restarts

  @Test
  void restartsEveryPeriodEachLongerAndLowerThanTheLast() {
    // η₀ = 1, D = 10, tMul 2, mMul 0.5, α 0.1: periods [0, 10), [10, 30), [30, 70), …; in period i with a fraction f
    // of it done, η = 0.9·0.5ⁱ·½(1 + cos(πf)) + 0.1
    CosineDecayRestarts r = LearningRateSchedule.cosineDecayRestarts(1, 10).withMMul(0.5).withAlpha(0.1);
    assertRates(r, steps(0, 5, 10, 20, 30, 50),
        rates(1.0,                       // period 0, f = 0
            0.9 * 0.5 + 0.1,             // f = ½: cos = 0
            0.9 * 0.5 + 0.1,             // period 1 starts at half the peak
            0.9 * 0.25 + 0.1,            // half-way through the 20-step period 1
            0.9 * 0.25 + 0.1,            // period 2 starts at a quarter
            0.9 * 0.125 + 0.1));         // half-way through the 40-step period 2
    // just before the restart: f = 19/20, ½·0.5·(1 + cos(0.95π))
    assertEquals(0.9 * 0.25 * (1 + Math.cos(0.95 * Math.PI)) + 0.1, r.at(29), 1e-12);
  }

  @Test
  void equalPeriodsWithTMulOne() {
    // D = 4: every 4 steps back to η₀ = 0.1; at s = 2 within any period, half of it
    CosineDecayRestarts r = LearningRateSchedule.cosineDecayRestarts(0.1, 4).withTMul(1);
    assertRates(r, steps(0, 2, 4, 6, 8, 402), rates(0.1, 0.05, 0.1, 0.05, 0.1, 0.05));
  }

  @Test
  void aStepExactlyAtARestartStartsTheNewPeriod() {
    // D = 5, tMul 3: periods of 5, 15, 45, 135, 405 start at 0, 5, 20, 65, 200, 605. The logarithm of the closed
    // form lands just below an integer at some of these in double precision; the rate there must be the peak.
    CosineDecayRestarts r = LearningRateSchedule.cosineDecayRestarts(1, 5).withTMul(3);
    long[] starts = {5, 20, 65, 200, 605, 1820};
    long[] previousLength = {5, 15, 45, 135, 405, 1215};
    for (int i = 0; i < starts.length; i++) {
      assertEquals(1.0, r.at(starts[i]), 1e-12, "restart at " + starts[i]);
      double f = (previousLength[i] - 1.0) / previousLength[i]; // the step before: the end of the previous period
      assertEquals(0.5 * (1 + Math.cos(Math.PI * f)), r.at(starts[i] - 1), 1e-12, "before the restart at "
          + starts[i]);
    }
  }

  // ---------------------------------------------------------------- cyclical

  // base 0.01, max 0.11 (amplitude 0.1), half a cycle = 10 steps: a full cycle is 20 steps

  @Test
  void triangularCyclesBetweenBaseAndMaxEveryTwoStepSizes() {
    CyclicalLearningRate c = LearningRateSchedule.cyclical(0.01, 0.11, 10);
    assertRates(c, steps(0, 5, 10, 15, 20, 25, 30, 35, 40),
        rates(0.01, 0.06, 0.11, 0.06, 0.01,          // first cycle
            0.06, 0.11, 0.06, 0.01));                // second cycle, the same
    assertRates(c, steps(3, 23), rates(0.04, 0.04));
  }

  @Test
  void triangular2HalvesTheAmplitudeEveryCycle() {
    CyclicalLearningRate c = LearningRateSchedule.cyclical(0.01, 0.11, 10).withMode(Mode.TRIANGULAR2);
    assertRates(c, steps(0, 5, 10, 15, 20, 25, 30, 35, 40, 50),
        rates(0.01, 0.06, 0.11, 0.06, 0.01,          // cycle 1: amplitude 0.1
            0.035, 0.06, 0.035, 0.01,                // cycle 2: amplitude 0.05
            0.035));                                 // cycle 3: amplitude 0.025
  }

  @Test
  void expRangeScalesTheAmplitudeByGammaToTheStep() {
    CyclicalLearningRate c = LearningRateSchedule.cyclical(0.01, 0.11, 10).withExpRange(0.99);
    assertEquals(new CyclicalLearningRate(0.01, 0.11, 10, Mode.EXP_RANGE, 0.99), c);
    // 0.99⁵ = 0.9509900499, 0.99¹⁰ = 0.904382075009, 0.99²⁵ = 0.777821359399, 0.99³⁰ = 0.739700373388
    assertRates(c, steps(0, 5, 10, 20, 25, 30, 40),
        rates(0.01,
            0.01 + 0.1 * 0.5 * 0.9509900499,         // 0.0575495025
            0.01 + 0.1 * 0.904382075009,             // 0.1004382075
            0.01,
            0.01 + 0.1 * 0.5 * 0.777821359399,       // 0.0488910680
            0.01 + 0.1 * 0.739700373388,             // 0.0839700373
            0.01));
  }

  @Test
  void aCyclicalRateWithMaxEqualToBaseIsConstant() {
    assertRates(LearningRateSchedule.cyclical(0.05, 0.05, 3), steps(0, 1, 3, 4, 7), rates(0.05, 0.05, 0.05, 0.05,
        0.05));
  }

  @Test
  void initialIsTheRateOfTheFirstUpdate() {
    assertEquals(0.01, LearningRateSchedule.cosineDecay(0.01, 100).withWarmup(10, 0.1).initial(), TIGHT);
    assertEquals(0.01, LearningRateSchedule.cyclical(0.01, 0.11, 10).initial(), TIGHT);
    assertEquals(1.0, LearningRateSchedule.piecewiseConstant(new long[] {0}, new double[] {1.0, 0.5}).initial());
  }
}
