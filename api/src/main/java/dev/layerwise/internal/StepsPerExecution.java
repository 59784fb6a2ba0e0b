package dev.layerwise.internal;

import dev.layerwise.FitOptions;
import dev.layerwise.Shape;
import dev.layerwise.layers.WeightSpec;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;

/**
 * How many steps one backend call runs when {@link FitOptions#stepsPerExecution()} is {@link FitOptions#AUTO}.
 *
 * <p>A call costs a fixed ~50–100 µs (TF Java's {@code Session.run}, feeding, fetching) on top of the arithmetic.
 * The rule: the smallest power of two K ≤ {@value #MAX} whose K steps do at least {@value #TARGET_MACS}
 * multiply-adds of forward pass (~2·10⁸·3 with the backward pass: tens of milliseconds on one core), so the fixed
 * cost stays below about 1% of a call. The Fashion-MNIST MLP (784→128→10, 1.0·10⁵ MACs a sample) gets K = 64 at
 * batch 32 and 32 at batch 128; the Fashion-MNIST CNN (4.2·10⁶ MACs a sample) gets 2 at batch 32 and 1 at batch 128, where a
 * step alone is long enough. The cap keeps the unrolled graph (K copies of the step) small.
 */
final class StepsPerExecution {
  /** The most steps one call runs. */
  static final int MAX = 64;
  /** Forward multiply-adds a call should hold at least (2²⁸). */
  static final long TARGET_MACS = 1L << 28;

  private StepsPerExecution() {}

  /** K for this model and batch size: the choice above for {@code AUTO}, else what was asked. */
  static int choose(ModelSpec spec, int batchSize, int asked) {
    if (asked != FitOptions.AUTO) {
      return asked;
    }
    long perStep = Math.max(1, macsPerSample(spec) * batchSize);
    int k = 1;
    while (k < MAX && k * perStep < TARGET_MACS) {
      k *= 2;
    }
    return k;
  }

  /**
   * The rows evaluation and prediction of data in memory put into one backend call: {@code batchSize} times the
   * smallest power of two K ≤ {@value #MAX} whose forward pass holds at least {@value #TARGET_INFERENCE_MACS}
   * multiply-adds, at most the data's size. The MLP evaluates 1,024 rows a call at batch 32 (6× faster than 32 on
   * Fashion-MNIST's test set, docs/performance.md); the CNN keeps its batch. Predictions do not depend on it (each
   * row's outputs are computed alone); an evaluation's loss, a mean, only up to the order of a float sum.
   */
  static int inferenceBatch(ModelSpec spec, int batchSize, int size) {
    long perBatch = Math.max(1, macsPerSample(spec) * batchSize);
    int k = 1;
    while (k < MAX && k * perBatch < TARGET_INFERENCE_MACS) {
      k *= 2;
    }
    return (int) Math.min((long) k * batchSize, Math.max(batchSize, size));
  }

  /** Forward multiply-adds an inference call should hold at least (2²⁶). */
  static final long TARGET_INFERENCE_MACS = 1L << 26;

  /**
   * An estimate of one sample's forward multiply-adds: each weight is used once per output position of its node
   * (once for a Dense kernel, H·W times for a convolution's), and every other op about once per output element.
   */
  static long macsPerSample(ModelSpec spec) {
    long macs = 0;
    for (LayerNode node : spec.nodes()) {
      Shape out = node.outputShape();
      int[] dims = out.dims();
      long positions = dims.length == 0 ? 1 : out.size() / Math.max(1, dims[dims.length - 1]);
      for (WeightSpec w : node.weights()) {
        if (w.trainable()) {
          macs += w.shape().size() * positions;
        }
      }
      macs += out.size();
    }
    return macs;
  }
}
