package dev.layerwise.tf;

import static dev.layerwise.tf.TfHarness.assertClose;
import static dev.layerwise.tf.TfHarness.compile;
import static dev.layerwise.tf.TfHarness.floats;
import static dev.layerwise.tf.TfHarness.infer;
import static dev.layerwise.tf.TfHarness.ones;
import static dev.layerwise.tf.TfHarness.set;
import static dev.layerwise.tf.TfHarness.tolerance;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.FitOptions;
import dev.layerwise.SavedModelExport;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Hardmax;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Maxout;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.TensorValue;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TfMaxoutHardmaxTest {
  @TempDir Path dir;

  /** 2 inputs → 2 units × 3 pieces: kernel column j·3 + p is piece p of unit j. */
  private static final double[] KERNEL = {1, -1, 0.5, 2, 0, -0.5, /* row 2 */ 0.25, 1, -2, -1, 0.5, 1};
  private static final double[] BIAS = {0, 0.375, -0.25, 0.125, 0, 1};

  @ParameterizedTest
  @EnumSource(DType.class)
  void maxoutKeepsTheLargestPieceOfEachUnit(DType dtype) {
    double[] x = {1, 2, -0.5, 1.5, 3, -1};
    try (CompiledModel m = compile(dtype, Input.shape(2), Maxout.of(2, 3))) {
      set(m, "maxout/kernel", Shape.of(2, 6), KERNEL);
      set(m, "maxout/bias", Shape.of(6), BIAS);
      double[] expected = new double[6];
      double[] dKernel = new double[12];
      for (int n = 0; n < 3; n++) {
        for (int j = 0; j < 2; j++) {
          double best = Double.NEGATIVE_INFINITY;
          int winner = -1;
          for (int p = 0; p < 3; p++) {
            int col = j * 3 + p;
            double z = x[n * 2] * KERNEL[col] + x[n * 2 + 1] * KERNEL[6 + col] + BIAS[col];
            if (z > best) {
              best = z;
              winner = col;
            }
          }
          expected[n * 2 + j] = best;
          dKernel[winner] += x[n * 2];
          dKernel[6 + winner] += x[n * 2 + 1];
        }
      }
      assertClose(expected, infer(m, floats(x)), Shape.of(3, 2), tolerance(dtype), "maxout");
      Gradients g = m.backendModel().outputGradients(TfHarness.batch(m, floats(x)), ones(Shape.of(3, 2)), false);
      assertClose(dKernel, g.weightGradients().get("maxout/kernel").data(), tolerance(dtype), "maxout dW");
    }
  }

  /** Pieces that tie exactly share the unit's gradient evenly (TF's Max gradient; the api's convention). */
  @Test
  void maxoutSplitsTheGradientEvenlyAmongTiedPieces() {
    try (CompiledModel m = compile(DType.FLOAT64, Input.shape(1), Maxout.of(1, 3).withUseBias(false))) {
      set(m, "maxout/kernel", Shape.of(1, 3), 2, 2, -1);
      Gradients g = m.backendModel().outputGradients(TfHarness.batch(m, floats(1.5)), ones(Shape.of(1, 1)), false);
      assertArrayEquals(new double[] {0.75, 0.75, 0}, g.weightGradients().get("maxout/kernel").data(), 0);
      assertArrayEquals(new double[] {2}, g.inputGradient().data(), 0);
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void hardmaxMarksTheFirstLargestValue(DType dtype) {
    double[] x = {0.1, 0.5, 0.5, -1, /* second */ -3, -2, -2.5, -7};
    try (CompiledModel m = compile(dtype, Input.shape(4), Hardmax.create())) {
      assertClose(new double[] {0, 1, 0, 0, 0, 1, 0, 0}, infer(m, floats(x)), Shape.of(2, 4), 0, "hardmax");
      assertArrayEquals(floats(0, 1, 0, 0, 0, 1, 0, 0), m.backendModel().predict(Batch.features(floats(x), 2)));
    }
  }

  @Test
  void aModelWithHardmaxPredictsEvaluatesAndExportsButRefusesEveryGradient() {
    try (CompiledModel m = compile(DType.FLOAT32, Input.shape(3), Dense.units(4), Hardmax.create())) {
      BackendModel b = m.backendModel();
      float[] x = floats(1, -2, 0.5, 0.25, 3, -1);
      Batch batch = new Batch(x, new float[8], 2);
      float[] p = b.predict(Batch.features(x, 2));
      for (int s = 0; s < 2; s++) {
        double rowSum = 0;
        for (int j = 0; j < 4; j++) {
          rowSum += p[s * 4 + j];
        }
        assertTrue(rowSum == 1, "one-hot rows");
      }
      assertTrue(Double.isFinite(b.evaluate(batch).loss()));
      b.forward(batch, true);
      Map<String, TensorValue> before = b.weights();
      TensorValue r = ones(Shape.of(2, 4));
      refused(() -> b.trainStep(batch, 0.1, 1), "trainStep");
      refused(() -> b.lossGradients(batch), "lossGradients");
      refused(() -> b.outputGradients(batch, r, true), "outputGradients");
      refused(() -> b.outputGradients(batch, r, false), "outputGradients");
      Map<String, TensorValue> grads = Map.of("dense/kernel", TensorValue.zeros(Shape.of(3, 4)),
          "dense/bias", TensorValue.zeros(Shape.of(4)));
      refused(() -> b.applyGradients(grads, 0.1, 1), "applyGradients");
      assertTrue(before.equals(b.weights()), "nothing changed");
      Dataset data = Dataset.of(x, Shape.of(3), new float[8], Shape.of(4));
      IllegalArgumentException fit = assertThrows(IllegalArgumentException.class,
          () -> m.fit(data, FitOptions.builder().epochs(1).batchSize(2).quiet().build()));
      assertTrue(fit.getMessage().contains("Hardmax 'hardmax'"), fit.getMessage());
      Path exported = m.exportSavedModel(SavedModelExport.to(dir));
      try (TfSavedModel served = TfSavedModel.load(exported)) {
        assertArrayEquals(p, served.predict(x, 2));
      }
    }
  }

  private static void refused(Executable call, String what) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(what) && e.getMessage().contains("Hardmax 'hardmax'")
        && e.getMessage().contains("not differentiable"), e.getMessage());
  }
}
