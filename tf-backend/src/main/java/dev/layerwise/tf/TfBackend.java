package dev.layerwise.tf;

import dev.layerwise.Backend;
import dev.layerwise.ThreadBudget;
import dev.layerwise.TrainingConfig;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Capability;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.SavedModelExporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.tensorflow.TensorFlow;

/**
 * The TensorFlow backend ({@code "tensorflow"}): lowers models to TF Java graphs, trains with TF's C++ autodiff
 * and CPU (or CUDA) kernels, and exports SavedModels. Native libraries load on the first compile, not here.
 *
 * <p>Thread pools: {@code Backend.named("tensorflow")} opens every session with the JVM-wide pools of {@link
 * TfThreads} ({@code -Dlayerwise.tf.threads}); {@code Backend.named("tensorflow").withThreads(1)} is a configured
 * instance whose models (their training and inference session, their copies and reloads, the session that writes
 * their SavedModel) open sessions with that budget, so two trials in one JVM can each have their own. TensorFlow
 * honours the inter-op count per session; the intra-op count per session only in a JVM started with
 * {@code TF_OVERRIDE_GLOBAL_THREADPOOL=true} (see {@link TfSessions} for the source it was read in).
 */
public final class TfBackend implements Backend {
  public static final String NAME = "tensorflow";
  /** Key of {@link #versions()}: the TensorFlow Java artifacts' version. */
  public static final String TENSORFLOW_JAVA = "tensorflow_java";
  /** Key of {@link #versions()}: the TensorFlow core runtime's version. */
  public static final String TENSORFLOW = "tensorflow";
  private static final String VERSIONS_RESOURCE = "versions.properties";
  /** The budget of {@link #withThreads}, or {@code null} for the JVM-wide pools. */
  private final ThreadBudget threads;

  /** Cheap and side-effect free, as {@link java.util.ServiceLoader} requires: the JVM-wide pools. */
  public TfBackend() {
    this(null);
  }

  private TfBackend(ThreadBudget threads) {
    this.threads = threads;
  }

  /** A TF backend whose models' sessions use {@code budget}'s pools (see the class comment). */
  @Override
  public Backend withThreads(ThreadBudget budget) {
    return new TfBackend(Objects.requireNonNull(budget, "thread budget"));
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
    return EnumSet.of(Capability.FLOAT64, Capability.SAVED_MODEL_EXPORT);
  }

  @Override
  public BackendModel compile(ModelSpec spec, TrainingConfig config) {
    return TfModel.create(spec, config, threads);
  }

  /**
   * Which ops of the model TensorFlow could not differentiate its training loss through, by op name, type and
   * layer; empty when training can start. Nothing is compiled or trained: the forward pass and loss are built on
   * a throw-away graph, which also works for a model the api refuses to train (Hardmax). Compiling a trainable
   * model runs the same check and refuses with these names, so this is for tools and for asking up front.
   *
   * @see GradientPreflight
   */
  public List<GradientPreflight.Finding> gradientPreflight(ModelSpec spec, TrainingConfig config) {
    return GradientPreflight.check(spec, config);
  }

  @Override
  public SavedModelExporter savedModelExporter() {
    return new TfSavedModelExporter(threads);
  }

  /**
   * {@code tensorflow_java} → the TensorFlow Java version this module was built against (e.g. {@code 1.1.0}, from
   * the POM), {@code tensorflow} → the version of the TensorFlow core library loaded at run time (e.g.
   * {@code 2.18.0}). Loads the native library.
   */
  @Override
  public Map<String, String> versions() {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put(TENSORFLOW_JAVA, tensorflowJavaVersion());
    versions.put(TENSORFLOW, TensorFlow.version());
    return Collections.unmodifiableMap(versions);
  }

  private static String tensorflowJavaVersion() {
    Properties p = new Properties();
    try (InputStream in = TfBackend.class.getResourceAsStream(VERSIONS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("layerwise-tf is missing its resource dev/layerwise/tf/" + VERSIONS_RESOURCE
            + " (a broken build?)");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dev/layerwise/tf/" + VERSIONS_RESOURCE, e);
    }
    String v = p.getProperty(TENSORFLOW_JAVA, "");
    if (v.isBlank() || v.contains("${")) {
      throw new IllegalStateException("dev/layerwise/tf/" + VERSIONS_RESOURCE + " was not filtered by Maven: "
          + TENSORFLOW_JAVA + "=" + v);
    }
    return v.trim();
  }

  @Override
  public String toString() {
    return threads == null ? "TfBackend" : "TfBackend[threads " + threads + "]";
  }
}
