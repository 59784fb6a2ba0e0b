package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.data.Dataset;
import dev.layerwise.internal.CallGuard;
import dev.layerwise.internal.CompileChecks;
import dev.layerwise.internal.Versions;
import dev.layerwise.io.ArchiveContents;
import dev.layerwise.io.ModelArchive;
import dev.layerwise.internal.TrainingLoop;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.losses.BinaryCrossentropy;
import dev.layerwise.losses.CategoricalCrossentropy;
import dev.layerwise.losses.Loss;
import dev.layerwise.losses.SparseCategoricalCrossentropy;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Capability;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.TensorValue;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model compiled by a backend, ready to {@link #fit}, {@link #evaluate} and {@link #predict}. It owns native
 * resources on the TF backend: close it (try-with-resources).
 *
 * <h2>Threads</h2>
 * One model may be shared between threads under these rules, the same on every backend:
 * <ul>
 *   <li><b>Reads run together.</b> {@link #predict}, {@link #evaluate}, {@link #weights}, {@link #save},
 *       {@link #contents}, {@link #exportSavedModel} and {@link dev.layerwise.check.GradientCheck#of(CompiledModel)}
 *       may be called from any number of threads at once; each result equals the one a single thread gets.
 *   <li><b>Changes run alone.</b> {@link #fit} and {@link #setWeights} (and {@link #load}, which fills a new model)
 *       need the model to themselves: called while another call is in flight on the same model, they throw an
 *       {@link IllegalStateException} naming that call and its thread, and so does any read from another thread
 *       while they run. Nothing blocks and nothing is silently mixed. The thread running {@code fit} may use the
 *       model from its callbacks (a {@link ModelCheckpoint} saves, a callback sets weights or predicts): that is
 *       part of the fit.
 *   <li><b>Interrupting fit</b> ({@link Thread#interrupt()} on its thread) stops it at the next step boundary with a
 *       {@link FitCancelledException} carrying the {@link History} so far; the model holds the weights after the
 *       last complete step and stays usable; the interrupt flag stays set.
 *   <li><b>{@link #close} waits</b> for the calls in flight (a fit stops at its next step boundary with a
 *       {@link FitCancelledException}), then frees the model; every call after that, on every thread, throws
 *       {@link IllegalStateException}. Closing twice is harmless.
 * </ul>
 * Mutable values a caller passes in or gets back ({@link Dataset}s, arrays) are the caller's to share safely.
 *
 * <h2>Native memory</h2>
 * On TensorFlow the model owns a graph, a session and feed tensors outside the Java heap. If a model is never
 * closed, a safety net frees them when the garbage collector finds the model unreachable and logs a warning
 * naming where it was created. That net is no substitute for {@link #close}: the collector runs when the Java heap
 * fills, not when native memory does (with JavaCPP's physical-memory limit off,
 * {@code -Dorg.bytedeco.javacpp.maxPhysicalBytes=0}, nothing else triggers it), so forgotten models pile up
 * native memory until then. See {@code docs/reliability.md}.
 */
public final class CompiledModel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CompiledModel.class);
  private static final int DEFAULT_BATCH = 32;

  private final Model model;
  private final Backend backend;
  private final TrainingConfig config;
  private final BackendModel impl;
  private final TrainingLoop loop;
  private final long seed;
  private final CallGuard guard;

  CompiledModel(Model model, Backend backend, TrainingConfig config) {
    this.model = requireNonNull(model, "model");
    this.backend = requireNonNull(backend, "backend");
    this.config = requireNonNull(config, "config");
    ModelSpec spec = model.spec();
    CompileChecks.checkConfig(spec, config);
    checkArgument(config.dtype() == DType.FLOAT32 || backend.capabilities().contains(Capability.FLOAT64),
        "backend '%s' cannot compute in %s", backend.name(), config.dtype());
    this.seed = model.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong());
    LOG.debug("compiling '{}' on {} ({}), initial weights from seed {}", spec.name(), backend.name(),
        config.dtype(), seed);
    this.impl = backend.compile(spec, config);
    try {
      impl.setWeights(spec.initialWeights(seed));
    } catch (RuntimeException e) {
      impl.close();
      throw e;
    }
    this.loop = new TrainingLoop(impl, spec, config, seed);
    this.guard = new CallGuard("model '" + spec.name() + "'");
  }

  /**
   * Trains; see {@link FitOptions} for the knobs. Runs alone on the model (see Threads above).
   *
   * @throws FitCancelledException when the thread is interrupted or the model closed during training
   */
  public History fit(Dataset train, FitOptions options) {
    try (CallGuard.Scope call = guard.exclusive("fit")) {
      return loop.fit(requireNonNull(train, "fit: train"), requireNonNull(options, "fit: options"));
    }
  }

  /** Trains for {@code epochs} epochs at {@code batchSize}, logging progress. */
  public History fit(Dataset train, int epochs, int batchSize) {
    return fit(train, FitOptions.of(epochs, batchSize));
  }

  /** Loss and metrics over a labelled dataset, in inference mode, batch size 32. */
  public Evaluation evaluate(Dataset data) {
    return evaluate(data, DEFAULT_BATCH);
  }

  public Evaluation evaluate(Dataset data, int batchSize) {
    try (CallGuard.Scope call = guard.shared("evaluate")) {
      checkArgument(batchSize > 0, "evaluate: batchSize must be positive, got %s", batchSize);
      return new Evaluation(loop.evaluate(requireNonNull(data, "evaluate: data"), batchSize));
    }
  }

  /**
   * The model's outputs for every sample, {@code size × outputSize} values, row-major, batch size 32; for a model
   * with one output ({@link #predictOutputs} for several).
   */
  public float[] predict(Dataset data) {
    return predict(data, DEFAULT_BATCH);
  }

  public float[] predict(Dataset data, int batchSize) {
    try (CallGuard.Scope call = guard.shared("predict")) {
      checkArgument(spec().outputs().size() == 1, "predict: model '%s' has %s outputs %s; use predictOutputs, which"
          + " returns each output's values by name", model.name(), spec().outputs().size(), model.outputNames());
      checkArgument(batchSize > 0, "predict: batchSize must be positive, got %s", batchSize);
      return loop.predict(requireNonNull(data, "predict: data"), batchSize, "predict").get(0);
    }
  }

  /** Outputs for samples given as one flat array of whole samples of the input shape (a model with one input). */
  public float[] predict(float[] x) {
    checkArgument(spec().inputs().size() == 1, "predict: model '%s' has %s inputs %s; give a Dataset with an array"
        + " per input", model.name(), spec().inputs().size(), model.inputNames());
    return predict(Dataset.featuresOnly(x, spec().inputShape()));
  }

  /** Every output's values for every sample, by output name, batch size 32. */
  public Predictions predictOutputs(Dataset data) {
    return predictOutputs(data, DEFAULT_BATCH);
  }

  public Predictions predictOutputs(Dataset data, int batchSize) {
    try (CallGuard.Scope call = guard.shared("predictOutputs")) {
      checkArgument(batchSize > 0, "predictOutputs: batchSize must be positive, got %s", batchSize);
      List<float[]> values = loop.predict(requireNonNull(data, "predictOutputs: data"), batchSize,
          "predictOutputs");
      Map<String, Shape> shapes = new LinkedHashMap<>();
      Map<String, float[]> byName = new LinkedHashMap<>();
      for (int k = 0; k < values.size(); k++) {
        shapes.put(model.outputNames().get(k), spec().outputShapes().get(k));
        byName.put(model.outputNames().get(k), values.get(k));
      }
      return new Predictions(data.size(), shapes, byName);
    }
  }

  /** Current weights by full name ({@code dense/kernel}), in model order. */
  public Map<String, TensorValue> weights() {
    try (CallGuard.Scope call = guard.shared("weights")) {
      return impl.weights();
    }
  }

  /** Overwrites the named weights (any subset; names and shapes must match). Runs alone on the model. */
  public void setWeights(Map<String, TensorValue> values) {
    try (CallGuard.Scope call = guard.exclusive("setWeights")) {
      impl.setWeights(values);
    }
  }

  /**
   * Saves everything needed to resume training or serve later into one file, atomically (see
   * {@link ModelArchive}): the model, the training configuration, weights, optimizer slots, the training state
   * and a reproducibility receipt. Any backend can load it. A model holding NaN or ±∞ in a weight or slot is
   * refused ({@link NonFinite#REFUSE}); {@link #save(Path, NonFinite)} can write it anyway.
   */
  public void save(Path file) {
    save(file, NonFinite.REFUSE);
  }

  /**
   * {@link #save(Path)}, saying what to do with non-finite weights or slots: {@link NonFinite#REFUSE} throws an
   * {@link IllegalStateException} naming the first such tensor and element before anything is written;
   * {@link NonFinite#ALLOW} writes them as they are (to keep a diverged model for inspection).
   */
  public void save(Path file, NonFinite nonFinite) {
    requireNonNull(nonFinite, "save: nonFinite");
    try (CallGuard.Scope call = guard.shared("save")) {
      ArchiveContents contents = contentsNow();
      if (nonFinite == NonFinite.REFUSE) {
        contents.firstNonFinite().ifPresent(what -> {
          throw new IllegalStateException(String.format("save: model '%s' holds a non-finite value (%s) and would"
              + " predict nonsense; nothing was written to %s. Use save(file, NonFinite.ALLOW) to keep it anyway",
              model.name(), what, file));
        });
      }
      ModelArchive.write(contents, file);
    }
  }

  /** What {@link #save} writes. */
  public ArchiveContents contents() {
    try (CallGuard.Scope call = guard.shared("contents")) {
      return contentsNow();
    }
  }

  private ArchiveContents contentsNow() {
    Map<String, String> receipt = new LinkedHashMap<>();
    receipt.put("seed", Long.toString(seed));
    receipt.put("layerwise", Versions.layerwise());
    receipt.put("backend", backend.name());
    receipt.putAll(backend.versions());
    receipt.put("dtype", config.dtype().name());
    receipt.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    receipt.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    receipt.put("saved_at", Instant.now().toString());
    receipt.put("iterations", Long.toString(loop.iterations()));
    return new ArchiveContents(model.withSeed(seed), config, impl.weights(), impl.optimizerSlots(), loop.state(),
        receipt);
  }

  /**
   * Loads a saved model into a backend, ready to predict or to continue training exactly where it stopped: the
   * next {@code fit} takes the same steps (shuffles, dropout masks, learning rates, Adam's step count) an
   * uninterrupted run would have.
   */
  public static CompiledModel load(Path file, Backend backend) {
    return load(file, backend, NonFinite.REFUSE);
  }

  /**
   * {@link #load(Path, Backend)}, saying what to do with an archive holding NaN or infinite weights or optimizer
   * slots: {@link NonFinite#REFUSE} (what {@code load(file, backend)} does) throws an {@link
   * IllegalArgumentException} naming the file, the entry and the first such element; {@link NonFinite#ALLOW} loads
   * the values as they are, e.g. to inspect a run that diverged.
   */
  public static CompiledModel load(Path file, Backend backend, NonFinite nonFinite) {
    ArchiveContents c = ModelArchive.read(file, requireNonNull(nonFinite, "load: nonFinite"));
    CompiledModel m = c.model().compile(backend, c.training());
    try (CallGuard.Scope call = m.guard.exclusive("load")) {
      m.impl.setWeights(c.weights());
      m.impl.setOptimizerSlots(c.slots());
      m.loop.restore(c.state());
      return m;
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  /** Where training stands: updates and epochs done. */
  public TrainingState trainingState() {
    return loop.state();
  }

  /**
   * Writes a SavedModel for TF Serving under {@code <base>/1/}. Works whichever backend trained the model:
   * the weights go to a backend that can export (TensorFlow). Its {@code serving_default} signature takes one named
   * input per model input and returns one named output per model output (see {@link SavedModelExport}).
   */
  public Path exportSavedModel(Path base) {
    return exportSavedModel(SavedModelExport.to(base));
  }

  public Path exportSavedModel(SavedModelExport export) {
    try (CallGuard.Scope call = guard.shared("exportSavedModel")) {
      return exportNow(export);
    }
  }

  private Path exportNow(SavedModelExport export) {
    boolean oneOutput = spec().outputs().size() == 1;
    checkArgument(oneOutput || export.outputName() == null && !export.classSignatures(), "exportSavedModel: model"
        + " '%s' has outputs %s, and its signature names each output after it; an output name and class signatures"
        + " are for a model with one output", model.name(), model.outputNames());
    SavedModelExport named = export.outputName() != null || !oneOutput ? export
        : export.withOutputName(defaultOutputName());
    if (named.classSignatures() && named.classHead() == null) {
      named = named.withClassHead(classHead());
    }
    Backend exporter = backend.capabilities().contains(Capability.SAVED_MODEL_EXPORT) ? backend
        : Backend.withCapability(Capability.SAVED_MODEL_EXPORT).stream().findFirst().orElseThrow(() ->
            new IllegalStateException("no backend on the class path can export SavedModels; add"
                + " dev.layerwise:layerwise-tf"));
    return exporter.savedModelExporter().export(spec(), impl.weights(), named);
  }

  /** How the class signatures follow from this model's output; only classifiers have them. */
  private SavedModelExport.ClassHead classHead() {
    Loss loss = config.lossFor(model.outputNames().get(0));
    boolean categorical = loss instanceof CategoricalCrossentropy || loss instanceof SparseCategoricalCrossentropy;
    checkArgument(categorical || loss instanceof BinaryCrossentropy, "class signatures need a classifier (a"
        + " cross-entropy loss); '%s' is trained with %s", model.name(), loss.kerasName());
    if (loss.fromLogits()) {
      return categorical ? SavedModelExport.ClassHead.SOFTMAX_OF_OUTPUT : SavedModelExport.ClassHead.SIGMOID_OF_OUTPUT;
    }
    return categorical ? SavedModelExport.ClassHead.OUTPUT_IS_SOFTMAX : SavedModelExport.ClassHead.OUTPUT_IS_SIGMOID;
  }

  /** {@code logits} when the loss reads logits, {@code probabilities} after softmax/sigmoid, else {@code output}. */
  private String defaultOutputName() {
    if (config.lossFor(model.outputNames().get(0)).fromLogits()) {
      return "logits";
    }
    boolean probs = CompileChecks.outputActivation(spec().lastNode())
        .filter(f -> f == ActivationFn.SOFTMAX || f == ActivationFn.SIGMOID).isPresent();
    return probs ? "probabilities" : "output";
  }

  public String summary() {
    return model.summary();
  }

  /** The model compiled: a {@link Sequential} for a chain of layers (and an archive of one), else a {@link Model}. */
  public Model model() {
    return model;
  }

  public ModelSpec spec() {
    return model.spec();
  }

  public TrainingConfig config() {
    return config;
  }

  public Backend backend() {
    return backend;
  }

  /** The seed the initial weights were drawn from. */
  public long seed() {
    return seed;
  }

  /** Optimisation steps taken so far. */
  public long iterations() {
    return loop.iterations();
  }

  /**
   * The backend's model, for conformance checks and tools that need gradients. Calls on it bypass this model's
   * checks of who may run (see Threads above): the backend model is itself safe from many threads (reads run
   * together, changes wait for them), but nothing stops it being changed under a concurrent {@code fit}.
   */
  public BackendModel backendModel() {
    guard.checkOpen("backendModel");
    return impl;
  }

  public List<String> weightNames() {
    return List.copyOf(spec().weightSpecs().keySet());
  }

  /**
   * Frees the model. Waits for calls in flight on other threads (a {@code fit} stops at its next step boundary
   * and throws {@link FitCancelledException}); afterwards every call on every thread throws
   * {@link IllegalStateException}. Idempotent; refused from inside a call of this model on the same thread (e.g. a
   * fit callback), which would wait for itself.
   */
  @Override
  public void close() {
    String by = Thread.currentThread().getName();
    guard.close(() -> loop.requestStop("the model was closed by thread '" + by + "'"), impl::close);
  }
}
