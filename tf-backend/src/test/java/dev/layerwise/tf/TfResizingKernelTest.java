package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.CompiledModel;
import dev.layerwise.Sequential;
import dev.layerwise.TrainingConfig;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Interpolation;
import dev.layerwise.layers.Resizing;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.op.image.ResizeNearestNeighbor;
import org.tensorflow.types.TFloat32;

/**
 * Resizing samples where Keras's {@code tf.image.resize} does: the layer (two matrix products) against TF's own
 * {@code ResizeBilinear} and {@code ResizeNearestNeighbor} kernels with {@code half_pixel_centers = true}, on the
 * same random image, for shrinking, enlarging and uneven ratios. The kernel computes its sample points in float32,
 * the layer in float64: bilinear agrees to float32 rounding, nearest exactly.
 */
class TfResizingKernelTest {
  @ParameterizedTest(name = "{0}x{1} → {2}x{3} {4}")
  @CsvSource({"4, 4, 2, 2, BILINEAR", "5, 7, 3, 4, BILINEAR", "3, 2, 5, 6, BILINEAR", "6, 6, 4, 9, BILINEAR",
      "4, 4, 2, 2, NEAREST", "2, 2, 4, 4, NEAREST", "5, 7, 3, 4, NEAREST", "3, 2, 5, 6, NEAREST"})
  void matchesTfsHalfPixelKernel(int h, int w, int outH, int outW, Interpolation interpolation) {
    int c = 2;
    float[] x = new float[h * w * c];
    Random r = new Random(h * 31 + w);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (r.nextDouble() * 255);
    }
    float[] kernel = kernel(x, h, w, c, outH, outW, interpolation);
    Sequential model = Sequential.of(Input.shape(h, w, c), Resizing.to(outH, outW).withInterpolation(interpolation));
    try (CompiledModel m = model.compile(TfHarness.tf(), TrainingConfig.of(Optimizer.sgd(0.1),
        Loss.meanSquaredError()))) {
      float[] layer = m.predict(x);
      for (int i = 0; i < kernel.length; i++) {
        assertEquals(kernel[i], layer[i], interpolation == Interpolation.NEAREST ? 0 : 255 * 1e-6, "value " + i);
      }
    }
  }

  private static float[] kernel(float[] x, int h, int w, int c, int outH, int outW, Interpolation interpolation) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> image = tf.constant(Shape.of(1, h, w, c), DataBuffers.of(x, true, false));
      Operand<TFloat32> resized = interpolation == Interpolation.BILINEAR
          ? tf.image.resizeBilinear(image, tf.constant(new int[] {outH, outW}),
              ResizeBilinear.halfPixelCenters(true))
          : tf.image.resizeNearestNeighbor(image, tf.constant(new int[] {outH, outW}),
              ResizeNearestNeighbor.halfPixelCenters(true));
      float[] out = new float[outH * outW * c];
      try (Result res = s.runner().fetch(resized).run()) {
        ((TFloat32) res.get(0)).copyTo(DataBuffers.of(out, false, false));
      }
      return out;
    }
  }
}
