package dev.layerwise.open;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.FitOptions;
import dev.layerwise.NdValue;
import dev.layerwise.Predictions;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.tf.TfSavedModel;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A float64 model keeps float64 all the way: weights given as doubles ({@code Initializer.fromArray}), samples given
 * as doubles, predictions, forward passes and training steps, each checked against arithmetic done here in double
 * to 1e-12 with values float32 cannot hold (rounded anywhere on the way, they would be off by about 1e-8). A float32
 * model given the same doubles rounds them.
 */
class Float64EndToEndTest {
  private static final double TOLERANCE = 1e-12;
  private static final double[][] W = {{0.1, -0.7}, {1.0 / 3, 0.3}};
  private static final double[] B = {0.01, -0.2};
  private static final double[][] X = {{0.7, -1.9}, {1.0 / 7, 2.3}, {-0.6, 0.45}};
  private static final double[][] T = {{0.2, 0.1}, {-0.3, 1.0 / 9}, {0.05, -0.8}};
  private static final double LEARNING_RATE = 0.1;

  private static Sequential linear() {
    return Sequential.of(Input.shape(2), Dense.units(2)
        .withKernelInitializer(Initializer.fromArray(NdValue.fromArray(W)))
        .withBiasInitializer(Initializer.fromArray(NdValue.fromArray(B))));
  }

  private static CompiledModel compile(String backend, DType dtype) {
    return linear().compile(Backend.named(backend), TrainingConfig.of(Optimizer.sgd(LEARNING_RATE),
        Loss.meanSquaredError()).withDType(dtype));
  }

  private static double[][] affine(double[][] x, double[][] w, double[] b) {
    double[][] y = new double[x.length][2];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 2; j++) {
        y[i][j] = b[j] + x[i][0] * w[0][j] + x[i][1] * w[1][j];
      }
    }
    return y;
  }

  private static double[] flat(double[][] a) {
    double[] out = new double[a.length * a[0].length];
    for (int i = 0; i < a.length; i++) {
      System.arraycopy(a[i], 0, out, i * a[i].length, a[i].length);
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void predictionsAndForwardPassesStayInFloat64(String backend) {
    try (CompiledModel m = compile(backend, DType.FLOAT64)) {
      assertEquals(NdValue.fromArray(W), m.weight("dense/kernel"), "the given weights, not rounded");
      NdValue expected = NdValue.fromArray(affine(X, W, B));
      NdValue predicted = m.predict(NdValue.fromArray(X));
      assertEquals(DType.FLOAT64, predicted.dtype());
      assertEquals(0, expected.maxAbsDifference(predicted), TOLERANCE, "predict(NdValue)");
      Predictions p = m.predictOutputs(Dataset.featuresOnly(flat(X), Shape.of(2)));
      assertEquals(0, expected.maxAbsDifference(p.value("dense")), TOLERANCE, "predictOutputs");
      assertArrayEquals(expected.toFloatArray(), p.get("dense"), "get() gives them rounded to float32");
      assertEquals(0, expected.maxAbsDifference(m.forward(NdValue.fromArray(X), false).output()), TOLERANCE,
          "forward");
    }
  }

  /** One SGD step on all three samples: W ← W − η·xᵀ·δ, b ← b − η·Σδ, δ = 2(y − t)/(n·2). */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void trainingStepsOnDoublesAsGiven(String backend) {
    double[][] y = affine(X, W, B);
    double[][] w = {W[0].clone(), W[1].clone()};
    double[] b = B.clone();
    for (int i = 0; i < X.length; i++) {
      for (int j = 0; j < 2; j++) {
        double delta = 2 * (y[i][j] - T[i][j]) / (X.length * 2);
        w[0][j] -= LEARNING_RATE * X[i][0] * delta;
        w[1][j] -= LEARNING_RATE * X[i][1] * delta;
        b[j] -= LEARNING_RATE * delta;
      }
    }
    try (CompiledModel m = compile(backend, DType.FLOAT64)) {
      m.fit(Dataset.of(flat(X), Shape.of(2), flat(T), Shape.of(2)), FitOptions.builder().epochs(1).batchSize(3)
          .shuffle(false).quiet().build());
      assertEquals(0, NdValue.fromArray(w).maxAbsDifference(m.weight("dense/kernel")), TOLERANCE, "kernel");
      assertEquals(0, NdValue.fromArray(b).maxAbsDifference(m.weight("dense/bias")), TOLERANCE, "bias");
    }
  }

  /** The decided export of a float64 model: a float32 SavedModel, its predictions the float64 ones rounded. */
  @Test
  void aFloat64ModelExportsAFloat32SavedModel(@TempDir Path dir) {
    try (CompiledModel m = compile("reference", DType.FLOAT64)) {
      NdValue exact = m.predict(NdValue.fromArray(X));
      Path exported = m.exportSavedModel(dir);
      try (TfSavedModel served = TfSavedModel.load(exported)) {
        float[] p = served.predict(NdValue.fromArray(X).toFloatArray(), X.length);
        assertTrue(NdValue.of(exact.shape(), p).allClose(exact, 1e-6, 1e-7), Arrays.toString(p) + " vs " + exact);
        assertTrue(exact.maxAbsDifference(NdValue.of(exact.shape(), p)) > 0, "computed in float32");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void aFloat32ModelRoundsWhatItIsGiven(String backend) {
    try (CompiledModel m = compile(backend, DType.FLOAT32)) {
      NdValue fromDoubles = m.predict(NdValue.fromArray(X));
      assertEquals(fromDoubles, m.predict(NdValue.fromArray(X).withDType(DType.FLOAT32)), "the data was rounded");
      NdValue rounded = NdValue.fromArray(W).withDType(DType.FLOAT32);
      assertEquals(rounded.withDType(m.dtype()), m.weight("dense/kernel"), "so were the given weights");
    }
  }
}
