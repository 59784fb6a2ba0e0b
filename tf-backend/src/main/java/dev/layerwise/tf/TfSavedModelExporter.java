package dev.layerwise.tf;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.DType;
import dev.layerwise.SavedModelExport;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.SavedModelExporter;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.tf.lower.TfLayerInput;
import dev.layerwise.tf.lower.TfLayerLowering;
import dev.layerwise.tf.lower.TfScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an inference-only float32 SavedModel: input placeholder {@code x} with a dynamic batch dimension, the
 * inference-mode forward pass, and the weights as variables. No labels, losses, gradients or optimizer slots.
 * Inference mode needs no masks or state updates: Dropout is the identity and batch normalisation reads its moving
 * statistics, which are exported as variables with the trainable weights.
 *
 * <p>The model is written to a temporary folder beside the target and moved into {@code <base>/<version>} only
 * when complete, so a failed export never leaves a half-written version for TF Serving to pick up.
 */
public final class TfSavedModelExporter implements SavedModelExporter {
  private static final Logger LOG = LoggerFactory.getLogger(TfSavedModelExporter.class);

  @Override
  public Path export(ModelSpec spec, Map<String, TensorValue> weights, SavedModelExport options) {
    Path target = options.versionDir();
    checkArgument(options.overwrite() || !Files.exists(target),
        "SavedModel version folder %s already exists; choose another version or allow overwrite", target);
    checkArgument(weights.keySet().equals(spec.weightSpecs().keySet()),
        "SavedModel export needs exactly the model's weights %s, got %s", spec.weightSpecs().keySet(),
        weights.keySet());
    String outputName = options.outputName() == null ? "output" : options.outputName();
    try {
      Files.createDirectories(options.base());
      Path staging = Files.createTempDirectory(options.base(), "." + options.version() + ".staging-");
      try {
        write(spec, weights, outputName, staging.resolve("model"));
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
    LOG.info("exported SavedModel '{}' to {} (signature {}, input {}, output {})", spec.name(), target,
        SavedModelExport.SIGNATURE_KEY, SavedModelExport.INPUT_NAME, outputName);
    return target;
  }

  private static void write(ModelSpec spec, Map<String, TensorValue> weights, String outputName, Path dir)
      throws IOException {
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
      Placeholder<TFloat32> x = scope.placeholder(SavedModelExport.INPUT_NAME, TfScope.batchDims(spec.inputShape()));
      TfLayerLowering<TFloat32> lowering = TfLayerLowering.inference(scope, vars);
      Operand<TFloat32> h = x;
      for (LayerNode node : spec.nodes()) {
        h = node.layer().accept(lowering, new TfLayerInput<>(node, h, false));
      }
      Operand<TFloat32> out = tf.withName(outputName).identity(h);
      try (Session session = new Session(graph)) {
        TfVariable.assignAll(session, variables, weights, false);
        Signature signature = Signature.builder()
            .key(SavedModelExport.SIGNATURE_KEY)
            .methodName(SavedModelExport.METHOD_NAME)
            .input(SavedModelExport.INPUT_NAME, x)
            .output(outputName, out)
            .build();
        SavedModelBundle.exporter(dir.toString()).withSession(session).withSignature(signature).export();
      }
    }
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
