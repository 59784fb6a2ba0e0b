package dev.layerwise.conformance.keras;

import dev.layerwise.schedules.CosineDecayRestarts;
import dev.layerwise.schedules.ExponentialDecay;
import dev.layerwise.schedules.InverseTimeDecay;
import dev.layerwise.schedules.LearningRateSchedule;
import dev.layerwise.schedules.PolynomialDecay;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;

/**
 * The value-asserting tests of Keras 3's {@code learning_rate_schedule_test.py}, with Keras's expected values —
 * written, as Keras writes them, as the closed formulas or the little numpy helpers of its test file — and its
 * tolerance ({@code assertAllClose(…, 1e-6)}: atol 1e-6, rtol 1e-6). A schedule is computed in Java and fed to
 * both backends, so one value stands for both.
 */
public final class KerasScheduleCases {
  private static final double TOLERANCE = 1e-6;
  private static final String FILE = "learning_rate_schedule_test.py::";

  private KerasScheduleCases() {}

  public static List<KerasCase> all() {
    List<KerasCase> c = new ArrayList<>(fit());
    // ExponentialDecay
    c.add(at("ExponentialDecayTest::test_continuous", "exponentialDecay(0.05, 10, 0.96)",
        LearningRateSchedule.exponentialDecay(0.05, 10, 0.96), steps(5), s -> 0.05 * Math.pow(0.96, 5.0 / 10.0)));
    ExponentialDecay staircase = new ExponentialDecay(0.1, 3, 0.96, true);
    for (String test : List.of("test_staircase", "test_variables")) {
      c.add(at("ExponentialDecayTest::" + test, "exponentialDecay(0.1, 3, 0.96).withStaircase(true)", staircase,
          steps(1, 2, 100), s -> s < 100 ? 0.1 : 0.1 * Math.pow(0.96, 100 / 3)));
    }
    // PiecewiseConstantDecay
    c.add(at("PiecewiseConstantDecayTest::test_piecewise_values", "piecewiseConstant([100, 110, 120], [1, 0.1,"
        + " 0.01, 0.001])", LearningRateSchedule.piecewiseConstant(new long[] {100, 110, 120},
            new double[] {1.0, 0.1, 0.01, 0.001}), steps(-999, 100, 105, 110, 120, 999),
        new double[] {1.0, 1.0, 0.1, 0.1, 0.01, 0.001}));
    c.add(at("PiecewiseConstantDecayTest::test_boundary_values", "piecewiseConstant([1, 2, 3], [0.4, 0.5, 0.6,"
        + " 0.7])", LearningRateSchedule.piecewiseConstant(new long[] {1, 2, 3}, new double[] {0.4, 0.5, 0.6, 0.7}),
        steps(0, 1, 2, 3, 4), new double[] {0.4, 0.4, 0.5, 0.6, 0.7}));
    // PolynomialDecay, power 1 (Keras's LinearDecayTest) and 0.5 (SqrtDecayTest)
    for (double power : new double[] {1, 0.5}) {
      String test = power == 1 ? "LinearDecayTest::" : "SqrtDecayTest::";
      String p = power == 1 ? "1" : "0.5";
      c.add(at(test + "test_halfway", "polynomialDecay(0.05, 10, 0, " + p + ")",
          LearningRateSchedule.polynomialDecay(0.05, 10, 0, power), steps(5), s -> 0.05 * Math.pow(0.5, power)));
      PolynomialDecay withEnd = LearningRateSchedule.polynomialDecay(0.05, 10, 0.001, power);
      String setting = "polynomialDecay(0.05, 10, 0.001, " + p + ")";
      c.add(at(test + "test_end", setting, withEnd, steps(10), s -> 0.001));
      c.add(at(test + "test_halfway_with_end", setting, withEnd, steps(5),
          s -> power == 1 ? (0.05 + 0.001) * 0.5 : (0.05 - 0.001) * Math.pow(0.5, power) + 0.001));
      c.add(at(test + "test_beyond_end", setting, withEnd, steps(15), s -> 0.001));
      c.add(at(test + "test_beyond_end_with_cycle", setting + ".withCycle(true)", withEnd.withCycle(true), steps(15),
          s -> (0.05 - 0.001) * Math.pow(0.25, power) + 0.001));
    }
    c.add(at("SqrtDecayTest::test_begin_with_cycle", "polynomialDecay(0.001, 10, 1e-4, 1).withCycle(true)",
        LearningRateSchedule.polynomialDecay(0.001, 10, 0.0001, 1).withCycle(true), steps(0), s -> 0.001));
    // InverseTimeDecay
    c.add(at("InverseTimeDecayTest::test_decay", "new InverseTimeDecay(0.1, 10, 0.96, false)",
        new InverseTimeDecay(0.1, 10, 0.96, false), range(0, 11, 1), s -> 0.1 / (1 + s / 10.0 * 0.96)));
    c.add(at("InverseTimeDecayTest::test_staircase", "new InverseTimeDecay(0.1, 10, 0.96, true)",
        new InverseTimeDecay(0.1, 10, 0.96, true), range(0, 11, 1), s -> 0.1 / (1 + 0.96 * (s / 10))));
    // CosineDecay
    long[] to1500 = range(0, 1500, 250);
    for (String test : List.of("test_decay", "test_float64")) {
      c.add(at("CosineDecayTest::" + test, "cosineDecay(1.0, 1000)", LearningRateSchedule.cosineDecay(1.0, 1000),
          to1500, s -> cosine(s, 1000, 0)));
    }
    c.add(at("CosineDecayTest::test_warmup", "cosineDecay(0, 10).withWarmup(1500, 10)",
        LearningRateSchedule.cosineDecay(0, 10).withWarmup(1500, 10), to1500, s -> s / 1500.0 * 10));
    c.add(at("CosineDecayTest::test_alpha", "cosineDecay(1.0, 1000).withAlpha(0.1)",
        LearningRateSchedule.cosineDecay(1.0, 1000).withAlpha(0.1), to1500, s -> cosine(s, 1000, 0.1)));
    c.add(at("CosineDecayTest::test_warmup_decay", "cosineDecay(0, 1000).withWarmup(2000, 10)",
        LearningRateSchedule.cosineDecay(0, 1000).withWarmup(2000, 10), range(0, 3000, 250),
        s -> s < 2000 + 1 ? s / 2000.0 * 10 : 10 * cosine(s - 2000, 1000, 0)));
    // CosineDecayRestarts
    CosineDecayRestarts restarts = LearningRateSchedule.cosineDecayRestarts(1.0, 1000);
    for (String test : List.of("test_decay", "test_float64")) {
      c.add(at("CosineDecayRestartsTest::" + test, "cosineDecayRestarts(1.0, 1000)", restarts, to1500,
          s -> restarts(s, 1000, 2, 1, 0)));
    }
    c.add(at("CosineDecayRestartsTest::test_alpha", "cosineDecayRestarts(1.0, 1000).withAlpha(0.1)",
        restarts.withAlpha(0.1), to1500, s -> restarts(s, 1000, 2, 1, 0.1)));
    c.add(at("CosineDecayRestartsTest::test_mmul", "cosineDecayRestarts(1.0, 1000).withMMul(0.9)",
        restarts.withMMul(0.9), to1500, s -> restarts(s, 1000, 2, 0.9, 0)));
    c.add(at("CosineDecayRestartsTest::test_tmul", "cosineDecayRestarts(1.0, 1000).withTMul(1)",
        restarts.withTMul(1), to1500, s -> restarts(s, 1000, 1, 1, 0)));
    return c;
  }

