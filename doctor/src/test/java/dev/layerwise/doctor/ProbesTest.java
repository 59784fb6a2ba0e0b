package dev.layerwise.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The set-ups the probes' tests plant, on the reference backend and generated data, and the subset the probes read.
 */
class ProbesTest {
  static final Backend REF = Backend.named("reference");
  static final int FEATURES = 100;

  /** 512 samples of standard-normal features, 4 classes given by a fixed random linear teacher. */
  static Dataset data() {
    Random r = new Random(11);
    int n = 512;
    float[] x = new float[n * FEATURES];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    double[][] teacher = new double[4][FEATURES];
    for (double[] row : teacher) {
      for (int j = 0; j < FEATURES; j++) {
        row[j] = r.nextGaussian();
      }
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < 4; c++) {
        double s = 0;
        for (int j = 0; j < FEATURES; j++) {
          s += teacher[c][j] * x[i * FEATURES + j];
        }
        if (s > best) {
          best = s;
          y[i] = c;
        }
      }
    }
    return Dataset.withClassLabels(x, Shape.of(FEATURES), y);
  }

  /** {@code depth} hidden layers of 128 units with the activation, kernels and biases given, then 4 logits. */
  static Sequential net(int depth, ActivationFn activation, Initializer kernels, Initializer biases) {
    List<Layer> layers = new ArrayList<>();
    layers.add(Input.shape(FEATURES));
    for (int i = 0; i < depth; i++) {
      layers.add(Dense.units(128).withActivation(activation).withKernelInitializer(kernels)
          .withBiasInitializer(biases));
    }
    layers.add(Dense.units(4).withKernelInitializer(kernels));
    return Sequential.of(layers.toArray(Layer[]::new)).withSeed(5);
  }

  static CompiledModel compile(Sequential net, Optimizer optimizer) {
    return net.compile(REF, optimizer, Loss.sparseCategoricalCrossentropy().withFromLogits(true));
  }

  /** The verdict of each check by name. */
  static Map<String, Verdict> verdicts(List<Check> checks) {
    return checks.stream().collect(Collectors.toMap(Check::name, Check::verdict));
  }

  /** Every check passed; the message lists them all. */
  static void assertAllPass(List<Check> checks) {
    assertFalse(checks.isEmpty());
    for (Check c : checks) {
      assertEquals(Verdict.PASS, c.verdict(), () -> checks.stream().map(Check::toText)
          .collect(Collectors.joining("\n")));
    }
  }

  /** The named check came out as expected and every other check passed. */
  static void assertOnly(List<Check> checks, String name, Verdict verdict) {
    String all = checks.stream().map(Check::toText).collect(Collectors.joining("\n"));
    assertTrue(verdicts(checks).containsKey(name), all);
    for (Check c : checks) {
      assertEquals(c.name().equals(name) ? verdict : Verdict.PASS, c.verdict(), c.name() + " in\n" + all);
    }
  }

  @Test
  void spreadTakesAtMostTheSamplesAskedForFromTheWholeData() {
    Dataset d = data();
    Dataset few = Probes.spread(d, 100);
    assertTrue(few.size() >= 100 && few.size() <= 101, "size " + few.size());
    assertEquals(d.size(), Probes.spread(d, 1000).size());
  }
}
