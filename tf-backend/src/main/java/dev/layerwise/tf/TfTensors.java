package dev.layerwise.tf;

import dev.layerwise.Shape;
import dev.layerwise.spi.TensorValue;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.ByteDataBuffer;
import org.tensorflow.proto.DataType;

/** Copies between TF tensors and Java arrays. */
final class TfTensors {
  private TfTensors() {}

  static boolean isDouble(Tensor t) {
    return t.dataType() == DataType.DT_DOUBLE;
  }

  /** All values of a float32 or float64 tensor, widened to double. */
  static double[] readDoubles(Tensor t) {
    int n = (int) t.shape().size();
    double[] out = new double[n];
    ByteDataBuffer data = t.asRawTensor().data();
    if (isDouble(t)) {
      data.asDoubles().read(out, 0, n);
    } else {
      var f = data.asFloats();
      for (int i = 0; i < n; i++) {
        out[i] = f.getFloat(i);
      }
    }
    return out;
  }

  /** The first {@code count} values, as float32. */
  static float[] readFloats(Tensor t, int count) {
    float[] out = new float[count];
    ByteDataBuffer data = t.asRawTensor().data();
    if (isDouble(t)) {
      var d = data.asDoubles();
      for (int i = 0; i < count; i++) {
        out[i] = (float) d.getDouble(i);
      }
    } else {
      data.asFloats().read(out, 0, count);
    }
    return out;
  }

  static double readScalar(Tensor t) {
    ByteDataBuffer data = t.asRawTensor().data();
    return isDouble(t) ? data.asDoubles().getDouble(0) : data.asFloats().getFloat(0);
  }

  /** A value as a TensorValue whose shape is read from the tensor. */
  static TensorValue toValue(Tensor t) {
    long[] dims = t.shape().asArray();
    int[] d = new int[dims.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = (int) dims[i];
    }
    return new TensorValue(d.length == 0 ? Shape.scalar() : Shape.of(d), readDoubles(t));
  }

  /** A new tensor of the given precision holding a value (the caller closes it). */
  static Tensor create(boolean isDouble, TensorValue value) {
    int[] d = value.shape().dims();
    long[] dims = new long[d.length];
    for (int i = 0; i < d.length; i++) {
      dims[i] = d[i];
    }
    TfFeed feed = TfFeed.allocate(isDouble, dims);
    feed.write(value.data());
    return feed.tensor();
  }
}
