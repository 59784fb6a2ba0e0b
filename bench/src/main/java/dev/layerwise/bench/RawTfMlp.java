package dev.layerwise.bench;

import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The baseline: the same MLP (784 → 128 ReLU → 10, Adam, sparse cross-entropy from logits) written directly
 * against TF Java the way a careful user would: one graph, {@code addGradients}, {@code ApplyAdam} with fed
 * learning rate and β-powers, feed tensors allocated once per batch size and overwritten, one
 * {@code Session.run} per step, shuffled batches gathered in Java. No Layerwise code on the step path.
 *
 * <p>With {@code checkFinite} every update waits for an {@code Assert} that the loss and every gradient are finite
 * (what Keras's {@code LossScaleOptimizer} and PyTorch's {@code GradScaler} check): the cheaper alternative to the
 * backend's step guard, which also checks the updated values.
 */
final class RawTfMlp implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TFloat32> x;
  private final Placeholder<TInt32> y;
  private final Placeholder<TFloat32> lr;
  private final Placeholder<TFloat32> b1p;
  private final Placeholder<TFloat32> b2p;
  private final Operand<TFloat32> loss;
  private final Op train;

  RawTfMlp(long seed, int threads) {
    this(seed, threads, false);
  }

  RawTfMlp(long seed, int threads, boolean checkFinite) {
    Ops tf = Ops.create(graph);
    x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 784)));
    y = tf.withName("y").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    lr = tf.withName("lr").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    b1p = tf.withName("b1p").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    b2p = tf.withName("b2p").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    SeededRandom r = new SeededRandom(seed);
    Variable<TFloat32> w1 = tf.withName("w1").variable(tf.constant(glorot(r, 784, 128)));
    Variable<TFloat32> b1 = tf.withName("b1").variable(tf.constant(new float[128]));
    Variable<TFloat32> w2 = tf.withName("w2").variable(tf.constant(glorot(r, 128, 10)));
    Variable<TFloat32> b2 = tf.withName("b2").variable(tf.constant(new float[10]));
    var h = tf.nn.relu(tf.nn.biasAdd(tf.linalg.matMul(x, w1), b1));
    var logits = tf.nn.biasAdd(tf.linalg.matMul(h, w2), b2);
    var oneHot = tf.oneHot(y, tf.constant(10), tf.constant(1f), tf.constant(0f));
    loss = tf.math.mean(tf.math.neg(tf.reduceSum(tf.math.mul(oneHot, tf.nn.logSoftmax(logits)),
        tf.constant(1))), tf.constant(0));
    List<Variable<TFloat32>> vars = List.of(w1, b1, w2, b2);
    Output<?>[] grads = graph.addGradients(loss.asOutput(),
        vars.stream().map(Variable::asOutput).toArray(Output<?>[]::new));
    Ops update = tf;
    if (checkFinite) {
      List<Operand<TBool>> finite = new ArrayList<>(List.of(tf.math.isFinite(loss)));
      for (int i = 0; i < vars.size(); i++) {
        int rank = vars.get(i).shape().numDimensions();
        finite.add(tf.reduceAll(tf.math.isFinite(grads[i].expect(TFloat32.class)),
            tf.constant(rank == 2 ? new int[] {0, 1} : new int[] {0})));
      }
      update = tf.withControlDependencies(List.of(tf.assertThat(tf.reduceAll(tf.stack(finite), tf.constant(0)),
          List.of(tf.constant("non-finite loss or gradient")))));
    }
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      Variable<TFloat32> v = vars.get(i);
      Variable<TFloat32> m = tf.withInitScope().variable(tf.withInitScope().zerosLike(v));
      Variable<TFloat32> s = tf.withInitScope().variable(tf.withInitScope().zerosLike(v));
      updates.add(update.train.applyAdam(v, m, s, b1p, b2p, lr, tf.constant(0.9f), tf.constant(0.999f),
          tf.constant(1e-7f), grads[i].expect(TFloat32.class)));
    }
    train = tf.withControlDependencies(updates).noOp();
    ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(threads)
        .setInterOpParallelismThreads(threads).build();
    session = new Session(graph, config);
    session.initialize();
  }

  static float[][] glorot(SeededRandom r, int in, int out) {
    double limit = Math.sqrt(6.0 / (in + out));
    float[][] w = new float[in][out];
    for (float[] row : w) {
      for (int j = 0; j < out; j++) {
        row[j] = (float) r.nextUniform(-limit, limit);
      }
    }
    return w;
  }

  /** One shuffled epoch; returns the mean loss. */
  double epoch(Dataset data, int batch, long shuffleSeed, long firstStep) {
    int n = data.size();
    int[] order = ResidentTfLoop.shuffled(n, shuffleSeed);
    float[] xb = new float[batch * 784];
    float[] yb = new float[batch];
    int[] yi = new int[batch];
    double lossSum = 0;
    long step = firstStep;
    try (TFloat32 lrT = TFloat32.scalarOf(1e-3f); TFloat32 b1T = TFloat32.scalarOf(0f);
        TFloat32 b2T = TFloat32.scalarOf(0f); Feeds full = new Feeds(batch); Feeds tail = new Feeds(n % batch)) {
      for (int from = 0; from < n; from += batch, step++) {
        int k = Math.min(batch, n - from);
        data.gather(order, from, k, xb, yb);
        for (int i = 0; i < k; i++) {
          yi[i] = (int) yb[i];
        }
        Feeds f = k == batch ? full : tail;
        f.xBuf.write(xb, 0, k * 784);
        f.yT.asRawTensor().data().asInts().write(yi, 0, k);
        b1T.setFloat((float) Math.pow(0.9, step));
        b2T.setFloat((float) Math.pow(0.999, step));
        try (Result res = session.runner().feed(x, f.xT).feed(y, f.yT).feed(lr, lrT).feed(b1p, b1T).feed(b2p, b2T)
            .fetch(loss).addTarget(train).run()) {
          lossSum += ((TFloat32) res.get(0)).getFloat() * k;
        }
      }
    }
    return lossSum / n;
  }

  /** Feed tensors for one batch size. */
  private static final class Feeds implements AutoCloseable {
    final TFloat32 xT;
    final TInt32 yT;
    final FloatDataBuffer xBuf;

    Feeds(int rows) {
      xT = TFloat32.tensorOf(Shape.of(Math.max(rows, 1), 784));
      yT = TInt32.tensorOf(Shape.of(Math.max(rows, 1)));
      xBuf = xT.asRawTensor().data().asFloats();
    }

    @Override
    public void close() {
      xT.close();
      yT.close();
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
