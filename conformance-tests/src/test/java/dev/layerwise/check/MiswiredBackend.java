package dev.layerwise.check;

import dev.layerwise.Backend;
import dev.layerwise.TrainingConfig;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.Capability;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.StepResult;
import dev.layerwise.spi.TensorValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference backend with a deliberately wrong equation wired in: the gradients of the weights whose names
 * contain a pattern come out multiplied by a factor — the shape of the classic mistakes (a missing 1/N, a doubled
 * square, a mean where a sum belongs). Everything else, the forward pass included, is the reference backend's.
 */
final class MiswiredBackend implements Backend {
  private final Backend reference = Backend.named("reference");
  private final String pattern;
  private final double factor;
  private final boolean onlyWithPenalties;

  private MiswiredBackend(String pattern, double factor, boolean onlyWithPenalties) {
    this.pattern = pattern;
    this.factor = factor;
    this.onlyWithPenalties = onlyWithPenalties;
  }

  /**
   * @param onlyWithPenalties miswire only models that have regularizers: the data loss is then right and the
   *     penalty's gradient wrong
   */
  static Backend scaling(String pattern, double factor, boolean onlyWithPenalties) {
    return new MiswiredBackend(pattern, factor, onlyWithPenalties);
  }

  @Override
  public String name() {
    return "miswired";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.FLOAT64, Capability.ALWAYS_FLOAT64);
  }

  @Override
  public BackendModel compile(ModelSpec spec, TrainingConfig config) {
    BackendModel inner = reference.compile(spec, config);
    return onlyWithPenalties && !spec.hasRegularizers() ? inner : new Miswired(inner);
  }

  private final class Miswired implements BackendModel {
    private final BackendModel inner;

    Miswired(BackendModel inner) {
      this.inner = inner;
    }

    @Override
    public Gradients lossGradients(Batch batch) {
      Gradients g = inner.lossGradients(batch);
      Map<String, TensorValue> wrong = new LinkedHashMap<>();
      g.weightGradients().forEach((name, v) -> {
        if (!name.contains(pattern)) {
          wrong.put(name, v);
          return;
        }
        double[] d = v.data().clone();
        for (int i = 0; i < d.length; i++) {
          d[i] *= factor;
        }
        wrong.put(name, new TensorValue(v.shape(), d));
      });
      return new Gradients(g.loss(), g.regularizationLoss(), g.outputLosses(), g.outputs(), g.inputGradients(), wrong);
    }

    @Override
    public StepResult trainStep(Batch batch, double learningRate, long step) {
      return inner.trainStep(batch, learningRate, step);
    }

    @Override
    public StepResult evaluate(Batch batch) {
      return inner.evaluate(batch);
    }

    @Override
    public List<float[]> predictOutputs(Batch batch) {
      return inner.predictOutputs(batch);
    }

    @Override
    public List<TensorValue> forwardOutputs(Batch batch, boolean training) {
      return inner.forwardOutputs(batch, training);
    }

    @Override
    public List<TensorValue> forwardNodes(Batch batch, boolean training, List<String> nodes) {
      return inner.forwardNodes(batch, training, nodes);
    }

    @Override
    public Gradients outputGradients(Batch batch, List<TensorValue> outputCotangents, boolean training) {
      return inner.outputGradients(batch, outputCotangents, training);
    }

    @Override
    public void applyGradients(Map<String, TensorValue> gradients, double learningRate, long step) {
      inner.applyGradients(gradients, learningRate, step);
    }

    @Override
    public Map<String, TensorValue> weights() {
      return inner.weights();
    }

    @Override
    public void setWeights(Map<String, TensorValue> values) {
      inner.setWeights(values);
    }

    @Override
    public Map<String, TensorValue> optimizerSlots() {
      return inner.optimizerSlots();
    }

    @Override
    public void setOptimizerSlots(Map<String, TensorValue> values) {
      inner.setOptimizerSlots(values);
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