  /**
   * {@code TestFitLRSchedulesFlow::test_fit_lr_correctness}, the one end-to-end test, run on each backend: Dense(2)
   * with kernel and bias of ones, Adam on {@code ExponentialDecay(0.05, 1, 0.9)}, MSE, x = y = 0…31 as 16 rows of
   * 2, three epochs in batches of 4, unshuffled: Keras asserts the three epoch losses (rtol 5e-5) and 12 updates.
   */
  private static List<KerasCase> fit() {
    String setting = "adam(exponentialDecay(0.05, 1, 0.9)), Dense(2) of ones, MSE, 3 epochs of 4 batches";
    return List.of(
        new KerasCase("TestFitLRSchedulesFlow::test_fit_lr_correctness", setting,
            new double[] {230.79457092285156, 128.30319213867188, 79.33648681640625}, TOLERANCE, 5e-5,
            backend -> KerasFitRun.fit(backend).get("loss")),
        new KerasCase("TestFitLRSchedulesFlow::test_fit_lr_correctness", setting + ": updates made",
            new double[] {12}, 0, 0, backend -> new double[] {KerasFitRun.fit(backend).learningRates().length}));
  }

  /** Keras's expectation as a formula of the step, as its test writes it. */
  private static KerasCase at(String test, String setting, LearningRateSchedule schedule, long[] steps,
      LongToDoubleFunction keras) {
    double[] expected = new double[steps.length];
    for (int i = 0; i < steps.length; i++) {
      expected[i] = keras.applyAsDouble(steps[i]);
    }
    return at(test, setting, schedule, steps, expected);
  }

  private static KerasCase at(String test, String setting, LearningRateSchedule schedule, long[] steps,
      double[] expected) {
    return new KerasCase(FILE + test, setting, expected, TOLERANCE, TOLERANCE, backend -> {
      double[] ours = new double[steps.length];
      for (int i = 0; i < steps.length; i++) {
        ours[i] = schedule.at(steps[i]);
      }
      return ours;
    });
  }

  private static long[] steps(long... steps) {
    return steps;
  }

  /** {@code range(from, to, by)}: from inclusive, to exclusive. */
  private static long[] range(long from, long to, long by) {
    return java.util.stream.LongStream.iterate(from, s -> s < to, s -> s + by).toArray();
  }

  /** Keras's test helper {@code np_cosine_decay}: the decay factor at step s. */
  private static double cosine(long step, long decaySteps, double alpha) {
    double s = Math.min(step, decaySteps);
    double decay = 0.5 * (1.0 + Math.cos(Math.PI * s / decaySteps));
    return (1.0 - alpha) * decay + alpha;
  }

  /** Keras's test helper {@code np_cosine_decay_restarts}: walk the periods, then the cosine within one. */
  private static double restarts(long step, double decaySteps, double tMul, double mMul, double alpha) {
    double fac = 1.0;
    double s = step;
    double d = decaySteps;
    while (s >= d) {
      s -= d;
      d *= tMul;
      fac *= mMul;
    }
    double decay = fac * 0.5 * (1.0 + Math.cos(Math.PI * s / d));
    return (1.0 - alpha) * decay + alpha;
  }
}
