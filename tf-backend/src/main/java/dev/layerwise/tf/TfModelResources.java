package dev.layerwise.tf;

import dev.layerwise.Shape;
import dev.layerwise.ThreadBudget;
import dev.layerwise.TrainingConfig;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.RandomDraws;
import dev.layerwise.tf.lower.TfOptimizerLowering;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;

/**
 * The native memory of one TF model: its graph, its session and its feed tensors, freed together and once, by
 * {@link TfModel#close} or, for a model nobody closed, by the {@link dev.layerwise.spi.LeakNet} when the model is
 * collected. So it must not reference the {@link TfModel}.
 */
final class TfModelResources implements AutoCloseable {
  final Graph graph;
  final Session session;
  /** The options the session was opened with: its thread pools (for tests and reports). */
  final ConfigProto sessionConfig;
  /** Features of each input and labels of each output, by batch size, in the model's order. */
  final List<TfFeedPool> xs = new ArrayList<>();
  final List<TfFeedPool> ys = new ArrayList<>();
  /** The sample weights of weighted batches, one value per sample. */
  final TfFeedPool sampleWeights;
  /** One pool per Dropout node, for its mask, by node name. */
  final Map<String, TfFeedPool> masks = new LinkedHashMap<>();
  /** The step's learning rate and β-powers: written and fed only by updates, which run alone. */
  final TfFeed stepScalars;
  /** Tensors of multi-step calls ({@link TfStepChunks}), freed with the rest unless released earlier. */
  private final Set<AutoCloseable> owned = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private TfModelResources(Graph graph, Session session, ConfigProto sessionConfig, TfModelGraph<?> g,
      ModelSpec spec, TrainingConfig config) {
    this.graph = graph;
    this.session = session;
    this.sessionConfig = sessionConfig;
    boolean isDouble = g.scope.isDouble();
    spec.inputShapes().forEach(shape -> xs.add(new TfFeedPool(isDouble, shape)));
    for (int k = 0; k < spec.outputs().size(); k++) {
      ys.add(new TfFeedPool(isDouble, config.lossFor(spec.outputNames().get(k)).labelShape(
          spec.outputShapes().get(k))));
    }
    this.sampleWeights = new TfFeedPool(isDouble, Shape.scalar());
    spec.nodes().stream().filter(node -> g.masks.containsKey(node.name()))
        .forEach(node -> masks.put(node.name(), new TfFeedPool(isDouble, RandomDraws.sampleShape(node))));
    this.stepScalars = TfFeed.allocate(isDouble, TfOptimizerLowering.STEP_SCALARS);
  }

  /**
   * Opens the session on a built graph with the model's thread budget ({@code null}: the JVM-wide pools); on
   * failure closes what it opened (the caller closes the graph).
   */
  static TfModelResources open(Graph graph, TfModelGraph<?> g, ModelSpec spec, TrainingConfig config,
      ThreadBudget threads) {
    ConfigProto sessionConfig = TfSessions.config(threads);
    Session session = TfSessions.open(graph, threads, sessionConfig);
    try {
      return new TfModelResources(graph, session, sessionConfig, g, spec, config);
    } catch (RuntimeException | Error e) {
      session.close();
      throw e;
    }
  }

  /** Keeps a native object to free with the model; returns it. */
  <C extends AutoCloseable> C own(C resource) {
    owned.add(resource);
    return resource;
  }

  /** Frees an object given to {@link #own} now. */
  void release(AutoCloseable resource) {
    if (owned.remove(resource)) {
      closeQuietly(resource);
    }
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not free " + resource, e);
    }
  }

  /** Whether the memory has been freed (for tests of the leak net). */
  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    masks.values().forEach(TfFeedPool::close);
    xs.forEach(TfFeedPool::close);
    ys.forEach(TfFeedPool::close);
    sampleWeights.close();
    owned.forEach(TfModelResources::closeQuietly);
    owned.clear();
    try (graph; session; stepScalars) {
      // closed in reverse order: feeds, session, then the graph
    }
  }
}
