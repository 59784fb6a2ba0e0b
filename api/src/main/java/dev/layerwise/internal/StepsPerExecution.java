package dev.layerwise.internal;

import dev.layerwise.FitOptions;
import dev.layerwise.Shape;
import dev.layerwise.layers.WeightSpec;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;

/**
 * How many steps one backend call runs when {@link FitOptions#stepsPerExecution()} is {@link FitOptions#AUTO}.
 *
 * <p>A call costs a fixed ~50–100 µs (TF Java's {@code Session.run}, feeding, fetching) on top of the arithmetic,
 * and the K-step graph costs time to build once per model (TF Java scans the whole graph for each name scope it
 * opens, so building grows with K²: 0.2 s for K = 8 of the Fashion-MNIST MLP, 0.6 s for 16, 4 s for 64, measured).
 * The rule: the smallest power of two K whose K steps do at least {@value #TARGET_MACS} forward multiply-adds (so the
 * fixed cost stays around 1% of a call), at most {@value #MAX}, and at most the fit's steps / {@value #STEPS_PER_COPY}
 * (a short fit does not pay for the graph). The Fashion-MNIST MLP (1.0·10⁵ MACs a sample) gets 64 at batch 32 for a
 * fit of 20 epochs, 16 for 5 epochs, 2 for one; the CNN
 * (4.2·10⁶ MACs a sample) gets 2 at batch 32 and 1 at batch 128, where a step alone is long enough; the small fits of
 * a test suite get 1.
 */
final class StepsPerExecution {
  /** The most steps one call runs when the loop chooses. */
  static final int MAX = 64;
  /** Forward multiply-adds a call should hold at least (2²⁸). */
  static final long TARGET_MACS = 1L << 28;
  /** Steps of the fit per step copy in the graph, at least. */
  static final long STEPS_PER_COPY = 512;

  private StepsPerExecution() {}

  /**
   * K for this model and batch size: the choice above for {@code AUTO}, else what was asked.
   *
   * @param fitSteps the full batches the fit will train (epochs × full batches per epoch)
   */
  static int choose(ModelSpec spec, int batchSize, int asked, long fitSteps) {
    if (asked != FitOptions.AUTO) {
      return asked;
    }
    long perStep = Math.max(1, macsPerSample(spec) * batchSize);
    int k = 1;
    while (k < MAX && k * perStep < TARGET_MACS && 2L * k * STEPS_PER_COPY <= fitSteps) {
      k *= 2;
    }
    return k;
  }

  /**
   * The rows prediction puts into one backend call: {@code batchSize} times the
   * smallest power of two K ≤ {@value #MAX_JOINED} whose forward pass holds at least {@value #TARGET_INFERENCE_MACS}
   * multiply-adds, at most the data's size. The MLP predicts 1,024 rows a call at batch 32 (2.2× faster than 32 on
   * Fashion-MNIST's test set, docs/performance.md); the CNN keeps its batch. Predictions do not depend on it (each
   * row's outputs are computed alone).
   */
  static int inferenceBatch(ModelSpec spec, int batchSize, int size) {
    long perBatch = Math.max(1, macsPerSample(spec) * batchSize);
    int k = 1;
    while (k < MAX_JOINED && k * perBatch < TARGET_INFERENCE_MACS) {
      k *= 2;
    }
    return (int) Math.min((long) k * batchSize, Math.max(batchSize, size));
  }

  /** The most batches one inference call joins (no graph to build: only memory bounds it). */
  static final int MAX_JOINED = 64;
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
