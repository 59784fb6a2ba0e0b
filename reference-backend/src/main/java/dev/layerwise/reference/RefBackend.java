package dev.layerwise.reference;

import static java.util.Objects.requireNonNull;

import dev.layerwise.Backend;
import dev.layerwise.TrainingConfig;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Capability;
import dev.layerwise.spi.ModelSpec;
import java.util.Set;

/**
 * The reference backend, {@code Backend.named("reference")}: pure Java, double precision, every layer, loss and
 * optimizer written out with its hand-derived backward pass. It is the executable specification the TensorFlow
 * backend is checked against, and small enough to read.
 *
 * <p>It always computes in float64, whatever {@link TrainingConfig#dtype()} asks for (float32 models compute
 * in double too). It cannot export SavedModels: hand its weights to a backend that can.
 */
public final class RefBackend implements Backend {
  public static final String NAME = "reference";

  /** Cheap and side-effect free, as {@link java.util.ServiceLoader} requires. */
  public RefBackend() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.FLOAT64, Capability.ALWAYS_FLOAT64);
  }

  @Override
  public BackendModel compile(ModelSpec spec, TrainingConfig config) {
    return new RefModel(requireNonNull(spec, "spec"), requireNonNull(config, "config"));
  }

  @Override
  public String toString() {
    return "RefBackend[" + NAME + "]";
  }
}
