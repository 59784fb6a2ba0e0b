package dev.layerwise.reference;

import static java.util.Objects.requireNonNull;

import dev.layerwise.Backend;
import dev.layerwise.ThreadBudget;
import dev.layerwise.TrainingConfig;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Capability;
import dev.layerwise.spi.ModelSpec;
import java.util.Optional;
import java.util.Set;

/**
 * The reference backend, {@code Backend.named("reference")}: pure Java, double precision, every layer, loss and
 * optimizer written out with its hand-derived backward pass. It is the executable specification the TensorFlow
 * backend is checked against, and small enough to read.
 *
 * <p>It always computes in float64, whatever {@link TrainingConfig#dtype()} asks for (float32 models compute
 * in double too). It cannot export SavedModels: hand its weights to a backend that can.
 *
 * <p>It runs every op on the calling thread. {@link #withThreads} is accepted (so code that sets a budget runs on
 * either backend) and has no effect here: a reference model never starts a thread, whatever its budget. The budget
 * is kept and handed on when the model's SavedModel is written by a backend that has thread pools.
 */
public final class RefBackend implements Backend {
  public static final String NAME = "reference";

  /** The budget handed on to an exporting backend, or {@code null}; it changes nothing here. */
  private final ThreadBudget threads;

  /** Cheap and side-effect free, as {@link java.util.ServiceLoader} requires. */
  public RefBackend() {
    this(null);
  }

  private RefBackend(ThreadBudget threads) {
    this.threads = threads;
  }

  /** Accepted and kept, but a reference model runs on its caller's thread whatever the budget. */
  @Override
  public Backend withThreads(ThreadBudget budget) {
    return new RefBackend(requireNonNull(budget, "thread budget"));
  }

  @Override
  public Optional<ThreadBudget> threads() {
    return Optional.ofNullable(threads);
  }

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
    return "RefBackend[" + NAME + (threads == null ? "" : ", threads " + threads + " (no effect)") + "]";
  }
}
