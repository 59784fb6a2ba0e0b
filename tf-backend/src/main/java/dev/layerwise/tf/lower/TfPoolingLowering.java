package dev.layerwise.tf.lower;

import dev.layerwise.layers.AveragePooling2D;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.Size2D;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * 2-D pooling over NHWC images with TF's own kernels. {@code MaxPool} (emitted as {@code MaxPoolV2}): padded
 * positions never win; on an exact tie the CPU gradient goes to the first element of the window in row-major
 * order. {@code AvgPool}: with SAME padding each window divides by its count of real positions, so border
 * windows average fewer values. Global average pooling is {@code Mean} over axes 1 and 2.
 */
final class TfPoolingLowering {
  private TfPoolingLowering() {}

  private static List<Long> window(Size2D size) {
    return List.of(1L, (long) size.height(), (long) size.width(), 1L);
  }

  private static int[] windowInts(Size2D size) {
    return new int[] {1, size.height(), size.width(), 1};
  }

  static <T extends TFloating> Operand<T> max(TfScope<T> s, MaxPooling2D layer, Operand<T> x) {
    return s.tf().nn.maxPool(x, s.ints(windowInts(layer.poolSize())), s.ints(windowInts(layer.strides())),
        padding(layer.padding()));
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
