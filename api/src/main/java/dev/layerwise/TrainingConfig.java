package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code compile} needs besides the model: the optimizer, the loss, the metrics to report and the precision
 * to compute in ({@link DType#FLOAT32} unless checking numerics).
 *
 * <p>A model with several outputs takes the same loss and metrics for every output, or its own per output, by the
 * output's name (Keras's {@code compile(loss={...}, loss_weights={...}, metrics={...})}):
 *
 * <pre>{@code
 * TrainingConfig.of(Optimizer.adam(1e-3), Map.of("class", Loss.sparseCategoricalCrossentropy().withFromLogits(true),
 *         "box", Loss.meanSquaredError()))
 *     .withLossWeight("box", 0.5)
 *     .withMetrics("class", Metric.ACCURACY);
 * }</pre>
 *
 * The objective is then {@code Σₖ wₖ·Lₖ} plus the weight penalties, each output's loss {@code Lₖ} reduced (averaged
 * over the batch) on its own first and {@code wₖ} its loss weight (1 unless given), as in Keras. A loss, weight or
 * metric list named for an output the model does not have is refused at compile time. One list of metrics applies
 * to every output without its own (Keras 3 wants a list per output when there are several).
 *
 * @param loss the loss of every output without one of its own in {@code outputLosses}; {@code null} only when
 *     every output has its own
 * @param metrics the metrics of every output without its own list in {@code outputMetrics}
 * @param outputLosses the losses of particular outputs, by output name
 * @param lossWeights the weights of particular outputs' losses in the objective, by output name (others 1)
 * @param outputMetrics the metrics of particular outputs, by output name
 */
public record TrainingConfig(Optimizer optimizer, Loss loss, List<Metric> metrics, DType dtype,
    Map<String, Loss> outputLosses, Map<String, Double> lossWeights, Map<String, List<Metric>> outputMetrics) {
  public TrainingConfig {
    requireNonNull(optimizer, "optimizer");
    requireNonNull(dtype, "dtype");
    metrics = List.copyOf(metrics);
    outputLosses = copy(outputLosses, "outputLosses");
    lossWeights = copy(lossWeights, "lossWeights");
    Map<String, List<Metric>> m = new LinkedHashMap<>();
    copy(outputMetrics, "outputMetrics").forEach((k, v) -> m.put(k, List.copyOf(v)));
    outputMetrics = Collections.unmodifiableMap(m);
    checkArgument(loss != null || !outputLosses.isEmpty(), "TrainingConfig: a loss is needed (one for every output,"
        + " or one per output by name)");
    lossWeights.forEach((output, w) -> checkArgument(Double.isFinite(w) && w >= 0, "TrainingConfig: the loss"
        + " weight of output '%s' must be finite and ≥ 0, got %s", output, w));
  }

  /** One loss and the metrics for every output, float32. */
  public TrainingConfig(Optimizer optimizer, Loss loss, List<Metric> metrics, DType dtype) {
    this(optimizer, requireNonNull(loss, "loss"), metrics, dtype, Map.of(), Map.of(), Map.of());
  }

  public static TrainingConfig of(Optimizer optimizer, Loss loss, Metric... metrics) {
    return new TrainingConfig(optimizer, loss, List.of(metrics), DType.FLOAT32);
  }

  /** A loss per output, by output name (every output needs one), and the metrics for every output. */
  public static TrainingConfig of(Optimizer optimizer, Map<String, Loss> losses, Metric... metrics) {
    checkArgument(!requireNonNull(losses, "losses").isEmpty(), "TrainingConfig: the map of losses is empty");
    return new TrainingConfig(optimizer, null, List.of(metrics), DType.FLOAT32, losses, Map.of(), Map.of());
  }

  public TrainingConfig withDType(DType dtype) {
    return new TrainingConfig(optimizer, loss, metrics, dtype, outputLosses, lossWeights, outputMetrics);
  }

  public TrainingConfig withOptimizer(Optimizer optimizer) {
    return new TrainingConfig(optimizer, loss, metrics, dtype, outputLosses, lossWeights, outputMetrics);
  }

  /** The loss of every output without one of its own. */
  public TrainingConfig withLoss(Loss loss) {
    return new TrainingConfig(optimizer, requireNonNull(loss, "loss"), metrics, dtype, outputLosses, lossWeights,
        outputMetrics);
  }

  /** The loss of one output. */
  public TrainingConfig withLoss(String output, Loss loss) {
    return new TrainingConfig(optimizer, this.loss, metrics, dtype, with(outputLosses, output,
        requireNonNull(loss, "loss")), lossWeights, outputMetrics);
  }

  /** The weight of one output's loss in the objective (1 unless given). */
  public TrainingConfig withLossWeight(String output, double weight) {
    return new TrainingConfig(optimizer, loss, metrics, dtype, outputLosses, with(lossWeights, output, weight),
        outputMetrics);
  }

  /** The metrics of every output without a list of its own. */
  public TrainingConfig withMetrics(Metric... metrics) {
    return new TrainingConfig(optimizer, loss, List.of(metrics), dtype, outputLosses, lossWeights, outputMetrics);
  }

  /** The metrics of one output. */
  public TrainingConfig withMetrics(String output, Metric... metrics) {
    return new TrainingConfig(optimizer, loss, this.metrics, dtype, outputLosses, lossWeights,
        with(outputMetrics, output, List.of(metrics)));
  }

  /** The loss of the named output: its own, else the one for every output. */
  public Loss lossFor(String output) {
    Loss l = outputLosses.getOrDefault(output, loss);
    checkArgument(l != null, "TrainingConfig: output '%s' has no loss: give it one by name, or one loss for every"
        + " output; losses given: %s", output, outputLosses.keySet());
    return l;
  }

  /** The weight of the named output's loss (1 unless given). */
  public double lossWeightFor(String output) {
    return lossWeights.getOrDefault(output, 1.0);
  }

  /** The metrics of the named output: its own list, else the one for every output. */
  public List<Metric> metricsFor(String output) {
    return outputMetrics.getOrDefault(output, metrics);
  }

  /**
   * Refuses settings for outputs the model does not have, and outputs left without a loss, naming both sets.
   *
   * @param outputs the model's output names
   */
  public void checkOutputs(String model, List<String> outputs) {
    for (var named : List.of(outputLosses.keySet(), lossWeights.keySet(), outputMetrics.keySet())) {
      Set<String> unknown = new TreeSet<>(named);
      unknown.removeAll(outputs);
      String what = named == outputLosses.keySet() ? "losses" : named == lossWeights.keySet() ? "loss weights"
          : "metrics";
      checkArgument(unknown.isEmpty(), "the %s name outputs %s, which model '%s' does not have; its outputs are %s",
          what, unknown, model, outputs);
    }
    List<String> without = new ArrayList<>();
    outputs.forEach(o -> {
      if (!outputLosses.containsKey(o) && loss == null) {
        without.add(o);
      }
    });
    checkArgument(without.isEmpty(), "model '%s': outputs %s have no loss; the losses name only %s", model, without,
        outputLosses.keySet());
  }

  private static <V> Map<String, V> copy(Map<String, V> m, String what) {
    requireNonNull(m, what);
    Map<String, V> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(requireNonNull(k, what + ": an output name is null"),
        requireNonNull(v, what + ": the value for '" + k + "' is null")));
    return Collections.unmodifiableMap(out);
  }

  private static <V> Map<String, V> with(Map<String, V> m, String key, V value) {
    Map<String, V> out = new LinkedHashMap<>(m);
    out.put(requireNonNull(key, "output"), value);
    return out;
  }
}
