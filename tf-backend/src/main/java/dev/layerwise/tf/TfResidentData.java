package dev.layerwise.tf;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DoubleDataBuffer;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * The training data held in the session for multi-step calls ({@link TfChunkGraph}): one variable per model input,
 * one per output's labels and one for the sample weights, each {@code [n, ...sample shape]}, assigned from a feed —
 * not baked in as a constant, which would copy the data into the GraphDef (188 MB for Fashion-MNIST; protobuf
 * refuses 2 GB) — and read by {@code GatherV2} with the sample indices of a step. Uploaded again only when a fit
 * brings other arrays ({@link Dataset#sameArrays}). Data without sample weights holds ones, what the one-step
 * graph's weight placeholder defaults to: leaving the product out gives the same values but not the same bits after
 * Grappler's rewrites (measured on a regression with batch normalisation), so the steps keep it.
 *
 * <p>Memory: the session keeps one copy of the data in the model's precision (4 or 8 bytes a value) until the model
 * is closed or other data replaces it; uploading briefly needs a second (the fed tensor).
 */
final class TfResidentData<T extends TFloating> {
  private static final int ROWS_PER_COPY = 4096;

  private final TfModelGraph<T> g;
  private final List<Variable<T>> features = new ArrayList<>();
  private final List<Variable<T>> targets = new ArrayList<>();
  private final Variable<T> weights;
  /** The placeholder and assign op of each variable: features, then targets, then weights. */
  private final List<Placeholder<T>> values = new ArrayList<>();
  private final List<Assign<T>> assigns = new ArrayList<>();
  private final int size;
  private Dataset held;

  /** Variables for datasets of {@code size} samples. */
  TfResidentData(TfModelGraph<T> g, int size) {
    this.g = g;
    this.size = size;
    Ops tf = g.scope.tf().withSubScope("resident_data");
    for (int k = 0; k < g.xs.size(); k++) {
      features.add(variable(tf, "x_" + k, g.xs.get(k)));
    }
    for (int k = 0; k < g.ys.size(); k++) {
      targets.add(variable(tf, "y_" + k, g.ys.get(k)));
    }
    weights = variable(tf, "sample_weights", g.sampleWeights);
  }

  /** The number of samples the variables hold. */
  int size() {
    return size;
  }

  /** A variable of the placeholder's sample shape and {@code size} rows, and its assign op. */
  private Variable<T> variable(Ops tf, String name, Operand<T> like) {
    long[] dims = like.shape().asArray();
    dims[0] = size;
    org.tensorflow.ndarray.Shape shape = org.tensorflow.ndarray.Shape.of(dims);
    Variable<T> v = tf.withName(name).variable(shape, g.scope.type());
    Placeholder<T> p = tf.withName(name + "_value").placeholder(g.scope.type(), Placeholder.shape(shape));
    values.add(p);
    assigns.add(tf.withName(name + "_assign").assign(v, p));
    return v;
  }

  /** Each input's features of the samples, {@code [b, ...input shape]}. */
  List<Operand<T>> features(Ops tf, Operand<TInt32> samples) {
    return gathered(tf, features, samples);
  }

  /** Each output's labels of the samples. */
  List<Operand<T>> targets(Ops tf, Operand<TInt32> samples) {
    return gathered(tf, targets, samples);
  }

  /** The samples' weights, {@code [b]} (ones for data without sample weights). */
  Operand<T> weights(Ops tf, Operand<TInt32> samples) {
    return tf.gather(weights, samples, tf.constant(0));
  }

  private static <T extends TFloating> List<Operand<T>> gathered(Ops tf, List<Variable<T>> vars,
      Operand<TInt32> samples) {
    List<Operand<T>> out = new ArrayList<>();
    vars.forEach(v -> out.add(tf.gather(v, samples, tf.constant(0))));
    return out;
  }

  /** Bytes the data takes in the session, for the decision to hold it at all. */
  static long bytes(Dataset data, boolean isDouble) {
    long perSample = 1;
    for (Shape s : data.featureShapes()) {
      perSample += s.size();
    }
    for (Shape s : data.targetShapes()) {
      perSample += s.size();
    }
    return perSample * data.size() * (isDouble ? 8 : 4);
  }

  /** Makes the session hold {@code data} (arranged in the model's order), unless it holds those arrays already. */
  void hold(Session session, Dataset data) {
    checkArgument(data.size() == size, "resident data for %s samples cannot hold %s", size, data.size());
    if (data.sameArrays(held)) {
      return;
    }
    held = null;
    int n = data.size();
    List<Tensor> owned = new ArrayList<>();
    try {
      List<Tensor> tensors = new ArrayList<>();
      for (Shape s : data.featureShapes()) {
        tensors.add(allocate(owned, n, s));
      }
      for (Shape s : data.targetShapes()) {
        tensors.add(allocate(owned, n, s));
      }
      copyRows(data, tensors);
      Tensor w = allocate(owned, n, Shape.scalar());
      double[] ws = new double[n];
      if (data.hasSampleWeights()) {
        data.gatherSampleWeights(null, 0, n, ws);
      } else {
        Arrays.fill(ws, 1);
      }
      write(w, ws, 0, n);
      tensors.add(w);
      Session.Runner runner = session.runner();
      for (int i = 0; i < tensors.size(); i++) {
        runner.feed(values.get(i), tensors.get(i)).addTarget(assigns.get(i));
      }
      try (Result r = runner.run()) {
        held = data;
      }
    } finally {
      owned.forEach(Tensor::close);
    }
  }

  private Tensor allocate(List<Tensor> owned, int n, Shape sample) {
    int[] d = sample.dims();
    long[] dims = new long[d.length + 1];
    dims[0] = n;
    for (int i = 0; i < d.length; i++) {
      dims[i + 1] = d[i];
    }
    org.tensorflow.ndarray.Shape shape = org.tensorflow.ndarray.Shape.of(dims);
    Tensor t = g.scope.isDouble() ? TFloat64.tensorOf(shape) : TFloat32.tensorOf(shape);
    owned.add(t);
    return t;
  }

  /** Copies every feature and target array into its tensor, a few thousand rows at a time. */
  private void copyRows(Dataset data, List<Tensor> tensors) {
    int nx = data.featureShapes().size();
    List<Shape> shapes = new ArrayList<>(data.featureShapes());
    shapes.addAll(data.targetShapes());
    int rows = Math.min(ROWS_PER_COPY, data.size());
    boolean isDouble = g.scope.isDouble();
    List<float[]> xf = new ArrayList<>();
    List<float[]> yf = new ArrayList<>();
    List<double[]> xd = new ArrayList<>();
    List<double[]> yd = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      int size = rows * shapes.get(i).size();
      if (isDouble) {
        (i < nx ? xd : yd).add(new double[size]);
      } else {
        (i < nx ? xf : yf).add(new float[size]);
      }
    }
    for (int from = 0; from < data.size(); from += rows) {
      int count = Math.min(rows, data.size() - from);
      if (isDouble) {
        data.copyRangeDoubles(from, count, xd, yd);
      } else {
        data.copyRange(from, count, xf, yf);
      }
      for (int i = 0; i < shapes.size(); i++) {
        int per = shapes.get(i).size();
        long at = (long) from * per;
        if (isDouble) {
          write(tensors.get(i), (i < nx ? xd.get(i) : yd.get(i - nx)), at, count * per);
        } else {
          FloatDataBuffer buf = tensors.get(i).asRawTensor().data().asFloats();
          buf.offset(at).write(i < nx ? xf.get(i) : yf.get(i - nx), 0, count * per);
        }
      }
    }
  }

  /** Writes {@code count} values from src into the tensor at {@code at}, rounding to float32 in a float32 tensor. */
  private static void write(Tensor t, double[] src, long at, int count) {
    if (TfTensors.isDouble(t)) {
      DoubleDataBuffer buf = t.asRawTensor().data().asDoubles();
      buf.offset(at).write(src, 0, count);
    } else {
      FloatDataBuffer buf = t.asRawTensor().data().asFloats();
      for (int i = 0; i < count; i++) {
        buf.setFloat((float) src[i], at + i);
      }
    }
  }
}
