package dev.layerwise.bench;

import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The {@code FashionMnistCnn} network written by hand against TF Java 1.1.0 in the best loop we have,
 * {@link ResidentTfLoop} (resident data, K steps per run), NHWC throughout:
 *
 * <pre>
 *   x [B, 28, 28, 1] → conv 3×3×1×32 (same, no bias) → BN → ReLU → maxpool 2   → [B, 14, 14, 32]
 *                    → conv 3×3×32×64 (same, no bias) → BN → ReLU → maxpool 2  → [B, 7, 7, 64]
 *                    → flatten [B, 3136] → dropout .3 → dense 128 ReLU → dropout .2 → dense 10 (logits)
 * </pre>
 *
 * <p>He-normal kernels ({@code N(0, 2/fan_in)}), Glorot-uniform for the logits layer, zero biases. Batch norm
 * trains on batch moments, ε = 1e-3, and moves {@code moving ← 0.9·moving + 0.1·stat} every step, either
 * composed from primitives as the TF backend does ({@code mean}, {@code mean(squaredDifference)}, biased variance)
 * or with {@code FusedBatchNormV3} (whose variance output is Bessel-corrected — only the moving variance sees it).
 * Dropout masks are drawn in the graph, {@code x·cast(U[0,1) ≥ p)/(1 − p)}, where {@code fit()} feeds them from
 * Java: the raw loop keeps the cheapest way.
 */
final class RawTfCnn implements AutoCloseable {
  private static final float EPS = 1e-3f;
  private static final float MOMENTUM = 0.9f;

  private final ResidentTfLoop loop;
  private final int k;

  /** MACs of one sample's forward pass: two convolutions and two dense layers. */
  static final long FORWARD_MACS = 28L * 28 * 32 * 9 + 14L * 14 * 64 * 9 * 32 + 3136L * 128 + 128L * 10;

  RawTfCnn(Dataset train, long seed, int threads, int k, boolean fusedBatchNorm) {
    this(train, seed, threads, k, fusedBatchNorm, true);
  }

  /**
   * @param poolV1 max-pool with the {@code MaxPool} op (window and strides as attributes) rather than the
   *     {@code MaxPoolV2} that {@code tf.nn.maxPool} emits (window and strides as tensors): oneDNN's graph rewrite
   *     replaces only the former, and the latter's gradient {@code MaxPoolGradV2} runs Eigen's slow kernel
   */
  RawTfCnn(Dataset train, long seed, int threads, int k, boolean fusedBatchNorm, boolean poolV1) {
    this.k = k;
    Graph graph = new Graph();
    Ops tf = Ops.create(graph);
    Ops init = tf.withInitScope();
    SeededRandom r = new SeededRandom(seed);
    Variable<TFloat32> k1 = init.variable(init.constant(heNormal(r, 3, 3, 1, 32)));
    Variable<TFloat32> k2 = init.variable(init.constant(heNormal(r, 3, 3, 32, 64)));
    Bn bn1 = new Bn(init, 32);
    Bn bn2 = new Bn(init, 64);
    Variable<TFloat32> w3 = init.variable(init.constant(heNormal(r, 3136, 128)));
    Variable<TFloat32> b3 = init.variable(init.constant(new float[128]));
    Variable<TFloat32> w4 = init.variable(init.constant(RawTfMlp.glorot(r, 128, 10)));
    Variable<TFloat32> b4 = init.variable(init.constant(new float[10]));
    List<Variable<TFloat32>> params = List.of(k1, bn1.gamma, bn1.beta, k2, bn2.gamma, bn2.beta, w3, b3, w4, b4);
    loop = new ResidentTfLoop(graph, params, s -> {
      Ops t = s.tf();
      List<Long> ones = List.of(1L, 1L, 1L, 1L);
      Operand<TInt32> pool = t.constant(new int[] {1, 2, 2, 1});
      Operand<TFloat32> a = t.nn.conv2d(s.x(), s.read(k1), ones, "SAME");
      a = maxPool(t, t.nn.relu(bn1.train(s, a, fusedBatchNorm)), pool, poolV1);
      a = t.nn.conv2d(a, s.read(k2), ones, "SAME");
      a = maxPool(t, t.nn.relu(bn2.train(s, a, fusedBatchNorm)), pool, poolV1);
      a = dropout(t, t.reshape(a, t.constant(new int[] {-1, 3136})), 0.3f);
      a = dropout(t, t.nn.relu(t.nn.biasAdd(t.linalg.matMul(a, s.read(w3)), s.read(b3))), 0.2f);
      Operand<TFloat32> logits = t.nn.biasAdd(t.linalg.matMul(a, s.read(w4)), s.read(b4));
      Operand<TFloat32> oneHot = t.oneHot(s.y(), t.constant(10), t.constant(1f), t.constant(0f));
      return t.math.mean(t.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(), t.constant(0));
    }, train, threads);
  }

