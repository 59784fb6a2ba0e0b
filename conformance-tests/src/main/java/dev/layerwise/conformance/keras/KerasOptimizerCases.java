package dev.layerwise.conformance.keras;

import dev.layerwise.optimizers.GradientClipping;
import dev.layerwise.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * The value-asserting tests of Keras 3's {@code keras/src/optimizers/<name>_test.py} for the eight optimizers
 * Layerwise has, with Keras's expected values and tolerances: {@code test_single_step} (η 0.5 and the defaults,
 * gradient [1, 6, 7, 2] on [1, 2, 3, 4], atol = rtol = 1e-4), {@code test_weight_decay} (λ 0.004 at η 1, a zero
 * gradient, three fresh optimizers in turn on a variable of 2: 2·0.996³; {@code assertAlmostEqual(…, decimal=6)})
 * and {@code test_correctness_with_golden} (a variable of ten ones, one update with gradient 0.01 then four with
 * 0.1, 0.2, …, 1.0, each checked against Keras's golden row, atol = rtol = 5e-4); and the clipping tests every one
 * of those files repeats (from {@code optimizer_test.py}, with {@code test_global_clip_norm}), seen here as SGD at
 * η 1 from 0, whose step is the clipped gradient.
 */
public final class KerasOptimizerCases {
  private static final double[] SINGLE_STEP_START = {1, 2, 3, 4};
  private static final double[] SINGLE_STEP_GRADIENT = {1, 6, 7, 2};
  private static final double SINGLE_STEP_TOLERANCE = 1e-4;
  /** {@code assertAlmostEqual(a, b, decimal=6)}: {@code round(a − b, 6) == 0}. */
  private static final double SIX_DECIMALS = 5e-7;
  private static final double GOLDEN_TOLERANCE = 5e-4;

  private KerasOptimizerCases() {}

  /** Every case, file by file in Keras's order. */
  public static List<KerasCase> all() {
    List<KerasCase> c = new ArrayList<>();
    singleSteps().forEach((file, setup) -> c.add(singleStep(file, setup)));
    singleSteps().forEach((file, setup) -> c.add(weightDecay(file, setup)));
    goldens().forEach((file, g) -> c.add(golden(file, g)));
    c.addAll(clipping());
    return c;
  }

  /** An optimizer with Keras's defaults at a given rate, its factory call (%s the rate), its single-step values. */
  private record Setup(DoubleFunction<Optimizer> atRate, String factory, double[] singleStep) {}

  private static Map<String, Setup> singleSteps() {
    Map<String, Setup> m = new LinkedHashMap<>();
    m.put("sgd", new Setup(Optimizer::sgd, "sgd(%s)", new double[] {0.5, -1.0, -0.5, 3.0}));
    m.put("adam", new Setup(Optimizer::adam, "adam(%s)", new double[] {0.5, 1.5, 2.5, 3.5}));
    m.put("adamw", new Setup(rate -> Optimizer.adamW(rate, 0.004), "adamW(%s, 0.004)", new double[] {0.4980, 1.4960,
        2.494, 3.492}));
    m.put("nadam", new Setup(Optimizer::nadam, "nadam(%s)", new double[] {0.4686, 1.4686, 2.4686, 3.4686}));
    m.put("adagrad", new Setup(Optimizer::adagrad, "adagrad(%s)", new double[] {0.5233, 1.5007, 2.5005, 3.5061}));
    m.put("rmsprop", new Setup(Optimizer::rmsprop, "rmsprop(%s)", new double[] {-0.5811, 0.4189, 1.4189, 2.4189}));
    m.put("adadelta", new Setup(Optimizer::adadelta, "adadelta(%s)", new double[] {0.9993, 1.9993, 2.9993, 3.9993}));
    m.put("adamax", new Setup(Optimizer::adamax, "adamax(%s)", new double[] {0.5, 1.5, 2.5, 3.5}));
    return m;
  }

  private static KerasCase singleStep(String file, Setup setup) {
    Optimizer optimizer = setup.atRate().apply(0.5);
    return new KerasCase(file + "_test.py::test_single_step", setup.factory().formatted("0.5"), setup.singleStep(),
        SINGLE_STEP_TOLERANCE, SINGLE_STEP_TOLERANCE, backend -> KerasOptimizerRun.steps(backend, optimizer,
            SINGLE_STEP_START, List.of(SINGLE_STEP_GRADIENT)));
  }

  /** Keras's weight-decay test: λ 0.004 at η 1 on each optimizer (AdamW's own λ set to it). */
  private static KerasCase weightDecay(String file, Setup setup) {
    Optimizer optimizer = setup.atRate().apply(1.0).withWeightDecay(0.004);
    return new KerasCase(file + "_test.py::test_weight_decay", setup.factory().formatted("1.0")
        + ".withWeightDecay(0.004), three fresh optimizers", new double[] {1.9760959}, SIX_DECIMALS, 0,
        backend -> KerasOptimizerRun.threeFreshOptimizers(backend, optimizer, 2.0));
  }

  /** A golden test: the optimizer as Keras configures it and the five rows of ten values Keras asserts. */
  private record Golden(Optimizer optimizer, String setting, double[][] rows) {}

  private static Map<String, Golden> goldens() {
    Map<String, Golden> m = new LinkedHashMap<>();
    m.put("sgd", new Golden(Optimizer.sgd(0.01).withNesterov(0), "sgd(0.01).withNesterov(0)", new double[][] {
        fill(0.9999),
        {0.9989, 0.9979, 0.9969, 0.9959, 0.9949, 0.9939, 0.9929, 0.9919, 0.9909, 0.9899},
        {0.9979, 0.9959, 0.9939, 0.9919, 0.9899, 0.9879, 0.9859, 0.9839, 0.9819, 0.9799},
        {0.9969, 0.9939, 0.9909, 0.9879, 0.9849, 0.9819, 0.9789, 0.9759, 0.9729, 0.9699},
        {0.9959, 0.9919, 0.9879, 0.9839, 0.9799, 0.9759, 0.9719, 0.9679, 0.9639, 0.9599}}));
    m.put("adam", new Golden(Optimizer.adam(0.001).withAmsgrad(true), "adam(0.001).withAmsgrad(true)",
        new double[][] {fill(0.999), fill(0.9982), fill(0.9974), fill(0.9965), fill(0.9955)}));
    m.put("adamw", new Golden(Optimizer.adamW(1.0, 0.5).withEpsilon(2), "adamW(1.0, 0.5).withEpsilon(2)",
        new double[][] {
            fill(0.4998),
            {0.2486, 0.2475, 0.2463, 0.2451, 0.244, 0.2428, 0.2417, 0.2405, 0.2394, 0.2382},
            {0.1223, 0.1198, 0.1174, 0.1149, 0.1124, 0.11, 0.1075, 0.1051, 0.1027, 0.1003},
            {0.0586, 0.0549, 0.0512, 0.0475, 0.0439, 0.0402, 0.0366, 0.033, 0.0294, 0.0258},
            {0.0263, 0.0215, 0.0167, 0.012, 0.0073, 0.0026, -0.0021, -0.0067, -0.0113, -0.0159}}));
    m.put("nadam", new Golden(Optimizer.nadam(0.5).withBeta1(0.5).withBeta2(0.67).withEpsilon(1e-5),
        "nadam(0.5), β₁ 0.5, β₂ 0.67, ε 1e-5", new double[][] {
            fill(0.4281),
            {-0.1738, -0.1731, -0.1726, -0.1723, -0.1721, -0.172, -0.1719, -0.1718, -0.1718, -0.1717},
            {-0.7115, -0.7103, -0.7096, -0.7092, -0.709, -0.7088, -0.7086, -0.7085, -0.7085, -0.7084},
            {-1.2335, -1.2322, -1.2313, -1.2309, -1.2306, -1.2304, -1.2302, -1.2301, -1.23, -1.2299},
            {-1.7492, -1.7478, -1.7469, -1.7464, -1.7461, -1.7459, -1.7457, -1.7456, -1.7455, -1.7454}}));
    m.put("adagrad", new Golden(Optimizer.adagrad(0.2).withInitialAccumulatorValue(0.3).withEpsilon(1e-6),
        "adagrad(0.2), a₀ 0.3, ε 1e-6", new double[][] {
            fill(0.9963),
            {0.9604, 0.9278, 0.9003, 0.8784, 0.8615, 0.8487, 0.8388, 0.8313, 0.8255, 0.8209},
            {0.9251, 0.8629, 0.8137, 0.7768, 0.7497, 0.7298, 0.7151, 0.704, 0.6956, 0.6891},
            {0.8903, 0.8012, 0.7342, 0.6862, 0.6521, 0.6277, 0.6099, 0.5967, 0.5867, 0.579},
            {0.856, 0.7422, 0.6604, 0.6037, 0.5644, 0.5367, 0.5168, 0.5021, 0.491, 0.4825}}));
    m.put("rmsprop", new Golden(Optimizer.rmsprop(0.001).withCentered(true), "rmsprop(0.001).withCentered(true)",
        new double[][] {fill(0.9967), fill(0.9933), fill(0.9908), fill(0.9885), fill(0.9864)}));
    m.put("adadelta", new Golden(Optimizer.adadelta(1.0).withRho(0.8).withEpsilon(1e-6), "adadelta(1.0), ρ 0.8, ε 1e-6",
        new double[][] {fill(0.9978), fill(0.9947), fill(0.9915), fill(0.9882), fill(0.9849)}));
    m.put("adamax", new Golden(Optimizer.adamax(0.2).withBeta1(0.85).withBeta2(0.95).withEpsilon(1e-6),
        "adamax(0.2), β₁ 0.85, β₂ 0.95, ε 1e-6", new double[][] {
            fill(0.8),
            {0.6827, 0.6873, 0.6888, 0.6896, 0.6901, 0.6904, 0.6906, 0.6908, 0.6909, 0.691},
            {0.5333, 0.5407, 0.5431, 0.5444, 0.5451, 0.5456, 0.546, 0.5462, 0.5464, 0.5466},
            {0.368, 0.3773, 0.3804, 0.382, 0.3829, 0.3835, 0.384, 0.3843, 0.3846, 0.3848},
            {0.1933, 0.204, 0.2076, 0.2094, 0.2105, 0.2112, 0.2117, 0.2121, 0.2124, 0.2126}}));
    return m;
  }

  private static double[] fill(double value) {
    double[] a = new double[10];
    Arrays.fill(a, value);
    return a;
  }

  /** Ten ones; gradient 0.01 for the first update, then 0.1, 0.2, …, 1.0 for the next four. */
  private static KerasCase golden(String file, Golden g) {
    double[] expected = new double[50];
    for (int r = 0; r < 5; r++) {
      System.arraycopy(g.rows()[r], 0, expected, 10 * r, 10);
    }
    double[] ramp = new double[10];
    for (int i = 0; i < 10; i++) {
      ramp[i] = 0.1 * (i + 1);
    }
    List<double[]> gradients = List.of(fill(0.01), ramp, ramp, ramp, ramp);
    return new KerasCase(file + "_test.py::test_correctness_with_golden", g.setting(), expected, GOLDEN_TOLERANCE,
        GOLDEN_TOLERANCE, backend -> KerasOptimizerRun.steps(backend, g.optimizer(), fill(1), gradients));
  }

  /** Keras's clipping tests, seen through SGD at η 1 from 0: the update is minus the clipped gradient. */
  private static List<KerasCase> clipping() {
    double half = Math.sqrt(2) / 2;
    double norm = Math.sqrt(50 * 50 + 100 * 100);
    return List.of(
        clip("*_test.py::test_clip_norm", "byNorm(1)", GradientClipping.byNorm(1), new double[] {100, 100},
            new double[] {half, half}),
        clip("*_test.py::test_clip_value", "byValue(1)", GradientClipping.byValue(1), new double[] {100, 100},
            new double[] {1, 1}),
        clip("optimizer_test.py::test_global_clip_norm", "byGlobalNorm(1)", GradientClipping.byGlobalNorm(1),
            new double[] {50, 100}, new double[] {50 / norm, 100 / norm}));
  }

  private static KerasCase clip(String test, String setting, GradientClipping clipping, double[] gradient,
      double[] clipped) {
    Optimizer sgd = Optimizer.sgd(1).withClipping(clipping);
    return new KerasCase(test, setting, clipped, 1e-6, 1e-6, backend -> {
      double[] w = KerasOptimizerRun.steps(backend, sgd, new double[gradient.length], List.of(gradient));
      return Arrays.stream(w).map(x -> -x).toArray();
    });
  }
}
