package dev.layerwise.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.Model;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.Add;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.TensorValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The DAG walker's two sums, on models small enough to differentiate by hand: a tensor used twice gets the sum of the
 * gradients its consumers send back, a shared layer's weight the sum over its applications; and with several
 * outputs the objective is Σₖ wₖ·Lₖ.
 */
class RefGraphTest {

  /** A one-unit Dense without bias whose kernel starts at {@code w}. */
  private static Dense scalar(double w) {
    return Dense.units(1).withUseBias(false).withKernelInitializer(Initializer.constant(w));
  }

  private static BackendModel compile(ModelSpec spec, TrainingConfig config) {
    BackendModel m = new RefBackend().compile(spec, config);
    m.setWeights(spec.initialWeights(1));
    return m;
  }

  private static TensorValue column(double... values) {
    return new TensorValue(Shape.of(values.length, 1), values);
  }

  private static float[] floats(double... values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  @Test
  void aTensorUsedTwiceReceivesTheSumOfItsConsumersGradients() {
    // y = w·x + x (a residual connection), L = Σ R ⊙ y. ∂L/∂w = Σ R·x; ∂L/∂x = R·w (through Dense) + R (the skip).
    // x = [2, −1], w = 3, R = [1, 0.5]: y = [8, −4], ∂L/∂w = 2 − 0.5 = 1.5, ∂L/∂x = [4, 2]
    SymbolicTensor x = Input.shape(1).tensor();
    ModelSpec spec = Model.of(x, Add.create().apply(scalar(3).apply(x), x)).spec();
    try (BackendModel m = compile(spec, TrainingConfig.of(Optimizer.sgd(0.1), Loss.meanSquaredError()))) {
      Gradients g = m.outputGradients(Batch.features(floats(2, -1), 2), column(1, 0.5), false);
      assertArrayEquals(new double[] {8, -4}, g.output().data());
      assertArrayEquals(new double[] {1.5}, g.weightGradients().get("dense/kernel").data());
      assertArrayEquals(new double[] {4, 2}, g.inputGradient().data());
    }
  }

  @Test
  void aSharedLayersWeightGradientIsTheSumOverItsApplications() {
    // y = w·a + w·b with one kernel w: ∂L/∂w = Σ R·(a + b), ∂L/∂a = ∂L/∂b = R·w.
    // a = [1, 2], b = [3, −1], w = 0.5, R = [1, 2]: y = [2, 0.5], ∂L/∂w = 4 + 2 = 6, ∂L/∂a = ∂L/∂b = [0.5, 1]
    Dense shared = scalar(0.5);
    SymbolicTensor a = Input.shape(1).withName("a").tensor();
    SymbolicTensor b = Input.shape(1).withName("b").tensor();
    ModelSpec spec = Model.of(List.of(a, b), List.of(Add.create().apply(shared.apply(a), shared.apply(b)))).spec();
    try (BackendModel m = compile(spec, TrainingConfig.of(Optimizer.sgd(0.1), Loss.meanSquaredError()))) {
      Gradients g = m.outputGradients(Batch.features(List.of(floats(1, 2), floats(3, -1)), 2), column(1, 2), false);
      assertArrayEquals(new double[] {2, 0.5}, g.output().data());
      assertEquals(List.of("dense/kernel"), List.copyOf(g.weightGradients().keySet()));
      assertArrayEquals(new double[] {6}, g.weightGradients().get("dense/kernel").data());
      assertArrayEquals(new double[] {0.5, 1}, g.inputGradients().get(0).data());
      assertArrayEquals(new double[] {0.5, 1}, g.inputGradients().get(1).data());
    }
  }

  @Test
  void aSharedLayerTrainsItsOneWeightFromBothApplications() {
    // y = w·(w·x), L = (y − t)²: ∂L/∂w = 2(y − t)·(w·x + w·x) — the outer application sees input w·x, the inner one
    // passes w·(∂L/∂y) back to its own x. x = 1, w = 2, t = 0: y = 4, ∂L/∂w = 8·4 = 32; SGD(0.1): w = 2 − 3.2
    Dense shared = scalar(2);
    ModelSpec spec = Sequential.of(Input.shape(1), shared, shared).spec();
    try (BackendModel m = compile(spec, TrainingConfig.of(Optimizer.sgd(0.1), Loss.meanSquaredError()))) {
      var step = m.trainStep(new Batch(floats(1), floats(0), 1), 0.1, 1);
      assertEquals(16, step.loss(), 0.0);
      assertEquals(List.of("dense/kernel"), List.copyOf(m.weights().keySet()));
      assertEquals(2 - 3.2, m.weights().get("dense/kernel").data()[0], 1e-15);
    }
  }

  @Test
  void severalOutputsSumTheirWeightedLossesAndSeedTheirOwnGradients() {
    // out1 = w1·x, out2 = w2·x, objective L1 + 0.5·L2 with mean squared errors. x = 1, w1 = 2, w2 = 3, y1 = 0,
    // y2 = 1: L1 = 4, L2 = 4, objective 6; ∂/∂w1 = 2·(2 − 0)·1 = 4, ∂/∂w2 = 0.5·2·(3 − 1)·1 = 2
    SymbolicTensor x = Input.shape(1).tensor();
    Model model = Model.of(List.of(x), List.of(scalar(2).withName("first").apply(x),
        scalar(3).withName("second").apply(x)));
    TrainingConfig config = TrainingConfig.of(Optimizer.sgd(0.1), Loss.meanSquaredError())
        .withLossWeight("second", 0.5);
    try (BackendModel m = compile(model.spec(), config)) {
      Batch batch = new Batch(List.of(floats(1)), List.of(floats(0), floats(1)), 1, Map.of());
      Gradients g = m.lossGradients(batch);
      assertEquals(6, g.loss(), 0.0);
      assertEquals(List.of(4.0, 4.0), g.outputLosses(), "each output's own loss, unweighted");
      assertArrayEquals(new double[] {4}, g.weightGradients().get("first/kernel").data());
      assertArrayEquals(new double[] {2}, g.weightGradients().get("second/kernel").data());
      var evaluated = m.evaluate(batch);
      assertEquals(6, evaluated.loss(), 0.0);
      assertArrayEquals(new double[] {4, 4}, evaluated.outputLosses());
      assertEquals(2, m.predictOutputs(batch).size());
    }
  }
}
