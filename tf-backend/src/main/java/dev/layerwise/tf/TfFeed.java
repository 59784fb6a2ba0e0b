package dev.layerwise.tf;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DoubleDataBuffer;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * A tensor allocated once and overwritten before every run, so the training loop creates no tensors per step
 * (creating one costs several microseconds; copying into an existing one about one). TF copies fed values it
 * keeps (variables), so the buffer may be rewritten once the run's fetched results have been read. One run at a
 * time: {@link TfFeedPool} lends each feed to a single run.
 */
final class TfFeed implements AutoCloseable {
  private final Tensor tensor;
  private final FloatDataBuffer floats;
  private final DoubleDataBuffer doubles;
  private final int size;
  private final int batchSize;
  private double[] scratch;
  private volatile boolean closed;

  private TfFeed(Tensor tensor, int size, int batchSize, boolean isDouble) {
    this.tensor = tensor;
    this.size = size;
    this.batchSize = batchSize;
    this.floats = isDouble ? null : tensor.asRawTensor().data().asFloats();
    this.doubles = isDouble ? tensor.asRawTensor().data().asDoubles() : null;
  }

  static TfFeed allocate(boolean isDouble, long... dims) {
    Shape shape = Shape.of(dims);
    Tensor t = isDouble ? TFloat64.tensorOf(shape) : TFloat32.tensorOf(shape);
    return new TfFeed(t, (int) shape.size(), (int) dims[0], isDouble);
  }

  /** The first dimension: samples for a batch feed. */
  int batchSize() {
    return batchSize;
  }

  Tensor tensor() {
    return tensor;
  }

  /** Fills the tensor from the first {@code size} values of src. */
  TfFeed write(float[] src) {
    if (floats != null) {
      floats.write(src, 0, size);
    } else {
      double[] d = scratch();
      for (int i = 0; i < size; i++) {
        d[i] = src[i];
      }
      doubles.write(d, 0, size);
    }
    return this;
  }

  /** Fills the tensor from src (rounded to float32 in a float32 tensor). */
  TfFeed write(double[] src) {
    if (doubles != null) {
      doubles.write(src, 0, size);
    } else {
      for (int i = 0; i < size; i++) {
        floats.setFloat((float) src[i], i);
      }
    }
    return this;
  }

  private double[] scratch() {
    if (scratch == null) {
      scratch = new double[size];
    }
    return scratch;
  }

  /** Whether {@link #close} was called (TF's tensors do not say). */
  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    tensor.close();
  }
}
