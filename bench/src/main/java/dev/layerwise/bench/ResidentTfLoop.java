package dev.layerwise.bench;

import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The best training loop we know how to write by hand against TF Java 1.1.0, for any model given as one step's
 * forward pass: the training set lives in the session, each {@code Session.run} trains K steps, and the only
 * things fed are the epoch's shuffled order (once per epoch), a start offset and a {@code [K, 3]} tensor of
 * learning rates and β-powers (per run); the K losses are fetched.
 *
 * <ul>
 *   <li><b>Resident data.</b> {@code X [n, …]} and {@code Y [n]} are variables assigned once from a feed, not
 *       constants (a constant would copy 188 MB into the GraphDef). Step j of a run gathers its batch in the
 *       graph: {@code idx = order[start + j·B : start + (j+1)·B]}, {@code x = gather(X, idx)}.
 *   <li><b>K steps unrolled.</b> {@code whileLoop} cannot be differentiated on 1.1.0 (it aborts the JVM), so the
 *       K steps are K copies of the step. Step j reads every variable through an {@code Identity} with control
 *       dependencies on all of step j−1's updates, and its gradients are taken with respect to those reads.
 *       Identity of a ref variable aliases its buffer and {@code ApplyAdam} writes in place, so step j's updates
 *       also wait for all of step j's gradients: no update overwrites a weight another gradient still reads.
 *   <li><b>Remainder.</b> Steps left over after the last full chunk, and the last partial batch, go through a
 *       one-step graph whose batch size is fed.
 * </ul>
 *
 * <p>Adam: {@code ApplyAdam} with β₁ = 0.9, β₂ = 0.999, ε = 1e-7 and the fed {@code lr}, {@code β₁ᵗ},
 * {@code β₂ᵗ} of step t (counted from 1), as in {@link RawTfMlp}.
 */
final class ResidentTfLoop implements AutoCloseable {

  /** What one step's forward pass sees. */
  interface Step {
    Ops tf();

    /** The batch's features, {@code [B, …]}. */
    Operand<TFloat32> x();

    /** The batch's class labels, {@code [B]}. */
    Operand<TInt32> y();

    /** The variable's value at this step: after every update of the previous step. */
    Operand<TFloat32> read(Variable<TFloat32> v);

    /** An update that is not a gradient step (batch-norm moving statistics): the next step waits for it. */
    void update(Op op);
  }

  /** One step's forward pass: returns the mean loss of the batch. Trainable weights are read with {@link Step#read}. */
  interface Model {
    Operand<TFloat32> loss(Step s);
  }

  private final Graph graph;
  private final Ops tf;
  private final Session session;
  private final Model model;
  private final List<Variable<TFloat32>> params;
  private final List<Variable<TFloat32>> m = new ArrayList<>();
  private final List<Variable<TFloat32>> v = new ArrayList<>();
  private final int n;
  private final Variable<TFloat32> xAll;
  private final Variable<TInt32> yAll;
  private final Variable<TInt32> order;
  private final Placeholder<TInt32> orderFeed;
  private final Op assignOrder;
  private final Map<Long, Chunk> chunks = new HashMap<>();

