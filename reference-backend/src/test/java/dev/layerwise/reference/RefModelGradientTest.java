package dev.layerwise.reference;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static dev.layerwise.reference.RefGradientCheck.assertGradient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.TensorValue;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whole-model backpropagation: the chain of equations against finite differences of the model's loss. */
class RefModelGradientTest {
  /** Input FD runs on float inputs, with a step of 2⁻¹⁰ so x ± h stays exact: truncation error O(h²). */
  private static final float INPUT_STEP = 1f / 1024;
  private static final double INPUT_RTOL = 1e-3;
  private static final double INPUT_ATOL = 1e-5;

  record Case(String name, Loss loss, Layer[] layers, int inputSize, Shape labelShape, boolean classLabels) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        new Case("mse, tanh hidden", Loss.meanSquaredError(), new Layer[] {Input.shape(3),
            Dense.units(5).withActivation(ActivationFn.TANH), Dense.units(2)}, 3, Shape.of(2), false),
        new Case("bce logits, sigmoid hidden", Loss.binaryCrossentropy().withFromLogits(true), new Layer[] {
            Input.shape(4), Dense.units(3).withActivation(ActivationFn.SIGMOID), Dense.units(2)}, 4, Shape.of(2),
            false),
        new Case("cce probs, softmax out", Loss.categoricalCrossentropy(), new Layer[] {Input.shape(3),
            Dense.units(4).withActivation(ActivationFn.TANH), Dense.units(3).withActivation(ActivationFn.SOFTMAX)},
            3, Shape.of(3), false),
        new Case("sparse cce logits, rank-3 input", Loss.sparseCategoricalCrossentropy().withFromLogits(true),
            new Layer[] {Input.shape(2, 3), Dense.units(4).withActivation(ActivationFn.TANH), Flatten.create(),
                Dense.units(3)}, 6, Shape.scalar(), true))
        .map(Arguments::of);
  }

  private static Batch batchFor(Case c, int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n * c.inputSize()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (r.nextInt(129) - 64) / 64f; // multiples of 2⁻⁶ in [−1, 1]: x ± 2⁻¹⁰ is exact in float
    }
    float[] y;
    if (c.classLabels()) {
      y = RefModels.classes(r, n, 3);
    } else if (c.loss() instanceof dev.layerwise.losses.CategoricalCrossentropy) {
      y = new float[n * 3];
      for (int i = 0; i < n; i++) {
        y[i * 3 + r.nextInt(3)] = 1;
      }
    } else {
      y = RefModels.floats(r, n * c.labelShape().size(), 0, 1);
    }
    return new Batch(x, y, n);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void weightGradientsMatchFiniteDifferences(Case c) {
    try (RefModel model = RefModels.compile(Optimizer.sgd(0.1), c.loss(), c.layers())) {
      Batch batch = batchFor(c, 5, 61);
      Gradients g = model.lossGradients(batch);
      assertEquals(model.evaluate(batch).loss(), g.loss(), 1e-15);
      Map<String, TensorValue> w0 = model.weights();
      assertEquals(w0.keySet(), g.weightGradients().keySet());
      for (String name : w0.keySet()) {
        double[] theta = w0.get(name).data().clone();
        double[] fd = RefGradientCheck.centralDifference(theta, t -> {
          model.setWeights(Map.of(name, new TensorValue(w0.get(name).shape(), t.clone())));
          return model.evaluate(batch).loss();
        });
        model.setWeights(w0);
        assertGradient(c + " d" + name, fd, g.weightGradients().get(name).data());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void inputGradientMatchesFiniteDifferences(Case c) {
    try (RefModel model = RefModels.compile(Optimizer.sgd(0.1), c.loss(), c.layers())) {
      Batch batch = batchFor(c, 4, 63);
      Gradients g = model.lossGradients(batch);
      assertEquals(c.layers()[0] instanceof Input in ? in.shape().withBatch(4) : null, g.inputGradient().shape());
      float[] x = batch.x().clone();
      double[] fd = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        float saved = x[i];
        x[i] = saved + INPUT_STEP;
        double plus = model.evaluate(new Batch(x, batch.y(), 4)).loss();
        x[i] = saved - INPUT_STEP;
        double minus = model.evaluate(new Batch(x, batch.y(), 4)).loss();
        x[i] = saved;
        fd[i] = (plus - minus) / (2.0 * INPUT_STEP);
      }
      assertAllClose(c + " dx", fd, g.inputGradient().data(), INPUT_ATOL, INPUT_RTOL);
    }
  }

  @Test
  void outputGradientsIsTheVectorJacobianProduct() {
    // For MSE, ∂L/∂out = 2 (out − y) / (N·K): seeding the backward with that R must reproduce lossGradients.
    Case c = (Case) cases().findFirst().orElseThrow().get()[0];
    try (RefModel model = RefModels.compile(Optimizer.sgd(0.1), c.loss(), c.layers())) {
      Batch batch = batchFor(c, 6, 65);
      Gradients byLoss = model.lossGradients(batch);
      double[] out = byLoss.output().data();
      double[] r = new double[out.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = 2 * (out[i] - batch.y()[i]) / out.length;
      }
      Gradients byVjp = model.outputGradients(batch, new TensorValue(byLoss.output().shape(), r), true);
      assertTrue(Double.isNaN(byVjp.loss()), "a VJP has no loss");
      assertAllClose("dx", byLoss.inputGradient().data(), byVjp.inputGradient().data(), 1e-16, 1e-13);
      for (String name : byLoss.weightGradients().keySet()) {
        assertAllClose(name, byLoss.weightGradients().get(name).data(),
            byVjp.weightGradients().get(name).data(), 1e-16, 1e-13);
      }
    }
  }
}
