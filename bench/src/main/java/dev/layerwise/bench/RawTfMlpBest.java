package dev.layerwise.bench;

import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The Fashion-MNIST MLP of {@link RawTfMlp} (784 → 128 ReLU → 10, Adam 1e-3, the same Glorot-uniform draws) in
 * the best hand-written loop, {@link ResidentTfLoop}: data resident in the session, K steps per
 * {@code Session.run}. The loss is {@code SoftmaxCrossEntropyWithLogits} against one-hot labels — the fused kernel
 * that computes loss and gradient at once; the sparse form has no gradient on TF Java 1.1.0.
 *
 * <pre>
 *   h = relu(x·W₁ + b₁)        x [B, 784], W₁ [784, 128]
 *   z = h·W₂ + b₂              z [B, 10]
 *   L = mean_b(−log softmax(z)_b,y_b)
 * </pre>
 */
final class RawTfMlpBest implements AutoCloseable {
  /** K = 16 is within 2% of 64 (DESIGN); 64 is what the table measured. */
  static final int DEFAULT_STEPS = 64;

  private final ResidentTfLoop loop;
  private final int k;

  RawTfMlpBest(Dataset train, long seed, int threads, int k) {
    this(train, seed, threads, k, false);
  }

  /**
   * @param composed the loss as {@code fit()} builds it (log-softmax, one-hot product, a mean weighted by ones)
   *     instead of TF's fused {@code SoftmaxCrossEntropyWithLogits}: what the loss formulation costs
   */
  RawTfMlpBest(Dataset train, long seed, int threads, int k, boolean composed) {
    this.k = k;
    Graph graph = new Graph();
    Ops tf = Ops.create(graph);
    SeededRandom r = new SeededRandom(seed);
    Ops init = tf.withInitScope();
    Variable<TFloat32> w1 = init.withName("w1").variable(init.constant(RawTfMlp.glorot(r, 784, 128)));
    Variable<TFloat32> b1 = init.withName("b1").variable(init.constant(new float[128]));
    Variable<TFloat32> w2 = init.withName("w2").variable(init.constant(RawTfMlp.glorot(r, 128, 10)));
    Variable<TFloat32> b2 = init.withName("b2").variable(init.constant(new float[10]));
    loop = new ResidentTfLoop(graph, List.of(w1, b1, w2, b2), s -> {
      Ops t = s.tf();
      Operand<TFloat32> h = t.nn.relu(t.nn.biasAdd(t.linalg.matMul(s.x(), s.read(w1)), s.read(b1)));
      Operand<TFloat32> logits = t.nn.biasAdd(t.linalg.matMul(h, s.read(w2)), s.read(b2));
      Operand<TFloat32> oneHot = t.oneHot(s.y(), t.constant(10), t.constant(1f), t.constant(0f));
      if (composed) {
        Operand<TFloat32> perSample = t.math.neg(t.reduceSum(t.math.mul(oneHot, t.nn.logSoftmax(logits)),
            t.constant(-1)));
        Operand<TFloat32> ones = t.fill(t.shape(perSample), t.constant(1f));
        return t.math.mean(t.math.mul(perSample, ones), t.constant(new int[] {0}));
      }
      return t.math.mean(t.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(), t.constant(0));
    }, train, threads);
  }

  /** One shuffled epoch; returns the mean loss. {@code firstStep}: Adam's t of the first step, from 1. */
  double epoch(int batch, long shuffleSeed, long firstStep) {
    return loop.epoch(batch, k, shuffleSeed, firstStep);
  }

  @Override
  public void close() {
    loop.close();
  }
}
