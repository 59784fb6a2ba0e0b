package dev.layerwise.tf;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableMap;
import dev.layerwise.Predictions;
import dev.layerwise.SavedModelExport;
import dev.layerwise.ThreadBudget;
import dev.layerwise.data.ClassNames;
import dev.layerwise.spi.LeakNet;
import dev.layerwise.spi.ModelLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.ByteDataBuffer;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * A SavedModel loaded for inference in Java. Any signature with one float input can be called by its key, and
 * any of its outputs read by name, as float ({@link #predict(String, String, float[], int)}) or as integers
 * ({@link #predictInt64(String, String, float[], int)}); the shortcuts call the signatures Layerwise exports:
 * {@link #predict(float[], int)} ({@code serving_default}), {@link #predictProbabilities(float[], int)} and
 * {@link #predictClassIds(float[], int)} (the class signatures of a classifier). A signature with several inputs
 * (the export of a model with several) is called with one array per input by name, and returns every output by
 * name: {@link #predict(Map, int)}.
 *
 * <p>Inputs are {@code count} samples laid out row-major, exactly {@code count × featureSize(key)} floats (per
 * input: {@code featureSize(key, name)}); outputs come back flat and row-major, {@code count × (product of the
 * output's non-batch dimensions)} values. Caller mistakes (an unknown signature, input or output, missing or extra
 * input names, an output of the other type, a wrong input length) throw {@link IllegalArgumentException} before
 * anything runs in TensorFlow; using a closed model throws {@link IllegalStateException}.
 *
 * <p>Thread-safe: one instance may serve any number of concurrent callers. Everything this class reads per call
 * (signature descriptions, graph outputs) is built once in the constructor and never changed; each call creates,
 * uses and closes its own input tensors, runner and result; TF's {@code Session.run} is thread-safe. Calls hold a
 * shared {@link ModelLock}, so {@link #close} waits for the calls in flight, then releases the graph and session;
 * calls after that throw {@link IllegalStateException} on every thread. {@code TfSavedModelTest} runs 8 threads
 * across the signatures against the single-threaded results; {@code ConcurrencyStressTest} closes one under 8
 * predicting threads.
 *
 * <p>Native memory: the SavedModel's graph and session live outside the Java heap. Close it; one that is never
 * closed is freed by the {@link LeakNet} when the collector finds it unreachable, with a warning naming where it
 * was loaded (a net, not a substitute: see {@code docs/reliability.md}). The {@link #bundle()} it hands out is
 * valid only while this object is open and reachable.
 *
 * <pre>{@code
 * try (TfSavedModel served = TfSavedModel.load(Path.of("models/fashion/1"))) {
 *   float[] logits = served.predict(pixels, 10);            // 10 samples of 784 floats → 10 × 10 logits
 *   float[] p = served.predictProbabilities(pixels, 10);    // softmax(logits)
 *   long[] ids = served.predictClassIds(pixels, 10);         // argmax, one per sample
 *   String first = served.classNames().orElseThrow().name((int) ids[0]);  // when exported with class names
 *   float[] same = served.predict("serving_default", "logits", pixels, 10);
 * }
 * try (TfSavedModel served = TfSavedModel.load(Path.of("models/two_tower/1"))) {   // inputs image, meta
 *   Predictions p = served.predict(Map.of("image", pixels, "meta", meta), 10);
 *   float[] classes = p.get("class");                        // 10 × 10
 * }
 * }</pre>
 */
public final class TfSavedModel implements AutoCloseable {
  private final Path dir;
  private final SavedModelBundle bundle;
  /** Every signature of the model by key, in a fixed order; immutable. */
  private final ImmutableMap<String, TfSignature> signatures;
  private final ModelLock lock;
  private final Optional<ClassNames> classNames;
  private final LeakNet.Registration registration;
  private volatile boolean closed;

  private TfSavedModel(Path dir, SavedModelBundle bundle, Optional<ClassNames> classNames) {
    this.dir = dir;
    this.classNames = classNames;
    this.bundle = bundle;
    Graph graph = bundle.graph();
    ImmutableMap.Builder<String, TfSignature> all = ImmutableMap.builder();
    bundle.signatures().stream().sorted((a, b) -> a.key().compareTo(b.key()))
        .forEach(s -> all.put(s.key(), TfSignature.describe(graph, s)));
    this.signatures = all.build();
    this.lock = new ModelLock("SavedModel " + dir);
    this.registration = LeakNet.register(this, "SavedModel " + dir, bundle);
  }

  /**
   * Loads {@code <base>/<version>} (the folder holding {@code saved_model.pb}) with the {@code serve} tag and
   * restores its variables; the caller closes it. The folder is checked in Java first ({@link SavedModelFolder}:
   * {@code saved_model.pb} parses, {@code variables/} is there when the graph has variables); whatever TensorFlow
   * then refuses (a damaged {@code variables/} file, an op it does not know) is an {@link IllegalArgumentException}
   * naming the folder, with TensorFlow's exception as its cause.
   */
  public static TfSavedModel load(Path dir) {
    return load(dir, null);
  }

  /**
   * {@link #load(Path)} whose session uses {@code threads} ({@code null}: the JVM-wide pools of {@link TfThreads}),
   * e.g. {@code new ThreadBudget(1, 1)} for each of several models served side by side. What TensorFlow honours per
   * session: see {@link TfSessions}.
   */
  public static TfSavedModel load(Path dir, ThreadBudget threads) {
    SavedModelFolder.check(dir);
    Optional<ClassNames> classNames = SavedModelClassNames.read(dir);
    SavedModelBundle bundle;
    try {
      bundle = SavedModelBundle.loader(dir.toString()).withTags(SavedModelBundle.DEFAULT_TAG)
          .withConfigProto(TfSessions.config(threads)).load();
    } catch (TensorFlowException e) {
      throw new IllegalArgumentException("cannot load the SavedModel at " + dir + ": " + e.getMessage(), e);
    }
    try {
      return new TfSavedModel(dir, bundle, classNames);
    } catch (RuntimeException e) {
      bundle.close();
      throw new IllegalArgumentException("cannot load the SavedModel at " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The class names exported with the model ({@value SavedModelExport#CLASS_NAMES_ASSET}), naming the ids
   * {@link #predictClassIds} returns; empty for a model exported without them.
   */
  public Optional<ClassNames> classNames() {
    return classNames;
  }

  /** The keys of the model's signatures, sorted (e.g. {@code class_ids, probabilities, serving_default}). */
  public Set<String> signatureKeys() {
    return signatures.keySet();
  }

  /** The {@code serving_default} signature. */
  public Signature signature() {
    return signature(SavedModelExport.SIGNATURE_KEY);
  }

  /** The signature with this key (names, dtypes and shapes of its inputs and outputs). */
  public Signature signature(String key) {
    return callable(key).signature();
  }

  /** The output names of a signature, sorted. */
  public Set<String> outputNames(String key) {
    return callable(key).outputs().keySet();
  }

  /**
   * The static shape of a signature's output, {@code -1} for the batch and any other dynamic dimension (e.g.
   * {@code [-1, 10]} for logits, {@code [-1]} for class ids).
   */
  public long[] outputShape(String key, String outputName) {
    return callable(key).output(outputName).dims().clone();
  }

  /** The SavedModel's bundle (graph, session, meta graph), for what this class does not cover. */
  public SavedModelBundle bundle() {
    return bundle;
  }

  /** Values per sample {@code serving_default} takes (the product of its input's non-batch dimensions). */
  public int featureSize() {
    return featureSize(SavedModelExport.SIGNATURE_KEY);
  }

  /** Values per sample a signature with one input takes. */
  public int featureSize(String key) {
    return callable(key).single().featureSize();
  }

  /** The input names of a signature, sorted ({@code x}, or a graph model's input names). */
  public Set<String> inputNames(String key) {
    return callable(key).inputs().keySet();
  }

  /** Values per sample the named input of a signature takes. */
  public int featureSize(String key, String inputName) {
    TfSignature c = callable(key);
    TfSignature.InputEntry in = inputName == null ? null : c.inputs().get(inputName);
    checkArgument(in != null, "signature '%s' has no input '%s'; it has %s", key, inputName, c.inputs().keySet());
    return in.featureSize();
  }

  /**
   * Runs {@code count} samples through {@code serving_default} and returns its output (it must have exactly one),
   * flat.
   */
  public float[] predict(float[] x, int count) {
    TfSignature c = callable(SavedModelExport.SIGNATURE_KEY);
    c.single();
    checkArgument(c.outputs().size() == 1, "signature '%s' has outputs %s; name the one to read with"
        + " predict(key, outputName, x, count)", SavedModelExport.SIGNATURE_KEY, c.outputs().keySet());
    return predict(SavedModelExport.SIGNATURE_KEY, c.outputs().keySet().iterator().next(), x, count);
  }

  /** The {@value SavedModelExport#PROBABILITIES_KEY} signature of an exported classifier: per-class probabilities. */
  public float[] predictProbabilities(float[] x, int count) {
    return predict(SavedModelExport.PROBABILITIES_KEY, SavedModelExport.PROBABILITIES_KEY, x, count);
  }

  /**
   * The {@value SavedModelExport#CLASS_IDS_KEY} signature of an exported classifier: one class index per sample
   * (softmax heads), or a 0/1 per output unit (sigmoid heads).
   */
  public long[] predictClassIds(float[] x, int count) {
    return predictInt64(SavedModelExport.CLASS_IDS_KEY, SavedModelExport.CLASS_IDS_KEY, x, count);
  }

  /** Runs a signature and reads a floating output (DT_FLOAT, or DT_DOUBLE rounded to float), flat. */
  public float[] predict(String signatureKey, String outputName, float[] x, int count) {
    return run(signatureKey, outputName, x, count, DataType.DT_FLOAT, DataType.DT_DOUBLE, "predictInt64",
        out -> TfTensors.readFloats(out, (int) out.shape().size()));
  }

  /** Runs a signature and reads an integer output (DT_INT64, or DT_INT32 widened), flat. */
  public long[] predictInt64(String signatureKey, String outputName, float[] x, int count) {
    return run(signatureKey, outputName, x, count, DataType.DT_INT64, DataType.DT_INT32, "predict", out -> {
      int n = (int) out.shape().size();
      long[] values = new long[n];
      ByteDataBuffer data = out.asRawTensor().data();
      if (out.dataType() == DataType.DT_INT64) {
        data.asLongs().read(values, 0, n);
      } else {
        var ints = data.asInts();
        for (int i = 0; i < n; i++) {
          values[i] = ints.getInt(i);
        }
      }
      return values;
    });
  }

  /**
   * Runs {@code count} samples through {@code serving_default}, one array per input by name ({@code count ×
   * featureSize(key, name)} floats each, row-major), and returns every output by name: how a model with several
   * inputs or outputs is served. The names must be exactly the signature's inputs ({@link #inputNames}); anything
   * else is refused, listing the expected and the given names, before TensorFlow runs.
   */
  public Predictions predict(Map<String, float[]> inputs, int count) {
    return predict(SavedModelExport.SIGNATURE_KEY, inputs, count);
  }

  /**
   * Runs a signature on named inputs and returns each of its outputs (all floating: DT_FLOAT, or DT_DOUBLE rounded
   * to float) by name, sorted, with its per-sample shape as computed.
   */
  public Predictions predict(String signatureKey, Map<String, float[]> inputs, int count) {
    TfSignature c = callable(signatureKey);
    for (TfSignature.OutputEntry f : c.outputs().values()) {
      checkArgument(f.dtype() == DataType.DT_FLOAT || f.dtype() == DataType.DT_DOUBLE, "output '%s' of signature"
          + " '%s' is %s; read it with predictInt64", f.name(), signatureKey, f.dtype());
    }
    c.checkInputs(inputs, count);
    List<TfSignature.OutputEntry> outputs = List.copyOf(c.outputs().values());
    return lock.read("signature '" + signatureKey + "'", () -> {
      try (Result r = run(c, inputs, outputs, count)) {
        Map<String, dev.layerwise.Shape> shapes = new LinkedHashMap<>();
        Map<String, float[]> values = new LinkedHashMap<>();
        for (int k = 0; k < outputs.size(); k++) {
          Tensor out = r.get(k);
          long[] dims = out.shape().asArray();
          int[] sample = new int[Math.max(dims.length - 1, 0)];
          for (int d = 0; d < sample.length; d++) {
            sample[d] = Math.toIntExact(dims[d + 1]);
          }
          shapes.put(outputs.get(k).name(), dev.layerwise.Shape.of(sample));
          values.put(outputs.get(k).name(), TfTensors.readFloats(out, (int) out.shape().size()));
        }
        return new Predictions(count, shapes, values);
      }
    });
  }

  /** Checks the output's dtype is one of two and the input, runs the signature, reads the output. */
  private <T> T run(String signatureKey, String outputName, float[] x, int count, DataType dtype, DataType alt,
      String otherMethod, java.util.function.Function<Tensor, T> read) {
    TfSignature c = callable(signatureKey);
    TfSignature.InputEntry in = c.single();
    TfSignature.OutputEntry f = c.output(outputName);
    checkArgument(f.dtype() == dtype || f.dtype() == alt, "output '%s' of signature '%s' is %s; read it with %s",
        outputName, signatureKey, f.dtype(), otherMethod);
    c.checkInput(in, x, count);
    return lock.read("signature '" + signatureKey + "'", () -> {
      try (Result r = run(c, Map.of(in.name(), x), List.of(f), count)) {
        return read.apply(r.get(0));
      }
    });
  }

  /** Feeds every input (each its own tensor, closed here) and fetches the outputs, in the order given. */
  private Result run(TfSignature c, Map<String, float[]> xs, List<TfSignature.OutputEntry> outputs, int count) {
    List<TFloat32> feeds = new ArrayList<>();
    try {
      Session.Runner runner = bundle.session().runner();
      for (TfSignature.InputEntry in : c.inputs().values()) {
        long[] dims = in.dims().clone();
        dims[0] = count;
        float[] x = xs.get(in.name());
        TFloat32 t = TFloat32.tensorOf(Shape.of(dims));
        feeds.add(t);
        t.asRawTensor().data().asFloats().write(x, 0, x.length);
        runner.feed(in.output(), t);
      }
      outputs.forEach(f -> runner.fetch(f.output()));
      return runner.run();
    } finally {
      feeds.forEach(TFloat32::close);
    }
  }

  private TfSignature callable(String key) {
    checkState(!closed, "SavedModel %s is closed", dir);
    TfSignature c = key == null ? null : signatures.get(key);
    checkArgument(c != null, "SavedModel %s has no signature '%s'; it has %s", dir, key, signatures.keySet());
    return c;
  }

  /** Waits for calls in flight, then releases the session and graph. Idempotent. */
  @Override
  public void close() {
    closed = true;
    lock.close(registration::close);
  }

  @Override
  public String toString() {
    return "TfSavedModel[" + dir + ", signatures " + List.copyOf(signatures.keySet()) + "]";
  }
}
