package dev.layerwise.conformance.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.DType;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.losses.CategoricalCrossentropy;
import dev.layerwise.losses.Loss;
import dev.layerwise.losses.SparseCategoricalCrossentropy;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.DropoutMasks;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.StepResult;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both backends run graph models alike: TF lowers the graph into one TensorFlow graph and takes its gradients from
 * {@code addGradients}; the reference backend walks it with hand-written equations. In float64 they must agree on
 * the outputs (inference and training mode, dropout masks given), the objective and each output's loss, every
 * weight's and every input's gradient, and the weights after three training steps. The conformance suite's graph
 * cases ({@code GraphCases}) check kink-free variants of these models in float32 and against finite differences
 * too; this test keeps the kinked ones (ReLU, max pooling) and the training steps of each in float64.
 */
class FunctionalBackendsTest {
  private static final int BATCH = 5;
  /** Float64 on both sides: only the order of the sums differs. */
  private static final double RTOL = 1e-9;
  private static final double ATOL = 1e-12;

  static List<GraphModels.Named> models() {
    return GraphModels.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void bothBackendsComputeTheSameGraph(GraphModels.Named named) {
    ModelSpec spec = named.model().spec();
    TrainingConfig config = named.config().withDType(DType.FLOAT64);
    Map<String, TensorValue> initial = spec.initialWeights(named.model().seed().orElse(1));
    try (BackendModel ref = Backend.named("reference").compile(spec, config);
        BackendModel tf = Backend.named("tensorflow").compile(spec, config)) {
      ref.setWeights(initial);
      tf.setWeights(initial);
      Batch batch = batch(spec, config, 1);
      assertAllClose("inference outputs", ref.forwardOutputs(batch, false), tf.forwardOutputs(batch, false));
      assertAllClose("training outputs", ref.forwardOutputs(batch, true), tf.forwardOutputs(batch, true));
      Gradients r = ref.lossGradients(batch);
      Gradients t = tf.lossGradients(batch);
      assertClose("objective", r.loss(), t.loss());
      assertEquals(spec.outputs().size(), t.outputLosses().size());
      for (int k = 0; k < r.outputLosses().size(); k++) {
        assertClose("loss of output " + k, r.outputLosses().get(k), t.outputLosses().get(k));
      }
      assertEquals(r.weightGradients().keySet(), t.weightGradients().keySet());
      r.weightGradients().forEach((w, g) -> assertAllClose("d" + w, List.of(g), List.of(t.weightGradients().get(w))));
      assertAllClose("input gradients", r.inputGradients(), t.inputGradients());
      for (int step = 1; step <= 3; step++) {
        Batch b = batch(spec, config, step + 1);
        StepResult rs = ref.trainStep(b, 0.01, step);
        StepResult ts = tf.trainStep(b, 0.01, step);
        assertClose("loss of step " + step, rs.loss(), ts.loss());
      }
      Map<String, TensorValue> rw = ref.weights();
      Map<String, TensorValue> tw = tf.weights();
      assertEquals(rw.keySet(), tw.keySet());
      rw.forEach((w, v) -> assertAllClose(w + " after 3 steps", List.of(v), List.of(tw.get(w))));
    }
  }

  /** Random features for every input, targets each output's loss accepts, dropout masks for the step. */
  static Batch batch(ModelSpec spec, TrainingConfig config, long seed) {
    SeededRandom random = new SeededRandom(seed);
    List<float[]> xs = new ArrayList<>();
    for (Shape s : spec.inputShapes()) {
      float[] x = new float[BATCH * s.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (2 * random.nextUniform() - 1);
      }
      xs.add(x);
    }
    List<float[]> ys = new ArrayList<>();
    for (int k = 0; k < spec.outputs().size(); k++) {
      Shape out = spec.outputShapes().get(k);
      Loss loss = config.lossFor(spec.outputNames().get(k));
      float[] y = new float[BATCH * loss.labelShape(out).size()];
      for (int i = 0; i < BATCH; i++) {
        if (loss instanceof SparseCategoricalCrossentropy) {
          y[i] = random.nextInt(out.last());
        } else if (loss instanceof CategoricalCrossentropy) {
          y[i * out.last() + random.nextInt(out.last())] = 1;
        } else {
          for (int j = 0; j < out.size(); j++) {
            y[i * out.size() + j] = (float) random.nextUniform();
          }
        }
      }
      ys.add(y);
    }
    return new Batch(xs, ys, BATCH, new DropoutMasks(spec).draw(BATCH, seed));
  }

  private static void assertClose(String what, double expected, double actual) {
    assertTrue(Math.abs(expected - actual) <= ATOL + RTOL * Math.abs(expected), what + ": reference " + expected
        + ", tensorflow " + actual);
  }

  private static void assertAllClose(String what, List<TensorValue> expected, List<TensorValue> actual) {
    assertEquals(expected.size(), actual.size(), what);
    for (int k = 0; k < expected.size(); k++) {
      assertEquals(expected.get(k).shape(), actual.get(k).shape(), what + " " + k);
      double[] e = expected.get(k).data();
      double[] a = actual.get(k).data();
      for (int i = 0; i < e.length; i++) {
        assertClose(what + " " + k + " element " + i, e[i], a[i]);
      }
    }
  }
}
