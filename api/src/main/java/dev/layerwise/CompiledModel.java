package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.data.DataSource;
import dev.layerwise.data.Dataset;
import dev.layerwise.internal.CallGuard;
import dev.layerwise.internal.CompileChecks;
import dev.layerwise.io.ArchiveContents;
import dev.layerwise.io.ModelArchive;
import dev.layerwise.internal.TrainingLoop;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Capability;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.TensorValue;
import java.nio.file.Path;
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
  private final WeightAccess weightAccess;
  private final ModelPasses passes;
  private final boolean hasLoss;
  /** The precision the model holds its values in: see {@link #dtype()}. */
  private final DType valueDType;

  CompiledModel(Model model, Backend backend, TrainingConfig config) {
    this(model, backend, config, true);
  }

  /**
   * @param hasLoss false for a model compiled for inference only ({@link Model#compile(Backend, DType)}): the
   *     backend then gets a stand-in configuration (plain SGD, mean squared error on every output) that nothing ever
   *     trains, evaluates or saves with
   */
  CompiledModel(Model model, Backend backend, TrainingConfig config, boolean hasLoss) {
    this.model = requireNonNull(model, "model");
    this.backend = requireNonNull(backend, "backend");
    this.config = requireNonNull(config, "config");
    this.hasLoss = hasLoss;
    ModelSpec spec = model.spec();
    CompileChecks.checkConfig(spec, config);
    checkArgument(config.dtype() == DType.FLOAT32 || backend.capabilities().contains(Capability.FLOAT64),
        "backend '%s' cannot compute in %s", backend.name(), config.dtype());
    this.seed = model.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong());
    LOG.debug("compiling '{}' on {} ({}), initial weights from seed {}", spec.name(), backend.name(),
        config.dtype(), seed);
    this.impl = backend.compile(spec, config);
    try {
      impl.setWeights(spec.initialWeights(seed, config.dtype()));
    } catch (RuntimeException e) {
      impl.close();
      throw e;
    }
    this.loop = new TrainingLoop(impl, spec, config, seed);
    this.guard = new CallGuard("model '" + spec.name() + "'");
    this.valueDType = backend.capabilities().contains(Capability.ALWAYS_FLOAT64) ? DType.FLOAT64 : config.dtype();
    this.weightAccess = new WeightAccess(spec, valueDType);
    this.passes = new ModelPasses(spec, config, valueDType, impl, seed);
  }

  /**
   * Trains; see {@link FitOptions} for the knobs. Runs alone on the model (see Threads above).
   *
   * @throws FitCancelledException when the thread is interrupted or the model closed during training
   */
  public History fit(Dataset train, FitOptions options) {
    requireLoss("fit", "train it");
    try (CallGuard.Scope call = guard.exclusive("fit")) {
      return loop.fit(requireNonNull(train, "fit: train"), requireNonNull(options, "fit: options"), this);
    }
  }

  /**
   * Trains on data read a batch at a time, never held in memory whole; see {@link DataSource} for what each kind of
   * source reads and how {@code fit} shuffles it (an {@link dev.layerwise.data.IndexedSource} exactly as the same
   * samples in a {@link Dataset}, a {@link dev.layerwise.data.ShardedSource} by shard order and a buffer).
   * {@link FitOptions#validationSplit()} is refused: give {@code validationData}.
   *
   * @throws dev.layerwise.data.DataSourceException when reading the source fails, naming it and what was read
   */
  public History fit(DataSource train, FitOptions options) {
    requireLoss("fit", "train it");
    try (CallGuard.Scope call = guard.exclusive("fit")) {
      return loop.fit(requireNonNull(train, "fit: train"), requireNonNull(options, "fit: options"), this);
    }
  }

  /** Trains for {@code epochs} epochs at {@code batchSize}, logging progress. */
  public History fit(Dataset train, int epochs, int batchSize) {
    return fit(train, FitOptions.of(epochs, batchSize));
  }

  /**
   * Loss and metrics over a labelled dataset, in inference mode, batch size 32; for a single-label classifier also
   * the confusion matrix ({@link Evaluation#classificationReport}).
   */
  public Evaluation evaluate(Dataset data) {
    return evaluate(data, DEFAULT_BATCH);
  }

  public Evaluation evaluate(Dataset data, int batchSize) {
    requireLoss("evaluate", "evaluate it");
    try (CallGuard.Scope call = guard.shared("evaluate")) {
      checkArgument(batchSize > 0, "evaluate: batchSize must be positive, got %s", batchSize);
      return loop.evaluate(requireNonNull(data, "evaluate: data"), batchSize);
    }
  }

  /** {@link #evaluate(Dataset, int)} of data read a batch at a time, in order. */
  public Evaluation evaluate(DataSource data, int batchSize) {
    requireLoss("evaluate", "evaluate it");
    try (CallGuard.Scope call = guard.shared("evaluate")) {
      checkArgument(batchSize > 0, "evaluate: batchSize must be positive, got %s", batchSize);
      return loop.evaluate(requireNonNull(data, "evaluate: data"), batchSize);
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

  /**
   * {@link #predict(Dataset, int)} of samples read a batch at a time, in order (only the outputs are held whole);
   * a source's targets, if any, are ignored.
   */
  public float[] predict(DataSource data, int batchSize) {
    try (CallGuard.Scope call = guard.shared("predict")) {
      checkArgument(spec().outputs().size() == 1, "predict: model '%s' has %s outputs %s; predict on a DataSource"
          + " takes a model with one output", model.name(), spec().outputs().size(), model.outputNames());
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

  /**
   * The outputs of a model with one input and one output for samples {@code [samples, ...input shape]}, as
   * {@code [samples, ...output shape]} in the model's precision (float64 for a float64 model), batch size 32.
   */
  public NdValue predict(NdValue x) {
    checkArgument(spec().outputs().size() == 1, "predict: model '%s' has %s outputs %s; use predictOutputs",
        model.name(), spec().outputs().size(), model.outputNames());
    return predictOutputs(ModelPasses.singleInput(model, x, null, "predict")).value(model.outputNames().get(0));
  }

  /** Every output's values for every sample, by output name, batch size 32. */
  public Predictions predictOutputs(Dataset data) {
    return predictOutputs(data, DEFAULT_BATCH);
  }

  public Predictions predictOutputs(Dataset data, int batchSize) {
    try (CallGuard.Scope call = guard.shared("predictOutputs")) {
      checkArgument(batchSize > 0, "predictOutputs: batchSize must be positive, got %s", batchSize);
      requireNonNull(data, "predictOutputs: data");
      boolean doubles = valueDType == DType.FLOAT64;
      List<double[]> exact = doubles ? loop.predictDoubles(data, batchSize, "predictOutputs") : List.of();
      List<float[]> values = doubles ? TrainingLoop.rounded(exact) : loop.predict(data, batchSize, "predictOutputs");
      Map<String, Shape> shapes = new LinkedHashMap<>();
      Map<String, float[]> byName = new LinkedHashMap<>();
      Map<String, double[]> doublesByName = new LinkedHashMap<>();
      for (int k = 0; k < values.size(); k++) {
        String name = model.outputNames().get(k);
        shapes.put(name, spec().outputShapes().get(k));
        byName.put(name, values.get(k));
        if (doubles) {
          doublesByName.put(name, exact.get(k));
        }
      }
      return new Predictions(data.size(), shapes, byName, doublesByName);
    }
  }

  /**
   * The class of each sample, as an index and as one of the model's class names ({@link Model#withClassNames}):
   * the argmax of the output, or for one sigmoid unit class 1 when its probability is above 0.5. Batch size 32.
   *
   * @throws IllegalStateException for a model without class names
   */
  public ClassPredictions predictClasses(Dataset data) {
    return ModelClassNames.predict(this, requireNonNull(data, "predictClasses: data"));
  }

  /**
   * Every weight's current value by full name ({@code dense/kernel}, {@code batch_normalization/moving_mean}), in
   * model order, in the model's precision ({@link #dtype()}): the trainable ones and the state layers keep
   * (moving statistics). Copies: changing the model later does not change them.
   */
  public Map<String, NdValue> weights() {
    try (CallGuard.Scope call = guard.shared("weights")) {
      return SpiValues.toNd(impl.weights(), valueDType);
    }
  }

  /**
   * One layer's weights by short name ({@code kernel}, {@code bias}); empty for a layer without weights.
   *
   * @throws IllegalArgumentException for a name that is not one of the model's layers, listing them
   */
  public Map<String, NdValue> weights(String layer) {
    Map<String, String> names = weightAccess.weightsOf(layer, "weights");
    Map<String, NdValue> all = weights();
    Map<String, NdValue> out = new LinkedHashMap<>();
    names.forEach((shortName, full) -> out.put(shortName, all.get(full)));
    return out;
  }

  /**
   * One weight's current value, by full name ({@code dense/kernel}).
   *
   * @throws IllegalArgumentException for a name the model does not have, listing its weights
   */
  public NdValue weight(String name) {
    weightAccess.checkName(name, "weight");
    return weights().get(name);
  }

  /**
   * Overwrites the named weights, by full name; any subset, the others keep their values. Each value must have its
   * weight's shape and the model's precision ({@link #dtype()}; {@link NdValue#withDType} converts). Checked whole
   * before anything is written: a bad entry changes nothing. Runs alone on the model (see Threads above).
   *
   * @throws IllegalArgumentException naming the first unknown weight, wrong shape or wrong dtype, expected and given
   */
  public void setWeights(Map<String, NdValue> values) {
    Map<String, TensorValue> checked = weightAccess.checked(values, "setWeights");
    try (CallGuard.Scope call = guard.exclusive("setWeights")) {
      impl.setWeights(checked);
    }
  }

  /** {@link #setWeights(Map)} for one layer's weights, by short name ({@code kernel}); any subset. */
  public void setWeights(String layer, Map<String, NdValue> values) {
    setWeights(weightAccess.byFullName(layer, values, "setWeights"));
  }

  /** {@link #setWeights(Map)} for one weight, by full name. */
  public void setWeight(String name, NdValue value) {
    Map<String, NdValue> one = new LinkedHashMap<>();
    one.put(requireNonNull(name, "setWeight: name"), value);
    setWeights(one);
  }

  /**
   * A new compiled model of {@code model} holding this model's current weights, with its own configuration: how to
   * fine-tune (Keras's {@code compile} after changing {@code trainable}). {@code model} must have exactly this
   * model's weights, by name and shape: the same layers, with other layers frozen or unfrozen
   * ({@link Model#withTrainable}). It starts a fresh training: no optimizer state, no steps taken, the seed of
   * {@code model} (this model's when it has none). This model stays as it is, and the two share nothing.
   *
   * <pre>{@code
   * try (CompiledModel head = base.recompile(model.withTrainable(false, "conv", "bn"), config)) { ... }
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code model}'s weights differ from this model's, naming both sets
   */
  public CompiledModel recompile(Model model, TrainingConfig config) {
    Model seeded = ModelCopies.checkRecompile(this, model, config);
    try (CallGuard.Scope call = guard.shared("recompile")) {
      return ModelCopies.compileWith(seeded, backend, config, impl.weights());
    }
  }


  /**
   * Copies this model's current weights into another compiled model, each weight the other has by the same full name:
   * how a model built from some of this one's layers ({@link Model#output}), compiled on its own, gets the weights
   * they have here. A copy: later changes to either model do not reach the other. Values are converted to the other
   * model's precision. Reads this model and writes the other alone (see Threads above).
   *
   * @return the names of the weights copied, in this model's order
   * @throws IllegalArgumentException if a weight of the same name has another shape, or no weight is shared
   */
  public List<String> copyWeightsTo(CompiledModel other) {
    return ModelCopies.copyWeights(this, other);
  }


  /**
   * The precision the model's values come in: its weights, gradients and forward values, and what
   * {@link #setWeights} keeps. That is the precision it computes in ({@link TrainingConfig#dtype()}), except on a
   * backend that computes in float64 whatever it is asked (the reference backend), whose models hold and hand out
   * float64 values, so that nothing is rounded on the way out and {@code setWeights(weights())} changes nothing.
   * {@code setWeights} also takes float32 values in a float64 model (widened exactly), never float64 values in a
   * float32 one.
   */
  public DType dtype() {
    return valueDType;
  }

  /**
   * A forward pass over the samples as one batch, in training mode (dropout drops and augmentation layers augment,
   * with masks and draws from the model's seed; batch normalisation uses the samples' statistics) or inference mode,
   * returning every output in the model's precision. Nothing changes: no moving statistic is updated. Keras's
   * {@code model(x, training=...)}.
   */
  public ForwardResult forward(Dataset data, boolean training) {
    return forward(data, training ? ForwardOptions.training() : ForwardOptions.inference());
  }

  /**
   * {@link #forward(Dataset, boolean)} with fixed dropout masks and, besides the outputs, the outputs of any layers,
   * by name: computed by this model in the same pass (no second model, no copy of the weights).
   *
   * @throws IllegalArgumentException for a layer the model does not have (listing its layers), a mask for a layer
   *     that is not a Dropout one, of the wrong shape or not of zeros and ones, or data that does not fit
   */
  public ForwardResult forward(Dataset data, ForwardOptions options) {
    requireNonNull(data, "forward: data");
    requireNonNull(options, "forward: options");
    try (CallGuard.Scope call = guard.shared("forward")) {
      return passes.forward(data, options);
    }
  }

  /** {@link #forward(Dataset, boolean)} of a model with one input, its samples given as {@code [samples, ...shape]}. */
  public ForwardResult forward(NdValue x, boolean training) {
    return forward(ModelPasses.singleInput(model, x, null, "forward"), training);
  }

  /**
   * The gradients of the loss on the samples as one batch, with respect to every trainable weight and every input,
   * with the loss and its parts (see {@link LossGradients}): what a training step would compute before updating,
   * in training mode, with dropout masks drawn from the model's seed. Nothing changes. Keras's
   * {@code GradientTape} around the loss, PyTorch's {@code loss.backward()}.
   *
   * @throws IllegalArgumentException for data that does not fit the model or its loss, or a model with a layer no
   *     gradient passes ({@code Hardmax})
   */
  public LossGradients gradients(Dataset data) {
    return gradients(data, Map.of());
  }

  /**
   * {@link #gradients(Dataset)} with fixed dropout masks (and augmentation draws), by layer name
   * ({@link ForwardOptions#dropoutMasks} says what they are); the layers without any get drawn ones.
   */
  public LossGradients gradients(Dataset data, Map<String, NdValue> dropoutMasks) {
    requireNonNull(data, "gradients: data");
    requireNonNull(dropoutMasks, "gradients: dropoutMasks");
    requireLoss("gradients", "take the gradients of its loss");
    try (CallGuard.Scope call = guard.shared("gradients")) {
      return passes.gradients(data, dropoutMasks);
    }
  }

  /**
   * {@link #gradients(Dataset)} of a model with one input and one output: samples {@code [samples, ...input shape]}
   * and their targets {@code [samples, ...label shape]}.
   */
  public LossGradients gradients(NdValue x, NdValue y) {
    return gradients(ModelPasses.singleInput(model, x, requireNonNull(y, "gradients: y"), "gradients"));
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
    requireLoss("save", "save it (a saved model can resume training); exportSavedModel serves it without one");
    try (CallGuard.Scope call = guard.shared("save")) {
      ModelSaves.write(contentsNow(), nonFinite, model.name(), file);
    }
  }

  /** What {@link #save} writes. */
  public ArchiveContents contents() {
    requireLoss("contents", "save it");
    try (CallGuard.Scope call = guard.shared("contents")) {
      return contentsNow();
    }
  }

  private ArchiveContents contentsNow() {
    return new ArchiveContents(model.withSeed(seed), config, impl.weights(), impl.optimizerSlots(), loop.state(),
        ModelSaves.receipt(seed, backend, config.dtype(), loop.iterations()), loop.callbackStates());
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
      m.restore(c);
      return m;
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  /** Puts a saved model's weights, optimizer slots and training state into this freshly compiled one. */
  private void restore(ArchiveContents c) {
    impl.setWeights(c.weights());
    impl.setOptimizerSlots(c.slots());
    loop.restore(c.state());
    // Tensors come back as read; held in the model's precision, as a fit in memory holds them.
    loop.restoreCallbacks(c.callbacks().stream().map(s -> new CallbackState(s.key(), s.values(),
        SpiValues.inDType(s.weights(), valueDType))).toList());
  }

  /**
   * The states of the resumable callbacks ({@link ResumableCallback}) the last {@code fit} ended with, or that
   * {@link #load} read: what {@link #save} writes and the next resumed fit ({@link FitOptions#initialEpoch()}
   * &gt; 0) continues from.
   */
  public List<CallbackState> callbackStates() {
    return loop.callbackStates();
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
      return SavedModelExports.export(model, backend, hasLoss ? config : null, impl.weights(), export);
    }
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

  /**
   * The optimizer, loss, metrics and precision the model was compiled with.
   *
   * @throws IllegalStateException for a model compiled without a loss ({@link #hasLoss()})
   */
  public TrainingConfig config() {
    requireLoss("config", "give it a training configuration");
    return config;
  }

  /** Whether the model was compiled with a loss; one compiled for inference only ({@link Model#compile(Backend,
   * DType)}) can predict, run forward passes, read and set weights and export, but not train, evaluate, take
   * gradients or be saved. */
  public boolean hasLoss() {
    return hasLoss;
  }

  private void requireLoss(String what, String toDo) {
    if (!hasLoss) {
      throw new IllegalStateException(String.format("%s: model '%s' was compiled without a loss, for inference only;"
          + " compile it with an optimizer and a loss to %s (copyWeightsTo carries its weights over)", what,
          model.name(), toDo));
    }
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

  /** Sets every weight of a model nobody else holds yet, at the backend's precision (for {@link ModelCopies}). */
  void setBackendWeights(Map<String, TensorValue> values) {
    impl.setWeights(values);
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
