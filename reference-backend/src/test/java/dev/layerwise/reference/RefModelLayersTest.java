package dev.layerwise.reference;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static dev.layerwise.reference.RefGradientCheck.assertGradient;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.AveragePooling2D;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.ELU;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.GlobalAveragePooling2D;
import dev.layerwise.layers.Hardmax;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.LeakyReLU;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.Maxout;
import dev.layerwise.layers.PReLU;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.Reshape;
import dev.layerwise.layers.Softmax;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.regularizers.Regularizer;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.DropoutMasks;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.StepResult;
import dev.layerwise.spi.TensorValue;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The new layers inside models: training-mode plumbing (masks, moving statistics), penalties, refusals. */
class RefModelLayersTest {

  /** 6×6 one-channel images: class 0 has a bright row, class 1 a bright column, both at a random place. */
  private static Batch bars(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n * 36];
    float[] y = new float[n];
    for (int s = 0; s < n; s++) {
      y[s] = r.nextInt(2);
      int at = r.nextInt(6);
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 6; j++) {
          boolean on = y[s] == 0 ? i == at : j == at;
          x[s * 36 + i * 6 + j] = (float) ((on ? 1 : 0) + 0.2 * r.nextDouble());
        }
      }
    }
    return new Batch(x, y, n);
  }

  @Test
  void smallCnnTrainsWithDropoutMasks() {
    try (RefModel model = RefModels.compile(Optimizer.adam(0.01),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Input.shape(6, 6, 1),
        Conv2D.of(4, 3).withPadding(Padding.SAME).withUseBias(false), BatchNormalization.create().withMomentum(0.8),
        Activation.of(ActivationFn.RELU), MaxPooling2D.of(2), Flatten.create(), Dropout.rate(0.25),
        Dense.units(2))) {
      Batch batch = bars(32, 161);
      DropoutMasks masks = new DropoutMasks(model.spec());
      double before = model.evaluate(batch).loss();
      double firstSteps = 0;
      double lastSteps = 0;
      for (int t = 1; t <= 80; t++) {
        StepResult step = model.trainStep(batch.withMasks(masks.draw(32, t)), 0.01, t);
        firstSteps += t <= 5 ? step.loss() : 0;
        lastSteps += t > 75 ? step.loss() : 0;
      }
      double after = model.evaluate(batch).loss();
      assertTrue(lastSteps < 0.5 * firstSteps, "training loss " + firstSteps / 5 + " -> " + lastSteps / 5);
      assertTrue(after < 0.5 * before, "inference loss " + before + " -> " + after);
    }
  }

  @Test
  void batchNormMovingStatisticsMoveOnlyInTrainStep() {
    try (RefModel model = RefModels.compile(Optimizer.sgd(0.1), Loss.meanSquaredError(), Input.shape(2),
        BatchNormalization.create().withMomentum(0.9), Dense.units(1))) {
      float[] x = {1, -2, 2, 0, 6, 1, 3, 1};
      Batch batch = new Batch(x, new float[] {1, 0, 1, 0}, 4);
      TensorValue r = new TensorValue(Shape.of(4, 1), new double[] {1, -1, 0.5, 2});
      Map<String, TensorValue> before = model.weights();
      model.lossGradients(batch);
      model.outputGradients(batch, r, true);
      model.forward(batch, true);
      model.evaluate(batch);
      assertEquals(before, model.weights(), "only a training step moves the statistics");

      model.trainStep(batch, 0.1, 1);
      double[] mean = new double[2];
      double[] var = new double[2];
      for (int c = 0; c < 2; c++) {
        for (int s = 0; s < 4; s++) {
          mean[c] += x[2 * s + c] / 4.0;
        }
        for (int s = 0; s < 4; s++) {
          var[c] += Math.pow(x[2 * s + c] - mean[c], 2) / 4; // biased, as Keras
        }
      }
      Map<String, TensorValue> after = model.weights();
      assertAllClose("moving_mean", new double[] {0.1 * mean[0], 0.1 * mean[1]},
          after.get("batch_normalization/moving_mean").data(), 1e-16, 1e-14);
      assertAllClose("moving_variance", new double[] {0.9 + 0.1 * var[0], 0.9 + 0.1 * var[1]},
          after.get("batch_normalization/moving_variance").data(), 1e-16, 1e-14);
    }
  }

  @Test
  void dropoutScalesInTrainingAndIsTheIdentityAtInference() {
    try (RefModel model = RefModels.compile(Optimizer.sgd(0.1), Loss.meanSquaredError(), Input.shape(4),
        Dropout.rate(0.2))) {
      float[] x = {1, 2, 3, 4, 5, 6, 7, 8};
      Batch batch = new Batch(x, new float[8], 2).withMasks(Map.of("dropout", new float[] {1, 0, 1, 1, 0, 0, 1, 1}));
      double k = 1 / (1 - 0.2);
      assertArrayEquals(new double[] {k, 0, 3 * k, 4 * k, 0, 0, 7 * k, 8 * k}, model.forward(batch, true).data());
      assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, model.forward(batch, false).data());
      assertArrayEquals(x, model.predict(Batch.features(x, 2)));
      TensorValue ones = new TensorValue(Shape.of(2, 4), new double[] {1, 1, 1, 1, 1, 1, 1, 1});
      assertArrayEquals(new double[] {k, 0, k, k, 0, 0, k, k},
          model.outputGradients(batch, ones, true).inputGradient().data());
      assertArrayEquals(ones.data(), model.outputGradients(batch, ones, false).inputGradient().data());
    }
  }

  @Test
  void trainingModePassesNeedTheMasks() {
    try (RefModel model = RefModels.compile(Optimizer.sgd(0.1), Loss.meanSquaredError(), Input.shape(3),
        Dense.units(3), Dropout.rate(0.5), Dense.units(1))) {
      Batch batch = new Batch(new float[6], new float[2], 2);
      var e = assertThrows(IllegalArgumentException.class, () -> model.trainStep(batch, 0.1, 1));
      assertTrue(e.getMessage().startsWith("no dropout mask or draws for 'dropout'"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> model.lossGradients(batch));
      assertThrows(IllegalArgumentException.class, () -> model.forward(batch, true));
      e = assertThrows(IllegalArgumentException.class,
          () -> model.forward(batch.withMasks(Map.of("dropout", new float[5])), true));
      assertEquals("forward: the dropout mask of Dropout 'dropout' needs 6 values (2 samples of shape [3]), got 5",
          e.getMessage());
      model.evaluate(batch); // inference needs none
    }
  }

  @Test
  void hardmaxModelsPredictButRefuseGradients() {
    try (RefModel model = RefModels.compile(Optimizer.sgd(0.1), Loss.meanSquaredError(), Input.shape(3),
        Dense.units(3), Hardmax.create())) {
      Batch batch = new Batch(RefModels.floats(new Random(171), 6, -1, 1), new float[6], 2);
      float[] out = model.predict(batch);
      for (int s = 0; s < 2; s++) {
        assertEquals(1, out[3 * s] + out[3 * s + 1] + out[3 * s + 2], "one-hot rows");
      }
      model.evaluate(batch);
      model.forward(batch, true);
      String refusal = "model 'tiny' contains Hardmax 'hardmax', which is not differentiable; such a model can"
          + " predict and evaluate but not train or compute gradients";
      var e = assertThrows(IllegalArgumentException.class, () -> model.trainStep(batch, 0.1, 1));
      assertEquals("trainStep: " + refusal, e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> model.lossGradients(batch));
      assertEquals("lossGradients: " + refusal, e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> model.outputGradients(batch, TensorValue.zeros(Shape.of(2, 3)), false));
      assertEquals("outputGradients: " + refusal, e.getMessage());
      Map<String, TensorValue> zeros = Map.of("dense/kernel", TensorValue.zeros(Shape.of(3, 3)), "dense/bias",
          TensorValue.zeros(Shape.of(3)));
      e = assertThrows(IllegalArgumentException.class, () -> model.applyGradients(zeros, 0.1, 1));
      assertEquals("applyGradients: " + refusal, e.getMessage());
    }
  }

  @Test
  void regularizationEntersTheLossAndTheGradientsButNotTheVjp() {
    Regularizer kernelPenalty = Regularizer.l1l2(0.01, 0.02);
    Regularizer biasPenalty = Regularizer.l2(0.05);
    try (RefModel plain = RefModels.compile(Optimizer.sgd(0.1), Loss.meanSquaredError(), Input.shape(3),
        Dense.units(4).withActivation(ActivationFn.TANH), Dense.units(2));
        RefModel penalised = RefModels.compile(Optimizer.sgd(0.1), Loss.meanSquaredError(), Input.shape(3),
            Dense.units(4).withActivation(ActivationFn.TANH).withKernelRegularizer(kernelPenalty)
                .withBiasRegularizer(biasPenalty), Dense.units(2))) {
      Map<String, TensorValue> w = RefModels.with(plain.weights(), "dense/kernel", 5, 0.0); // sign(0) = 0
      w = RefModels.with(w, "dense/bias", 1, 0.3);
      plain.setWeights(w);
      penalised.setWeights(w);
      double[] k = w.get("dense/kernel").data();
      double[] b = w.get("dense/bias").data();
      double penalty = 0;
      double[] dk = new double[k.length];
      for (int i = 0; i < k.length; i++) {
        penalty += 0.01 * Math.abs(k[i]) + 0.02 * k[i] * k[i];
        dk[i] = 0.01 * Math.signum(k[i]) + 2 * 0.02 * k[i];
      }
      double[] db = new double[b.length];
      for (int i = 0; i < b.length; i++) {
        penalty += 0.05 * b[i] * b[i];
        db[i] = 2 * 0.05 * b[i];
      }
      assertEquals(0, dk[5], "the L1 gradient at w = 0 is 0, and so is L2's");

      Batch batch = new Batch(RefModels.floats(new Random(181), 15, -1, 1), RefModels.floats(new Random(182), 10,
          -1, 1), 5);
      StepResult evalPlain = plain.evaluate(batch);
      StepResult eval = penalised.evaluate(batch);
      assertEquals(0, evalPlain.regularizationLoss());
      assertEquals(penalty, eval.regularizationLoss(), 1e-15);
      assertEquals(evalPlain.loss() + penalty, eval.loss(), 1e-15);

      Gradients gPlain = plain.lossGradients(batch);
      Gradients g = penalised.lossGradients(batch);
      assertEquals(penalty, g.regularizationLoss(), 1e-15);
      assertEquals(gPlain.loss() + penalty, g.loss(), 1e-15);
      assertAllClose("dense/kernel", add(gPlain.weightGradients().get("dense/kernel").data(), dk),
          g.weightGradients().get("dense/kernel").data(), 1e-17, 1e-14);
      assertAllClose("dense/bias", add(gPlain.weightGradients().get("dense/bias").data(), db),
          g.weightGradients().get("dense/bias").data(), 1e-17, 1e-14);
      assertArrayEquals(gPlain.weightGradients().get("dense_1/kernel").data(),
          g.weightGradients().get("dense_1/kernel").data());

      TensorValue r = new TensorValue(Shape.of(5, 2), new double[] {1, -1, 2, 0.5, 0, 1, -2, 1, 0.25, 3});
      Gradients vjpPlain = plain.outputGradients(batch, r, true);
      Gradients vjp = penalised.outputGradients(batch, r, true);
      assertTrue(Double.isNaN(vjp.loss()) && Double.isNaN(vjp.regularizationLoss()));
      assertEquals(vjpPlain.weightGradients(), vjp.weightGradients(), "a VJP is the network's alone");

      StepResult step = penalised.trainStep(batch, 0.1, 1);
      assertEquals(penalty, step.regularizationLoss(), 1e-15);
      assertEquals(g.loss(), step.loss(), 1e-15);
      assertAllClose("after one SGD step", sgd(k, g.weightGradients().get("dense/kernel").data(), 0.1),
          penalised.weights().get("dense/kernel").data(), 0, 0);
    }
  }

  @Test
  void regularizedLossGradientsMatchFiniteDifferences() {
    try (RefModel model = RefModels.compile(Optimizer.sgd(0.1), Loss.meanSquaredError(), Input.shape(3),
        Dense.units(4).withActivation(ActivationFn.TANH).withKernelRegularizer(Regularizer.l1(0.05)),
        Dense.units(2).withKernelRegularizer(Regularizer.l2(0.1)))) {
      Batch batch = new Batch(RefModels.floats(new Random(191), 12, -1, 1), RefModels.floats(new Random(192), 8,
          -1, 1), 4);
      Gradients g = model.lossGradients(batch);
      Map<String, TensorValue> w0 = model.weights();
      for (String name : w0.keySet()) {
        double[] theta = w0.get(name).data().clone();
        double[] fd = RefGradientCheck.centralDifference(theta, t -> {
          model.setWeights(Map.of(name, new TensorValue(w0.get(name).shape(), t.clone())));
          return model.evaluate(batch).loss(); // Dense-only: inference and training agree
        });
        model.setWeights(w0);
        assertGradient("d" + name, fd, g.weightGradients().get(name).data());
      }
    }
  }

  @Test
  void outputGradientsHonourTheModeThroughBatchNormAndDropout() {
    // kink-free: conv → BN → tanh → average pool → flatten → dropout → dense, L = Σ R ⊙ out in each mode
    try (RefModel model = RefModels.compile(Optimizer.sgd(0.1), Loss.meanSquaredError(), Input.shape(4, 4, 2),
        Conv2D.of(3, 2).withPadding(Padding.SAME), BatchNormalization.create(), Activation.of(ActivationFn.TANH),
        AveragePooling2D.of(2), Flatten.create(), Dropout.rate(0.3), Dense.units(3))) {
      Random random = new Random(201);
      Map<String, TensorValue> w = model.weights();
      w = RefModels.with(w, "batch_normalization/moving_mean", 1, 0.3);
      w = RefModels.with(w, "batch_normalization/moving_variance", 2, 2.5);
      w = RefModels.with(w, "batch_normalization/gamma", 0, 1.4);
      model.setWeights(w);
      Batch batch = new Batch(RefModels.floats(random, 3 * 32, -1, 1), null, 3)
          .withMasks(new DropoutMasks(model.spec()).draw(3, 7));
      TensorValue r = new TensorValue(Shape.of(3, 3), RefGradientCheck.uniform(random, 9, -1, 1));
      for (boolean training : new boolean[] {true, false}) {
        Gradients g = model.outputGradients(batch, r, training);
        Map<String, TensorValue> w0 = model.weights();
        for (String name : g.weightGradients().keySet()) {
          double[] theta = w0.get(name).data().clone();
          double[] fd = RefGradientCheck.centralDifference(theta, t -> {
            model.setWeights(Map.of(name, new TensorValue(w0.get(name).shape(), t.clone())));
            return RefGradientCheck.dot(r.data(), model.forward(batch, training).data());
          });
          model.setWeights(w0);
          assertGradient((training ? "training" : "inference") + " d" + name, fd,
              g.weightGradients().get(name).data());
        }
      }
    }
  }

  @Test
  void everyNewLayerCompilesAndRuns() {
    try (RefModel model = RefModels.compile(Optimizer.sgd(0.1), Loss.meanSquaredError(), Input.shape(4, 4, 2),
        Conv2D.of(3, 3).withPadding(Padding.SAME).withActivation(ActivationFn.SELU), LeakyReLU.create(),
        PReLU.perChannel(), ELU.alpha(0.5), MaxPooling2D.of(2),
        AveragePooling2D.of(2).withStrides(1).withPadding(Padding.SAME), GlobalAveragePooling2D.create(),
        Reshape.to(3, 1), Softmax.axis(0), Reshape.to(-1), Maxout.of(4, 2),
        Dense.units(2).withActivation(ActivationFn.ELU))) {
      Batch batch = new Batch(RefModels.floats(new Random(211), 2 * 32, -1, 1), new float[4], 2);
      assertEquals(Shape.of(2, 2), model.forward(batch, false).shape());
      Gradients g = model.lossGradients(batch);
      assertEquals(model.spec().trainableWeightNames(), java.util.List.copyOf(g.weightGradients().keySet()));
      g.weightGradients().values().forEach(t -> assertTrue(java.util.Arrays.stream(t.data()).allMatch(
          Double::isFinite)));
      float[] out = model.predict(batch);
      assertEquals(4, out.length);
      for (float v : out) {
        assertTrue(Float.isFinite(v));
      }
    }
  }

  private static double[] add(double[] a, double[] b) {
    double[] c = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i] + b[i];
    }
    return c;
  }

  private static double[] sgd(double[] w, double[] g, double lr) {
    double[] out = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = w[i] - g[i] * lr;
    }
    return out;
  }
}