  /** 2×2 max-pool, stride 2, VALID: {@code MaxPool} (attributes) or {@code MaxPoolV2} (tensors). */
  private static Operand<TFloat32> maxPool(Ops t, Operand<TFloat32> x, Operand<TInt32> window, boolean v1) {
    if (!v1) {
      return t.nn.maxPool(x, window, window, "VALID");
    }
    org.tensorflow.op.Scope scope = t.scope();
    org.tensorflow.OperationBuilder b = scope.env().opBuilder("MaxPool", scope.makeOpName("MaxPool"), scope);
    return b.addInput(x.asOutput()).setAttr("ksize", new long[] {1, 2, 2, 1})
        .setAttr("strides", new long[] {1, 2, 2, 1}).setAttr("padding", "VALID").build().<TFloat32>output(0);
  }

  /** Inverted dropout with an in-graph mask: {@code x·cast(U ≥ p)/(1 − p)}. */
  private static Operand<TFloat32> dropout(Ops t, Operand<TFloat32> x, float p) {
    Operand<TFloat32> u = t.random.randomUniform(t.shape(x), TFloat32.class);
    Operand<TFloat32> keep = t.dtypes.cast(t.math.greaterEqual(u, t.constant(p)), TFloat32.class);
    return t.math.mul(x, t.math.mul(keep, t.constant(1 / (1 - p))));
  }

  /** One batch-norm layer's weights and moving statistics, over the channel axis of NHWC. */
  private static final class Bn {
    final Variable<TFloat32> gamma;
    final Variable<TFloat32> beta;
    final Variable<TFloat32> movingMean;
    final Variable<TFloat32> movingVariance;
    final int channels;

    Bn(Ops init, int channels) {
      this.channels = channels;
      float[] one = new float[channels];
      java.util.Arrays.fill(one, 1f);
      gamma = init.variable(init.constant(one));
      beta = init.variable(init.constant(new float[channels]));
      movingMean = init.variable(init.constant(new float[channels]));
      movingVariance = init.variable(init.constant(one));
    }

    Operand<TFloat32> train(ResidentTfLoop.Step s, Operand<TFloat32> x, boolean fused) {
      Ops t = s.tf();
      Operand<TFloat32> mean;
      Operand<TFloat32> variance;
      Operand<TFloat32> y;
      if (fused) {
        Operand<TFloat32> empty = t.constant(org.tensorflow.ndarray.NdArrays.ofFloats(Shape.of(0)));
        FusedBatchNorm<TFloat32, TFloat32> f = t.nn.fusedBatchNorm(x, s.read(gamma), s.read(beta), empty, empty,
            FusedBatchNorm.isTraining(true), FusedBatchNorm.epsilon(EPS), FusedBatchNorm.dataFormat("NHWC"));
        mean = f.batchMean();
        variance = f.batchVariance();
        y = f.y();
      } else {
        Operand<TInt32> axes = t.constant(new int[] {0, 1, 2});
        mean = t.math.mean(x, axes);
        variance = t.math.mean(t.math.squaredDifference(x, t.stopGradient(mean)), axes);
        Operand<TFloat32> xhat = t.math.mul(t.math.sub(x, mean), t.math.rsqrt(t.math.add(variance, t.constant(EPS))));
        y = t.math.add(t.math.mul(xhat, s.read(gamma)), s.read(beta));
      }
      s.update(t.assign(movingMean, moving(t, s.read(movingMean), t.stopGradient(mean))));
      s.update(t.assign(movingVariance, moving(t, s.read(movingVariance), t.stopGradient(variance))));
      return y;
    }

    private static Operand<TFloat32> moving(Ops t, Operand<TFloat32> moving, Operand<TFloat32> stat) {
      return t.math.add(t.math.mul(t.constant(MOMENTUM), moving), t.math.mul(t.constant(1 - MOMENTUM), stat));
    }
  }

  /** He-normal: N(0, 2/fan_in), fan_in = the product of all but the last dimension. */
  private static org.tensorflow.ndarray.FloatNdArray heNormal(SeededRandom r, int... dims) {
    long[] d = new long[dims.length];
    long fanIn = 1;
    for (int i = 0; i < dims.length; i++) {
      d[i] = dims[i];
      fanIn *= i < dims.length - 1 ? dims[i] : 1;
    }
    org.tensorflow.ndarray.FloatNdArray a = org.tensorflow.ndarray.NdArrays.ofFloats(Shape.of(d));
    double std = Math.sqrt(2.0 / fanIn);
    a.scalars().forEach(x -> x.setFloat((float) (r.nextGaussian() * std)));
    return a;
  }

  /** One shuffled epoch; returns the mean loss. {@code firstStep}: Adam's t of the first step, from 1. */
  double epoch(int batch, long shuffleSeed, long firstStep) {
    return loop.epoch(batch, k, shuffleSeed, firstStep);
  }

  /** Microseconds per op type over {@code runs} traced K-step runs: see {@link ResidentTfLoop#profile}. */
  java.util.Map<String, Long> profile(int batch, int runs) {
    return loop.profile(batch, k, runs);
  }

  @Override
  public void close() {
    loop.close();
  }
}
