package dev.layerwise.tf;

import static dev.layerwise.tf.TfHarness.assertClose;
import static dev.layerwise.tf.TfHarness.compile;
import static dev.layerwise.tf.TfHarness.floats;
import static dev.layerwise.tf.TfHarness.tolerance;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.Shape;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Input;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.DropoutMasks;
import dev.layerwise.spi.Gradients;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TfDropoutTest {
  private static final double RATE = 0.25;
  private static final double[] X = {1, -2, 0.5, 4, /* second */ -0.75, 3, 2, -1};
  private static final float[] MASK = {1, 0, 1, 1, 0, 0, 1, 1};

  @ParameterizedTest
  @EnumSource(DType.class)
  void trainingKeepsMaskedValuesScaledByOneOverKeepAndInferenceIsTheIdentity(DType dtype) {
    try (CompiledModel m = compile(dtype, Input.shape(2, 2), Dropout.rate(RATE))) {
      double[] expected = new double[8];
      for (int i = 0; i < 8; i++) {
        expected[i] = X[i] * MASK[i] / (1 - RATE);
      }
      Shape shape = Shape.of(2, 2, 2);
      Map<String, float[]> masks = Map.of("dropout", MASK);
      assertClose(expected, TfHarness.forward(m, floats(X), true, masks), shape, tolerance(dtype), "training");
      assertClose(X, TfHarness.forward(m, floats(X), false, masks), shape, 0, "inference");
      assertArrayEquals(floats(X), m.backendModel().predict(Batch.features(floats(X), 2)), "predict");
      double[] dx = new double[8];
      for (int i = 0; i < 8; i++) {
        dx[i] = MASK[i] / (1 - RATE);
      }
      Gradients g = m.backendModel().outputGradients(TfHarness.batch(m, floats(X), masks), TfHarness.ones(shape),
          true);
      assertClose(dx, g.inputGradient(), shape, tolerance(dtype), "training dx");
      g = m.backendModel().outputGradients(TfHarness.batch(m, floats(X)), TfHarness.ones(shape), false);
      assertClose(new double[] {1, 1, 1, 1, 1, 1, 1, 1}, g.inputGradient(), shape, 0, "inference dx");
    }
  }

  @Test
  void masksFromDropoutMasksDropAboutRateOfTheUnits() {
    try (CompiledModel m = compile(DType.FLOAT32, Input.shape(1000), Dropout.rate(0.4))) {
      float[] x = new float[2000];
      java.util.Arrays.fill(x, 1f);
      Map<String, float[]> masks = new DropoutMasks(m.spec()).draw(2, 42);
      double[] y = TfHarness.forward(m, x, true, masks).data();
      int dropped = 0;
      for (int i = 0; i < y.length; i++) {
        assertTrue(y[i] == 0 || Math.abs(y[i] - 1 / 0.6) < 1e-6, "kept values are scaled by 1/(1 − rate)");
        dropped += y[i] == 0 ? 1 : 0;
        assertTrue((y[i] == 0) == (masks.get("dropout")[i] == 0), "the fed mask decides");
      }
      assertTrue(dropped > 700 && dropped < 900, "dropped " + dropped + " of 2000 at rate 0.4");
    }
  }

  @Test
  void aTrainingPassWithoutItsMaskIsAClearError() {
    try (CompiledModel m = compile(DType.FLOAT32, Input.shape(4), Dropout.rate(RATE).withName("drop"))) {
      BackendModel b = m.backendModel();
      Batch noMask = TfHarness.batch(m, floats(X));
      missing(() -> b.trainStep(noMask, 0.1, 1), "trainStep");
      missing(() -> b.lossGradients(noMask), "lossGradients");
      missing(() -> b.forward(noMask, true), "forward");
      missing(() -> b.outputGradients(noMask, TfHarness.ones(Shape.of(2, 4)), true), "outputGradients");
      Batch shortMask = TfHarness.batch(m, floats(X), Map.of("drop", new float[4]));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.trainStep(shortMask, 0.1, 1));
      assertTrue(e.getMessage().contains("'drop'") && e.getMessage().contains("8") && e.getMessage().contains("4"),
          e.getMessage());
      // Inference needs no mask.
      b.evaluate(noMask);
      b.forward(noMask, false);
    }
  }

  private static void missing(Executable call, String what) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(what) && e.getMessage().contains("Dropout 'drop'")
        && e.getMessage().contains("DropoutMasks"), e.getMessage());
  }
}
