package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Capability;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.SavedModelExporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An engine that compiles model specs: {@code "tensorflow"} (module {@code layerwise-tf}) or {@code "reference"}
 * (module {@code layerwise-reference}). Backends are found on the class path with {@link ServiceLoader}; a
 * backend's constructor must be cheap and free of side effects (native libraries load on first compile).
 *
 * <pre>{@code
 * Backend tf = Backend.named("tensorflow");
 * Backend chosen = Backend.fromEnvironment();   // -Dlayerwise.backend=... or LAYERWISE_BACKEND=...
 * Backend oneThread = Backend.named("tensorflow").withThreads(1);   // its models' sessions: 1 + 1 threads
 * }</pre>
 */
public interface Backend {
  String PROPERTY = "layerwise.backend";
  String ENVIRONMENT_VARIABLE = "LAYERWISE_BACKEND";

  /** The name users select it by, lower case. */
  String name();

  Set<Capability> capabilities();

  /** Builds the model; throws {@link IllegalArgumentException} for anything it cannot compile. */
  BackendModel compile(ModelSpec spec, TrainingConfig config);

  /**
   * This backend with a per-model thread budget: every model compiled on the returned instance (and its copies,
   * reloads and SavedModel export) runs with {@code threads} intra-op and {@code threads} inter-op threads, whatever
   * other models in the same JVM use. The instance this is called on is unchanged. See {@link ThreadBudget} for why
   * this is a backend setting and not a saved one, and each backend's documentation for what it honours (the
   * TensorFlow backend: inter-op per session always, intra-op per session only in a process started with
   * {@code TF_OVERRIDE_GLOBAL_THREADPOOL=true}; the reference backend is single-threaded and ignores it).
   *
   * @throws IllegalArgumentException for fewer than 1 or more than {@value ThreadBudget#MAX} threads
   */
  default Backend withThreads(int threads) {
    return withThreads(ThreadBudget.of(threads));
  }

  /** {@link #withThreads(int)} with different intra-op and inter-op counts. */
  default Backend withThreads(int intraOp, int interOp) {
    return withThreads(new ThreadBudget(intraOp, interOp));
  }

  /** {@link #withThreads(int)} with a budget made before; backends without thread pools of their own refuse it. */
  default Backend withThreads(ThreadBudget budget) {
    throw new UnsupportedOperationException("backend '" + name() + "' has no per-model thread setting");
  }

  /** The budget of {@link #withThreads}, or empty for a backend using its process-wide default. */
  default Optional<ThreadBudget> threads() {
    return Optional.empty();
  }

  /** The SavedModel writer, for backends with {@link Capability#SAVED_MODEL_EXPORT}. */
  default SavedModelExporter savedModelExporter() {
    throw new UnsupportedOperationException("backend '" + name() + "' cannot export SavedModels; backends that can: "
        + withCapability(Capability.SAVED_MODEL_EXPORT).stream().map(Backend::name).toList());
  }

  /**
   * Versions of what this backend runs on, for the reproducibility receipt of saved models (e.g. TensorFlow Java
   * and TensorFlow core). May load native libraries.
   */
  default java.util.Map<String, String> versions() {
    return java.util.Map.of();
  }

  /** Every backend on the class path. */
  static List<Backend> available() {
    List<Backend> found = new ArrayList<>();
    ServiceLoader.load(Backend.class).forEach(found::add);
    return found;
  }

  static List<Backend> withCapability(Capability capability) {
    return available().stream().filter(b -> b.capabilities().contains(capability)).toList();
  }

  /** The backend with this name (case-insensitive); the error lists the backends present. */
  static Backend named(String name) {
    checkArgument(name != null && !name.isBlank(), "backend name must not be empty");
    List<Backend> all = available();
    for (Backend b : all) {
      if (b.name().equalsIgnoreCase(name.trim())) {
        return b;
      }
    }
    String present = all.isEmpty() ? "none" : all.stream().map(Backend::name).collect(Collectors.joining(", "));
    throw new IllegalArgumentException("unknown backend '" + name + "'; backends on the class path: " + present
        + " (add dev.layerwise:layerwise-tf for \"tensorflow\" or dev.layerwise:layerwise-reference for"
        + " \"reference\")");
  }

  /**
   * The backend named by the system property {@value #PROPERTY} or the environment variable
   * {@value #ENVIRONMENT_VARIABLE}; otherwise {@code tensorflow} if present, otherwise the only one present.
   */
  static Backend fromEnvironment() {
    String chosen = System.getProperty(PROPERTY);
    if (chosen == null || chosen.isBlank()) {
      chosen = System.getenv(ENVIRONMENT_VARIABLE);
    }
    if (chosen != null && !chosen.isBlank()) {
      return named(chosen.toLowerCase(Locale.ROOT));
    }
    List<Backend> all = available();
    checkArgument(!all.isEmpty(), "no Layerwise backend on the class path: add dev.layerwise:layerwise-tf or"
        + " dev.layerwise:layerwise-reference");
    return all.stream().filter(b -> b.name().equals("tensorflow")).findFirst().orElse(all.get(0));
  }
}
