package dev.layerwise.tf;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.DType;
import dev.layerwise.SavedModelExport;
import dev.layerwise.ThreadBudget;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.SavedModelExporter;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.tf.lower.TfGraphLowering;
import dev.layerwise.tf.lower.TfLayerLowering;
import dev.layerwise.tf.lower.TfScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Writes an inference-only float32 SavedModel: an input placeholder per model input with a dynamic batch dimension,
 * the inference-mode forward pass of the model's graph, and the weights as variables (a shared layer's once). No
 * labels, losses, gradients or optimizer slots. Inference mode needs no masks or state updates: Dropout is the
 * identity and batch normalisation reads its moving statistics, which are exported as variables with the trainable
 * weights.
 *
 * <p>Signatures, all with method {@value SavedModelExport#METHOD_NAME}, over one graph and one session:
 * <ul>
 *   <li>{@value SavedModelExport#SIGNATURE_KEY}: inputs (DT_FLOAT, {@code [-1, ...input shape]}) {@code x} for a
 *       model with one input, else one per model input under the input's name; outputs (DT_FLOAT, {@code [-1,
 *       ...output shape]}) the export's output name for a model with one output, else one per model output under
 *       the output's name;</li>
 *   <li>for a model with one output and a {@link SavedModelExport.ClassHead class head}, with the same inputs,
 *       {@value SavedModelExport#PROBABILITIES_KEY}: output
 *       {@value SavedModelExport#PROBABILITIES_KEY} (DT_FLOAT, the output's shape) = softmax or sigmoid of the
 *       output over its last axis, or the output itself when it already is one; and
 *       {@value SavedModelExport#CLASS_IDS_KEY}: output {@value SavedModelExport#CLASS_IDS_KEY} (DT_INT64) =
 *       argmax of the probabilities over the last axis (shape {@code [-1, ...]} without it) for the softmax heads,
 *       {@code probabilities > 0.5} as 0/1 (the output's shape) for the sigmoid heads.</li>
 * </ul>
 * Class ids are computed from the probabilities, not from the logits, so the two signatures never disagree (a
 * logit of 1e-9 has sigmoid 0.5 in float32 and class 0). Argmax breaks ties towards the lower index.
 *
 * <p>Each variable is named as the weight it holds in the model archive ({@code dense_3/bias}, see {@link
 * TfVariable}), and {@link SavedModelHygiene} strips the default-valued attributes and fills in the TensorFlow
 * version before the folder is moved into place.
 *
 * <p>Class names, when the export has them, go to {@value SavedModelExport#CLASS_NAMES_ASSET}
 * ({@link SavedModelClassNames}).
 *
 * <p>The model is written to a temporary folder beside the target and moved into {@code <base>/<version>} only
 * when complete, so a failed export never leaves a half-written version for TF Serving to pick up.
 */
public final class TfSavedModelExporter implements SavedModelExporter {
  private static final Logger LOG = LoggerFactory.getLogger(TfSavedModelExporter.class);
  /** The exporting model's thread budget, or {@code null} for the JVM-wide pools. */
  private final ThreadBudget threads;

  /** An exporter whose session uses the JVM-wide pools of {@link TfThreads}. */
  public TfSavedModelExporter() {
    this(null);
  }

  /** An exporter whose session uses {@code threads} ({@code null}: the JVM-wide pools). */
  TfSavedModelExporter(ThreadBudget threads) {
    this.threads = threads;
  }

  /** The budget the export session opens with, or {@code null} (for tests). */
  ThreadBudget threads() {
    return threads;
  }

  @Override
  public Path export(ModelSpec spec, Map<String, TensorValue> weights, SavedModelExport options) {
    Path target = options.versionDir();
    checkArgument(options.overwrite() || !Files.exists(target),
        "SavedModel version folder %s already exists; choose another version or allow overwrite", target);
    checkArgument(spec.outputs().size() == 1 || options.outputName() == null && options.classHead() == null,
        "SavedModel export of model '%s': its outputs %s are named after the model's outputs; an output name (got"
            + " %s) and class signatures (got %s) are for a model with one output", spec.name(), spec.outputNames(),
        options.outputName(), options.classHead());
    checkArgument(weights.keySet().equals(spec.weightSpecs().keySet()),
        "SavedModel export needs exactly the model's weights %s, got %s", spec.weightSpecs().keySet(),
        weights.keySet());
    String outputName = options.outputName() == null ? "output" : options.outputName();
    List<String> outputKeys = spec.outputs().size() == 1 ? List.of(outputName) : spec.outputNames();
    SavedModelExport.ClassHead head = options.classHead();
    if (head != null) {
      int[] out = spec.outputShape().dims();
      checkArgument(out.length >= 1, "class signatures need an output with a class axis; '%s' outputs a scalar"
          + " per sample", spec.name());
      boolean softmax = head == SavedModelExport.ClassHead.SOFTMAX_OF_OUTPUT
          || head == SavedModelExport.ClassHead.OUTPUT_IS_SOFTMAX;
      checkArgument(!softmax || out[out.length - 1] >= 2, "class head %s needs at least 2 classes on the last axis;"
          + " '%s' outputs shape %s", head, spec.name(), spec.outputShape());
    }
    try {
      Files.createDirectories(options.base());
      Path staging = Files.createTempDirectory(options.base(), "." + options.version() + ".staging-");
      try {
        write(spec, weights, outputKeys, head, staging.resolve("model"));
        if (options.classNames() != null) {
          SavedModelClassNames.write(staging.resolve("model"), options.classNames());
        }
        if (Files.exists(target)) {
          deleteTree(target);
        }
        Files.move(staging.resolve("model"), target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        deleteTree(staging);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write SavedModel to " + target, e);
    }
    LOG.info("exported SavedModel '{}' to {} (signature {}, inputs {}, outputs {}{})", spec.name(), target,
        SavedModelExport.SIGNATURE_KEY, inputKeys(spec), outputKeys, head == null ? ""
            : "; class signatures " + SavedModelExport.PROBABILITIES_KEY + ", " + SavedModelExport.CLASS_IDS_KEY
                + " (" + head + ")");
    return target;
  }

  /** The signature's input names: {@code x} for a model with one input, else the model's input names. */
  static List<String> inputKeys(ModelSpec spec) {
    return spec.inputs().size() == 1 ? List.of(SavedModelExport.INPUT_NAME) : spec.inputs();
  }

  private void write(ModelSpec spec, Map<String, TensorValue> weights, List<String> outputKeys,
      SavedModelExport.ClassHead head, Path dir) throws IOException {
    try (Graph graph = new Graph()) {
      @SuppressWarnings("unchecked")
      TfScope<TFloat32> scope = (TfScope<TFloat32>) TfScope.of(Ops.create(graph), DType.FLOAT32);
      Ops tf = scope.tf();
      Map<String, TfVariable<TFloat32>> variables = new LinkedHashMap<>();
      Map<String, Operand<TFloat32>> vars = new LinkedHashMap<>();
      spec.weightSpecs().forEach((name, w) -> {
        TfVariable<TFloat32> v = TfVariable.create(scope, name, w.shape());
        variables.put(name, v);
        vars.put(name, v.variable());
      });
      // One input: the placeholder is "x" as always; several: "x/<input>", keyed by the input's name.
      Map<String, Operand<?>> inputs = new LinkedHashMap<>();
      List<Placeholder<TFloat32>> xs = new ArrayList<>();
      List<String> inputKeys = inputKeys(spec);
      for (int k = 0; k < inputKeys.size(); k++) {
        String op = spec.inputs().size() == 1 ? SavedModelExport.INPUT_NAME : "x/" + inputKeys.get(k);
        xs.add(scope.placeholder(op, TfScope.batchDims(spec.inputShapes().get(k))));
        inputs.put(inputKeys.get(k), xs.get(k));
      }
      TfLayerLowering<TFloat32> lowering = TfLayerLowering.inference(scope, vars);
      List<Operand<TFloat32>> hs = TfGraphLowering.lower(spec, lowering, xs, false);
      Map<String, Operand<?>> outputs = new LinkedHashMap<>();
      for (int k = 0; k < hs.size(); k++) {
        String key = outputKeys.get(k);
        outputs.put(key, TfScope.named(tf, hs.size() == 1 ? key : "output/" + key).identity(hs.get(k)));
      }
      List<Signature> signatures = new ArrayList<>();
      signatures.add(signature(SavedModelExport.SIGNATURE_KEY, inputs, outputs));
      if (head != null) {
        @SuppressWarnings("unchecked")
        Operand<TFloat32> out = (Operand<TFloat32>) outputs.get(outputKeys.get(0));
        Ops classes = tf.withSubScope("class_head");
        Operand<TFloat32> p = switch (head) {
          case SOFTMAX_OF_OUTPUT -> classes.nn.softmax(out);
          case SIGMOID_OF_OUTPUT -> classes.math.sigmoid(out);
          case OUTPUT_IS_SOFTMAX, OUTPUT_IS_SIGMOID -> out;
        };
        Operand<TFloat32> probabilities = classes.withName(SavedModelExport.PROBABILITIES_KEY).identity(p);
        Operand<TInt64> classIds = switch (head) {
          case SOFTMAX_OF_OUTPUT, OUTPUT_IS_SOFTMAX -> classes.withName(SavedModelExport.CLASS_IDS_KEY)
              .math.argMax(probabilities, classes.constant(-1), TInt64.class);
          case SIGMOID_OF_OUTPUT, OUTPUT_IS_SIGMOID -> classes.withName(SavedModelExport.CLASS_IDS_KEY).dtypes.cast(
              classes.math.greater(probabilities, classes.constant(0.5f)), TInt64.class);
        };
        signatures.add(signature(SavedModelExport.PROBABILITIES_KEY, inputs, Map.of(
            SavedModelExport.PROBABILITIES_KEY, probabilities)));
        signatures.add(signature(SavedModelExport.CLASS_IDS_KEY, inputs, Map.of(SavedModelExport.CLASS_IDS_KEY,
            classIds)));
      }
      try (Session session = TfSessions.open(graph, threads)) {
        TfVariable.assignAll(session, variables, weights, false);
        SavedModelBundle.exporter(dir.toString()).withSession(session)
            .withSignatures(signatures.toArray(Signature[]::new)).export();
      }
      SavedModelHygiene.apply(dir);
    }
  }

  private static Signature signature(String key, Map<String, Operand<?>> inputs, Map<String, Operand<?>> outputs) {
    Signature.Builder b = Signature.builder().key(key).methodName(SavedModelExport.METHOD_NAME);
    inputs.forEach(b::input);
    outputs.forEach(b::output);
    return b.build();
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
