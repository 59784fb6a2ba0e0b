package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.FillMode;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Interpolation;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.RandomRotation;
import dev.layerwise.layers.RandomZoom;
import dev.layerwise.spi.StepResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RandomRotation and RandomZoom lowered to TF: Keras's test images through the layers with fixed draws (the
 * transforms built in the graph from the draws, then {@code ImageProjectiveTransformV3}), inference and the
 * SavedModel as the identity, training with the warp before a trainable layer, and TF's own refusal of a gradient
 * through the warp (the gradient preflight names the op before {@code addGradients} could fail).
 */
class TfRandomWarpTest {
  @TempDir Path dir;

  private static float[] arange(int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  private static double[] warp(DType dtype, Layer layer, float... draws) {
    try (CompiledModel m = TfHarness.compile(dtype, Input.shape(5, 5, 1), layer.withName("warp"))) {
      return TfHarness.forward(m, arange(25), true, Map.of("warp", draws)).data();
    }
  }

  /** Keras's rotation test: a half turn of the 5 × 5 arange image reverses it. */
  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void aHalfTurnReversesTheImageAsKerasTests(DType dtype) {
    double[] expected = new double[25];
    for (int i = 0; i < 25; i++) {
      expected[i] = 24 - i;
    }
    assertArrayEquals(expected, warp(dtype, RandomRotation.of(0.5), 0.5f), 1e-4);
  }

  /** Keras's zoom tests: zooms 1.5 (height) and 1.8 (width) with a constant 0 fill, bilinear and nearest. */
  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void zoomOutAsKerasTests(DType dtype) {
    RandomZoom zoom = RandomZoom.of(0.5, 0.8).withFillValue(0);
    assertArrayEquals(new double[] {
        0, 0, 0, 0, 0,
        0, 2.7, 4.5, 6.3, 0,
        0, 10.2, 12.0, 13.8, 0,
        0, 17.7, 19.5, 21.3, 0,
        0, 0, 0, 0, 0}, warp(dtype, zoom, 1.5f, 1.8f), 1e-5);
    assertArrayEquals(new double[] {
        0, 0, 0, 0, 0,
        0, 5, 7, 9, 0,
        0, 10, 12, 14, 0,
        0, 20, 22, 24, 0,
        0, 0, 0, 0, 0}, warp(dtype, zoom.withInterpolation(Interpolation.NEAREST), 1.5f, 1.8f), 0);
    assertArrayEquals(new double[] {
        6.0, 6.5, 7.0, 7.5, 8.0,
        8.5, 9.0, 9.5, 10.0, 10.5,
        11.0, 11.5, 12.0, 12.5, 13.0,
        13.5, 14.0, 14.5, 15.0, 15.5,
        16.0, 16.5, 17.0, 17.5, 18.0}, warp(dtype, zoom, 0.5f, 0.5f), 1e-5);
  }

  /**
   * Inference and the exported SavedModel skip both layers; a training step with them before the first trainable
   * layer runs (no gradient is asked of the warp), while a gradient with respect to the input is refused by the
   * backend's preflight, naming the op.
   */
  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void inferenceSkipsTheWarpAndTrainingNeedsNoGradientThroughIt(DType dtype) {
    float[] x = new float[2 * 6 * 6 * 2];
    Random r = new Random(3);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble();
    }
    try (CompiledModel m = TfHarness.compile(dtype, Input.shape(6, 6, 2), RandomRotation.of(0.2)
        .withFillMode(FillMode.WRAP), RandomZoom.of(0.3), Conv2D.of(2, 3), Flatten.create(), Dense.units(2))) {
      Map<String, float[]> draws = Map.of("random_rotation", new float[] {0.1f, -0.15f}, "random_zoom",
          new float[] {0.8f, 0.8f, 1.2f, 1.2f});
      double[] warped = TfHarness.forward(m, x, true, draws).data();
      double[] plain = TfHarness.infer(m, x).data();
      assertTrue(Math.abs(warped[0] - plain[0]) > 1e-6, "training mode warps");
      StepResult step = m.backendModel().trainStep(TfHarness.batch(m, x, draws), 0.1, 1);
      assertTrue(Double.isFinite(step.loss()), "training step loss " + step.loss());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> m.backendModel().lossGradients(TfHarness.batch(m, x, draws)));
      assertTrue(e.getMessage().contains("ImageProjectiveTransformV3"), e.getMessage());
      if (dtype == DType.FLOAT32) {
        float[] expected = m.backendModel().predict(TfHarness.batch(m, x));
        try (TfSavedModel served = TfSavedModel.load(m.exportSavedModel(dir.resolve("warp")))) {
          float[] got = served.predict(x, 2);
          for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], 1e-6 * Math.max(1, Math.abs(expected[i])), "exported output " + i);
          }
        }
      }
    }
  }
}
