package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Sequential;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Adam;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Gradients;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Regression test for the reason this backend builds {@code ApplyAdam} itself: tensorflow-framework's
 * {@code Adam} multiplies its β-power variables with no ordering against the {@code ApplyAdam} ops that read
 * them, so the first update can use β² where the algorithm says β¹. Both sides are checked against the textbook
 * first step, computed here in Java from the gradient each graph itself produced.
 */
class TfAdamRaceTest {
  private static final float LR = 0.1f;
  private static final float B1 = 0.9f;
  private static final float B2 = 0.999f;
  private static final float EPS = 1e-7f;
  private static final int TRIALS = 8;
  /** β¹ and β² give first steps 26% apart; float rounding is ~1e-6 relative. */
  private static final double MATCH = 1e-3;

  private static final float[][] X = {{0.5f, -1f, 0.25f}, {1.5f, 0.75f, -0.5f}};
  private static final float[][] W1 = {{0.2f, -0.4f}, {0.7f, 0.1f}, {-0.3f, 0.5f}};
  private static final float[][] W2 = {{0.6f}, {-0.8f}};

  /** Adam's first update of w from gradient g, using bias-correction powers β₁^t, β₂^t. */
  private static double firstStep(double w, double g, int t) {
    double alpha = LR * Math.sqrt(1 - Math.pow(B2, t)) / (1 - Math.pow(B1, t));
    double m = (1 - B1) * g;
    double v = (1 - B2) * g * g;
    return w - alpha * m / (Math.sqrt(v) + EPS);
  }

  /** Relative distance of the observed update from the update the formula predicts. */
  private static double mismatch(double w0, double g, double observed, int t) {
    double expected = firstStep(w0, g, t);
    return Math.abs(observed - expected) / Math.abs(expected - w0);
  }

  @Test
  void frameworkAdamReadsTheWrongBetaPowerAndOursDoesNot() {
    int frameworkWrong = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
      frameworkWrong += frameworkFirstStepIsWrong() ? 1 : 0;
    }
    assertTrue(frameworkWrong > 0, "framework Adam matched the β¹ formula in all " + TRIALS
        + " trials; if it no longer races, this backend may reconsider using it");
    for (int trial = 0; trial < TRIALS; trial++) {
      layerwiseFirstStepMatches();
    }
  }

  private static boolean frameworkFirstStepIsWrong() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> w1 = tf.withName("w1").variable(tf.constant(W1));
      Variable<TFloat32> w2 = tf.withName("w2").variable(tf.constant(W2));
      var h = tf.math.tanh(tf.linalg.matMul(tf.constant(X), w1));
      var loss = tf.reduceSum(tf.math.square(tf.linalg.matMul(h, w2)), tf.constant(new int[] {0, 1}));
      Output<?>[] grads = g.addGradients(loss.asOutput(), new Output<?>[] {w2.asOutput()});
      Op minimize = new org.tensorflow.framework.optimizers.Adam(g, LR, B1, B2, EPS).minimize(loss);
      try (Session s = new Session(g)) {
        float[] g2;
        try (Result r = s.runner().fetch(grads[0]).run()) {
          g2 = TfTensors.readFloats(r.get(0), 2);
        }
        s.runner().addTarget(minimize).run();
        try (Result r = s.runner().fetch(w2).run()) {
          float[] after = TfTensors.readFloats(r.get(0), 2);
          boolean wrong = false;
          for (int i = 0; i < 2; i++) {
            wrong |= mismatch(W2[i][0], g2[i], after[i], 1) > MATCH;
          }
          return wrong;
        }
      }
    }
  }

  private static void layerwiseFirstStepMatches() {
    Sequential model = Sequential.of(Input.shape(3),
        Dense.units(2).withActivation(ActivationFn.TANH).withUseBias(false),
        Dense.units(1).withUseBias(false)).withSeed(5);
    Adam adam = Optimizer.adam(LR).withBeta1(B1).withBeta2(B2).withEpsilon(EPS);
    try (CompiledModel m = model.compile(Backend.named("tensorflow"), adam, Loss.meanSquaredError())) {
      BackendModel b = m.backendModel();
      float[] x = {X[0][0], X[0][1], X[0][2], X[1][0], X[1][1], X[1][2]};
      Batch batch = new Batch(x, new float[] {0.3f, -0.2f}, 2);
      List<double[]> before = new ArrayList<>();
      Gradients grads = b.lossGradients(batch);
      for (String w : List.of("dense/kernel", "dense_1/kernel")) {
        before.add(b.weights().get(w).data());
      }
      b.trainStep(batch, LR, 1);
      int k = 0;
      for (String w : List.of("dense/kernel", "dense_1/kernel")) {
        double[] w0 = before.get(k++);
        double[] g = grads.weightGradients().get(w).data();
        double[] after = b.weights().get(w).data();
        for (int i = 0; i < w0.length; i++) {
          double miss = mismatch(w0[i], g[i], after[i], 1);
          assertTrue(miss < MATCH, w + "[" + i + "] is " + miss + " off the β¹ first step");
        }
      }
    }
  }
}
