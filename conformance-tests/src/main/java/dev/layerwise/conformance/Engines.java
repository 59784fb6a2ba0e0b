package dev.layerwise.conformance;

import dev.layerwise.Backend;
import dev.layerwise.DType;
import dev.layerwise.TrainingConfig;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.ModelSpec;
import java.util.List;

/**
 * The two backends under comparison. Cases compile through the backend SPI directly, below
 * {@code CompiledModel}: a case may need what users are protected from (a cross-entropy fed raw probabilities
 * with no softmax layer in front, to check the loss's own gradient).
 */
public record Engines(Backend tensorflow, Backend reference) {

  public static Engines fromClassPath() {
    return new Engines(Backend.named("tensorflow"), Backend.named("reference"));
  }

  /** The TF precision of a mode: float32 only in {@link Mode#X32}. */
  public static DType tfType(Mode mode) {
    return mode == Mode.X32 ? DType.FLOAT32 : DType.FLOAT64;
  }

  public static BackendModel compile(Backend backend, ModelSpec spec, Loss loss, Optimizer optimizer, DType dtype) {
    return backend.compile(spec, new TrainingConfig(optimizer, loss, List.of(), dtype));
  }

  /** A model under a whole training configuration (a loss and a loss weight per output), in the given precision. */
  public static BackendModel compile(Backend backend, ModelSpec spec, TrainingConfig config, DType dtype) {
    return backend.compile(spec, config.withDType(dtype));
  }

  /** Both backends of a mode with the same model: index 0 the reference, index 1 the one checked. */
  public List<Backend> pairFor(Mode mode) {
    return List.of(reference, tensorflow);
  }
}
