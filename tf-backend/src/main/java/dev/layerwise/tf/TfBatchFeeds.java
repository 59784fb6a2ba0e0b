package dev.layerwise.tf;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.layers.Dropout;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Session;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.family.TFloating;

/**
 * A batch checked against a model in Java and fed to one run: the features of each input, the labels of each
 * output and the mask of each Dropout node, each into a feed tensor borrowed for that run ({@link TfFeedPool}).
 * Checked before anything is fed: the counts of arrays, and that each holds enough values.
 */
final class TfBatchFeeds<T extends TFloating> {
  private final ModelSpec spec;
  private final TfModelGraph<T> g;
  private final TfModelResources res;

  TfBatchFeeds(ModelSpec spec, TfModelGraph<T> g, TfModelResources res) {
    this.spec = spec;
    this.g = g;
    this.res = res;
  }

  /**
   * What one run feeds: features always, labels and masks when the run needs them (else null / empty), the
   * features and labels in float64 when the batch has them (else null), fed instead of the float32 ones, and the
   * sample weights of a weighted batch whose labels are fed (else null: the graph's default of ones).
   */
  record Fed(int size, List<float[]> xs, List<float[]> ys, List<float[]> masks, List<double[]> xs64,
      List<double[]> ys64, double[] sampleWeights) {}

  /**
   * @param labels whether the run reads labels (training, evaluation, loss gradients)
   * @param training whether the run is in training mode, which needs each dropout node's mask
   */
  Fed check(Batch batch, String what, boolean labels, boolean training) {
    checkArgument(batch.xs().size() == res.xs.size(), "%s: model '%s' has %s inputs %s, the batch holds %s feature"
        + " arrays", what, spec.name(), res.xs.size(), spec.inputs(), batch.xs().size());
    int n = batch.size();
    for (int k = 0; k < res.xs.size(); k++) {
      int need = n * res.xs.get(k).sampleSize();
      int got = batch.hasDoubles() ? batch.xs64().get(k).length : batch.xs().get(k).length;
      checkArgument(got >= need, "%s: %s samples of shape %s need %s feature values, got %s", what, n,
          res.xs.get(k).sample(), need, got);
    }
    List<float[]> ys = null;
    if (labels) {
      checkArgument(batch.hasLabels(), "%s needs a labelled batch", what);
      checkArgument(batch.ys().size() == res.ys.size(), "%s: model '%s' has %s outputs %s, the batch holds %s label"
          + " arrays", what, spec.name(), res.ys.size(), spec.outputNames(), batch.ys().size());
      for (int k = 0; k < res.ys.size(); k++) {
        int need = n * res.ys.get(k).sampleSize();
        int got = batch.ys64() != null ? batch.ys64().get(k).length : batch.ys().get(k).length;
        checkArgument(got >= need, "%s: %s samples need %s label values, got %s", what, n, need, got);
      }
      ys = batch.ys();
    }
    return new Fed(n, batch.xs(), ys, training ? masks(batch, what) : List.of(), batch.xs64(),
        labels ? batch.ys64() : null, labels ? batch.sampleWeights() : null);
  }

  /**
   * The draws of every random node for a training-mode pass (a Dropout's mask, one value per element of its input;
   * an augmentation's parameters, k per sample): each must be present and complete.
   */
  private List<float[]> masks(Batch batch, String what) {
    if (g.masks.isEmpty()) {
      return List.of();
    }
    List<float[]> out = new ArrayList<>(g.masks.size());
    for (String node : g.masks.keySet()) {
      float[] m;
      try {
        m = batch.mask(node);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(what + ": " + spec.node(node).layer().describe() + " runs in training mode"
            + " and needs its " + (spec.node(node).layer() instanceof Dropout ? "mask" : "draws") + ": "
            + e.getMessage(), e);
      }
      int need = batch.size() * res.masks.get(node).sampleSize();
      checkArgument(m.length >= need, "%s: the draws of %s need %s values (%s samples of %s), got %s", what,
          spec.node(node).layer().describe(), need, batch.size(), res.masks.get(node).sample(), m.length);
      out.add(m);
    }
    return out;
  }

  /** A runner fed with what was checked, from feeds borrowed for this run. */
  Session.Runner runner(Session session, TfFeedPool.Loans feeds, Fed fed) {
    Session.Runner runner = session.runner();
    for (int k = 0; k < fed.xs().size(); k++) {
      TfFeed x = fed.xs64() != null ? feeds.fill(res.xs.get(k), fed.size(), fed.xs64().get(k))
          : feeds.fill(res.xs.get(k), fed.size(), fed.xs().get(k));
      runner.feed(g.xs.get(k), x.tensor());
    }
    for (int k = 0; fed.ys() != null && k < fed.ys().size(); k++) {
      TfFeed y = fed.ys64() != null ? feeds.fill(res.ys.get(k), fed.size(), fed.ys64().get(k))
          : feeds.fill(res.ys.get(k), fed.size(), fed.ys().get(k));
      runner.feed(g.ys.get(k), y.tensor());
    }
    if (fed.sampleWeights() != null) {
      runner.feed(g.sampleWeights, feeds.fill(res.sampleWeights, fed.size(), fed.sampleWeights()).tensor());
    }
    int i = 0;
    for (Map.Entry<String, Placeholder<T>> e : g.masks.entrySet()) {
      if (fed.masks().isEmpty()) {
        break;
      }
      runner.feed(e.getValue(), feeds.fill(res.masks.get(e.getKey()), fed.size(), fed.masks().get(i++)).tensor());
    }
    return runner;
  }
}
