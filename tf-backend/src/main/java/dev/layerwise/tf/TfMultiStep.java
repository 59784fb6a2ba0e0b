package dev.layerwise.tf;

import dev.layerwise.TrainingConfig;
import dev.layerwise.data.Dataset;
import dev.layerwise.spi.ModelLock;
import dev.layerwise.spi.StepChunks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.types.family.TFloating;

/**
 * A model's multi-step mode ({@link StepChunks}): the training data held in its session, a {@link TfChunkGraph} per
 * K and batch size (built on first use and kept: building costs time growing with K²), and the feeds of the fit in
 * flight. Called only under the model's write lock.
 */
final class TfMultiStep<T extends TFloating> {
  private static final Logger LOG = LoggerFactory.getLogger(TfMultiStep.class);
  /** The most training data, in bytes, a model holds in its session for multi-step calls: 2 GiB. */
  static final long MAX_RESIDENT_BYTES = 1L << 31;

  private final TfModelGraph<T> g;
  private final TrainingConfig config;
  private final TfModelResources res;
  private final ModelLock lock;
  private final int[] outputSizes;
  private final double[] powerBases;
  private final Map<List<Integer>, TfChunkGraph<T>> graphs = new HashMap<>();
  private TfResidentData<T> resident;
  private TfStepChunks<T> current;

  TfMultiStep(TfModelGraph<T> g, TrainingConfig config, TfModelResources res, ModelLock lock, int[] outputSizes,
      double[] powerBases) {
    this.g = g;
    this.config = config;
    this.res = res;
    this.lock = lock;
    this.outputSizes = outputSizes;
    this.powerBases = powerBases;
  }

  /**
   * K steps per run on {@code data} (arranged in the model's order) held in the session; none for data beyond
   * {@value #MAX_RESIDENT_BYTES} bytes in the model's precision, which would double the memory the data takes. The
   * steps of an earlier call are closed.
   */
  Optional<StepChunks> offer(Dataset data, int batchSize, int steps) {
    g.requireDifferentiable("fit");
    long bytes = TfResidentData.bytes(data, g.scope.isDouble());
    if (bytes > MAX_RESIDENT_BYTES) {
      LOG.info("fit of model '{}' runs one step per call: its {} MB of training data are more than the session"
          + " holds for multi-step calls", g.spec.name(), bytes >> 20);
      return Optional.empty();
    }
    if (resident == null || resident.size() != data.size()) {
      // variables of the data's shape, so the gathered batches have static shapes; other data of that size reuses them
      resident = new TfResidentData<>(g, data.size());
      graphs.clear();
    }
    resident.hold(res.session, data);
    TfChunkGraph<T> graph = graphs.computeIfAbsent(List.of(steps, batchSize), key -> {
      long start = System.nanoTime();
      TfChunkGraph<T> built = new TfChunkGraph<>(g, config, resident, steps, batchSize);
      LOG.debug("model '{}': built the graph of {} steps per call (batch {}) in {} ms", g.spec.name(), steps,
          batchSize, (System.nanoTime() - start) / 1_000_000);
      return built;
    });
    if (current != null) {
      current.close();
    }
    current = new TfStepChunks<>(graph, g, res, lock, batchSize, outputSizes, powerBases);
    return Optional.of(current);
  }
}