  /**
   * @param graph the graph the caller created {@code params} in (this loop closes it)
   * @param params the trainable weights, initialised in the init scope
   * @param data the training set; its features keep their shape ({@code [784]} or {@code [28, 28, 1]})
   */
  ResidentTfLoop(Graph graph, List<Variable<TFloat32>> params, Model model, Dataset data, int threads) {
    this.graph = graph;
    this.tf = Ops.create(graph);
    this.model = model;
    this.params = params;
    for (Variable<TFloat32> p : params) {
      m.add(tf.withInitScope().variable(tf.withInitScope().zerosLike(p)));
      v.add(tf.withInitScope().variable(tf.withInitScope().zerosLike(p)));
    }
    n = data.size();
    int[] featureDims = data.featureShape().dims();
    long[] xDims = new long[featureDims.length + 1];
    xDims[0] = n;
    for (int i = 0; i < featureDims.length; i++) {
      xDims[i + 1] = featureDims[i];
    }
    Shape xShape = Shape.of(xDims);
    xAll = tf.withName("X").variable(xShape, TFloat32.class);
    yAll = tf.withName("Y").variable(Shape.of(n), TInt32.class);
    order = tf.withName("order").variable(Shape.of(n), TInt32.class);
    Placeholder<TFloat32> xFeed = tf.placeholder(TFloat32.class, Placeholder.shape(xShape));
    Placeholder<TInt32> yFeed = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(n)));
    orderFeed = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(n)));
    Op assignX = tf.assign(xAll, xFeed);
    Op assignY = tf.assign(yAll, yFeed);
    assignOrder = tf.assign(order, orderFeed);
    ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(threads)
        .setInterOpParallelismThreads(threads).build();
    session = new Session(graph, config);
    session.initialize();
    float[] x = new float[Math.toIntExact(xShape.size())];
    float[] y = new float[n];
    data.copyRange(0, n, x, y);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (int) y[i];
    }
    try (TFloat32 xT = TFloat32.tensorOf(xShape); TInt32 yT = TInt32.tensorOf(Shape.of(n))) {
      xT.asRawTensor().data().asFloats().write(x);
      yT.asRawTensor().data().asInts().write(labels);
      session.runner().feed(xFeed, xT).feed(yFeed, yT).addTarget(assignX).addTarget(assignY).run().close();
    }
  }

  /** K steps of batch size B; {@code batch < 0}: one step whose batch size is fed. */
  private Chunk chunk(int k, int batch) {
    return chunks.computeIfAbsent(((long) k << 32) | (batch & 0xffffffffL), key -> new Chunk(k, batch));
  }

  /** One graph of K unrolled steps, and the feeds of its runs. */
  private final class Chunk {
    final int k;
    final Placeholder<TInt32> start;
    final Placeholder<TInt32> size;
    final Placeholder<TFloat32> hyper;
    final Operand<TFloat32> losses;
    final Op train;

    Chunk(int k, int batch) {
      this.k = k;
      start = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(1)));
      size = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(1)));
      hyper = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(k, 3)));
      List<Output<TFloat32>> perStep = tf.unstack(hyper, (long) k).output();
      List<Operand<TFloat32>> stepLosses = new ArrayList<>();
      List<Op> previous = List.of();
      for (int j = 0; j < k; j++) {
        Operand<TInt32> begin = batch < 0 ? start : tf.math.add(start, tf.constant(new int[] {j * batch}));
        Operand<TInt32> idx = tf.slice(order, begin, batch < 0 ? size : tf.constant(new int[] {batch}));
        Ops readScope = previous.isEmpty() ? tf : tf.withControlDependencies(previous);
        List<Op> updates = new ArrayList<>();
        Map<Variable<TFloat32>, Operand<TFloat32>> reads = new HashMap<>();
        Operand<TFloat32> xb = tf.gather(xAll, idx, tf.constant(0));
        Operand<TInt32> yb = tf.gather(yAll, idx, tf.constant(0));
        Operand<TFloat32> loss = model.loss(new Step() {
          @Override
          public Ops tf() {
            return tf;
          }

          @Override
          public Operand<TFloat32> x() {
            return xb;
          }

          @Override
          public Operand<TInt32> y() {
            return yb;
          }

          @Override
          public Operand<TFloat32> read(Variable<TFloat32> var) {
            return reads.computeIfAbsent(var, w -> readScope.identity(w));
          }

          @Override
          public void update(Op op) {
            updates.add(op);
          }
        });
        Output<?>[] wrt = params.stream().map(p -> reads.get(p).asOutput()).toArray(Output<?>[]::new);
        Output<?>[] grads = graph.addGradients(loss.asOutput(), wrt);
        // Identities of the gradients, only to have Ops to wait for: every update waits for every gradient.
        List<Op> gradOps = new ArrayList<>();
        List<Operand<TFloat32>> g = new ArrayList<>();
        for (Output<?> grad : grads) {
          org.tensorflow.op.core.Identity<TFloat32> id = tf.identity(grad.expect(TFloat32.class));
          gradOps.add(id);
          g.add(id);
        }
        Ops apply = tf.withControlDependencies(gradOps);
        List<Output<TFloat32>> h = tf.unstack(perStep.get(j), 3L).output();
        for (int i = 0; i < params.size(); i++) {
          updates.add(apply.train.applyAdam(params.get(i), m.get(i), v.get(i), h.get(1), h.get(2), h.get(0),
              tf.constant(0.9f), tf.constant(0.999f), tf.constant(1e-7f), g.get(i)));
        }
        stepLosses.add(loss);
        previous = updates;
      }
      losses = tf.stack(stepLosses);
      train = tf.withControlDependencies(previous).noOp();
    }
  }

  /** The epoch's order: a Fisher–Yates shuffle of 0..n−1 from the seed (the same as {@link RawTfMlp}'s). */
  static int[] shuffled(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SeededRandom r = new SeededRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /**
   * One shuffled epoch, K steps per {@code Session.run}; returns the mean loss.
   *
   * @param firstStep the Adam step count t of the epoch's first step (from 1)
   */
  double epoch(int batch, int k, long shuffleSeed, long firstStep) {
    try (TInt32 orderT = TInt32.vectorOf(shuffled(n, shuffleSeed))) {
      session.runner().feed(orderFeed, orderT).addTarget(assignOrder).run().close();
    }
    int fullSteps = n / batch;
    int chunkCount = fullSteps / k;
    double lossSum = 0;
    long step = firstStep;
    int from = 0;
    if (chunkCount > 0) {
      Chunk c = chunk(k, batch);
      float[] h = new float[3 * k];
      try (TInt32 startT = TInt32.vectorOf(0); TFloat32 hyperT = TFloat32.tensorOf(Shape.of(k, 3))) {
        for (int ci = 0; ci < chunkCount; ci++) {
          for (int j = 0; j < k; j++, step++) {
            h[3 * j] = 1e-3f;
            h[3 * j + 1] = (float) Math.pow(0.9, step);
            h[3 * j + 2] = (float) Math.pow(0.999, step);
          }
          hyperT.asRawTensor().data().asFloats().write(h);
          startT.setInt(from, 0);
          try (Result r = session.runner().feed(c.start, startT).feed(c.hyper, hyperT).fetch(c.losses)
              .addTarget(c.train).run()) {
            TFloat32 l = (TFloat32) r.get(0);
            for (int j = 0; j < k; j++) {
              lossSum += l.getFloat(j) * batch;
            }
          }
          from += k * batch;
        }
      }
    }
    if (from < n) {
      Chunk one = chunk(1, -1);
      try (TInt32 startT = TInt32.vectorOf(0); TInt32 sizeT = TInt32.vectorOf(0);
          TFloat32 hyperT = TFloat32.tensorOf(Shape.of(1, 3))) {
        for (; from < n; from += batch, step++) {
          int b = Math.min(batch, n - from);
          startT.setInt(from, 0);
          sizeT.setInt(b, 0);
          hyperT.asRawTensor().data().asFloats().write(new float[] {1e-3f, (float) Math.pow(0.9, step),
              (float) Math.pow(0.999, step)});
          try (Result r = session.runner().feed(one.start, startT).feed(one.size, sizeT).feed(one.hyper, hyperT)
              .fetch(one.losses).addTarget(one.train).run()) {
            lossSum += ((TFloat32) r.get(0)).getFloat(0) * b;
          }
        }
      }
    }
    return lossSum / n;
  }

  /**
   * Microseconds per op type summed over {@code runs} traced runs of the K-step chunk from offset 0 (diagnostic;
   * with one thread the ops run one after another, so the sums add up to the step time). Tracing slows every op a
   * little; the shares are what it is for.
   */
  Map<String, Long> profile(int batch, int k, int runs) {
    try (TInt32 orderT = TInt32.vectorOf(shuffled(n, 0))) {
      session.runner().feed(orderFeed, orderT).addTarget(assignOrder).run().close();
    }
    Chunk c = chunk(k, batch);
    Map<String, Long> micros = new java.util.TreeMap<>();
    org.tensorflow.proto.RunOptions trace = org.tensorflow.proto.RunOptions.newBuilder()
        .setTraceLevel(org.tensorflow.proto.RunOptions.TraceLevel.FULL_TRACE).build();
    float[] h = new float[3 * k];
    for (int j = 0; j < k; j++) {
      h[3 * j] = 1e-3f;
      h[3 * j + 1] = 0.5f;
      h[3 * j + 2] = 0.5f;
    }
    try (TInt32 startT = TInt32.vectorOf(0); TFloat32 hyperT = TFloat32.tensorOf(Shape.of(k, 3))) {
      hyperT.asRawTensor().data().asFloats().write(h);
      for (int r = 0; r < runs; r++) {
        try (Result res = session.runner().setOptions(trace).feed(c.start, startT).feed(c.hyper, hyperT)
            .fetch(c.losses).addTarget(c.train).runAndFetchMetadata()) {
          for (var dev : res.getMetadata().orElseThrow().getStepStats().getDevStatsList()) {
            for (var node : dev.getNodeStatsList()) {
              String label = node.getTimelineLabel();
              int eq = label.indexOf(" = ");
              int paren = label.indexOf('(', Math.max(eq, 0));
              String op = eq < 0 || paren < 0 ? node.getNodeName() : label.substring(eq + 3, paren);
              micros.merge(op, node.getOpEndRelMicros(), Long::sum);
            }
          }
        }
      }
    }
    return micros;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
