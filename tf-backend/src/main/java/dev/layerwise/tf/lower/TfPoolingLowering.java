package dev.layerwise.tf.lower;

import dev.layerwise.layers.AveragePooling2D;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.Size2D;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.OperationBuilder;
import org.tensorflow.op.Scope;
import org.tensorflow.types.family.TFloating;

/**
 * 2-D pooling over NHWC images with TF's own kernels. {@code MaxPool}: padded positions never win; on an exact tie
 * the CPU gradient goes to the first element of the window in row-major order. Emitted as {@code MaxPool} with the
 * window and strides as attributes, not as the {@code MaxPoolV2} that TF Java's {@code nn.maxPool} builds (window and
 * strides as tensors): oneDNN rewrites only the former, and the latter's gradient ({@code MaxPoolGradV2}, Eigen's
 * kernel) took 24% of a Fashion-MNIST CNN step (3.2 of 13.5 ms, bench's {@code CnnOpProfile}) against 0.3 ms. Both
 * compute the same maxima and route the gradient to the same element. {@code AvgPool}: with SAME padding each window divides by its count of real positions, so border
 * windows average fewer values. Global average pooling is {@code Mean} over axes 1 and 2.
 */
final class TfPoolingLowering {
  private TfPoolingLowering() {}

  private static List<Long> window(Size2D size) {
    return List.of(1L, (long) size.height(), (long) size.width(), 1L);
  }

  static <T extends TFloating> Operand<T> max(TfScope<T> s, MaxPooling2D layer, Operand<T> x) {
    Scope scope = s.tf().scope();
    OperationBuilder b = scope.env().opBuilder("MaxPool", scope.makeOpName("MaxPool"), scope);
    return b.addInput(x.asOutput()).setAttr("ksize", longs(layer.poolSize()))
        .setAttr("strides", longs(layer.strides())).setAttr("padding", padding(layer.padding())).build()
        .<T>output(0);
  }

  private static long[] longs(Size2D size) {
    return new long[] {1, size.height(), size.width(), 1};
  }

  static <T extends TFloating> Operand<T> average(TfScope<T> s, AveragePooling2D layer, Operand<T> x) {
    return s.tf().nn.avgPool(x, window(layer.poolSize()), window(layer.strides()), padding(layer.padding()));
  }

  static <T extends TFloating> Operand<T> globalAverage(TfScope<T> s, Operand<T> x) {
    return s.tf().math.mean(x, s.ints(1, 2));
  }

  private static String padding(Padding p) {
    return p.name(); // "VALID" or "SAME", TF's own spelling
  }
}
