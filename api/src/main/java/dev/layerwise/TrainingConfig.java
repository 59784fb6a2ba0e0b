package dev.layerwise;

import static java.util.Objects.requireNonNull;

import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import java.util.List;

/**
 * What {@code compile} needs besides the model: the optimizer, the loss, the metrics to report and the
 * precision to compute in ({@link DType#FLOAT32} unless checking numerics).
 */
public record TrainingConfig(Optimizer optimizer, Loss loss, List<Metric> metrics, DType dtype) {
  public TrainingConfig {
    requireNonNull(optimizer, "optimizer");
    requireNonNull(loss, "loss");
    requireNonNull(dtype, "dtype");
    metrics = List.copyOf(metrics);
  }

  public static TrainingConfig of(Optimizer optimizer, Loss loss, Metric... metrics) {
    return new TrainingConfig(optimizer, loss, List.of(metrics), DType.FLOAT32);
  }

  public TrainingConfig withDType(DType dtype) {
    return new TrainingConfig(optimizer, loss, metrics, dtype);
  }

  public TrainingConfig withOptimizer(Optimizer optimizer) {
    return new TrainingConfig(optimizer, loss, metrics, dtype);
  }

  public TrainingConfig withLoss(Loss loss) {
    return new TrainingConfig(optimizer, loss, metrics, dtype);
  }

  public TrainingConfig withMetrics(Metric... metrics) {
    return new TrainingConfig(optimizer, loss, List.of(metrics), dtype);
  }
}
