package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.data.ClassNames;
import java.nio.file.Path;

/**
 * Where and how to write a TensorFlow SavedModel: under {@code <base>/<version>/}, the layout TF Serving scans,
 * with the signature {@code serving_default} (method {@code tensorflow/serving/predict}) and, for classifiers that
 * ask for them, two more signatures: {@code probabilities} (output {@code probabilities}) and {@code class_ids}
 * (output {@code class_ids}, int64).
 *
 * <p>{@code serving_default} takes, for a model with one input, the input {@value #INPUT_NAME} of shape {@code [-1,
 * ...input shape]}, and for a model with several, one input per model input under its name ({@code image},
 * {@code meta}); it returns, for a model with one output, that output under {@code outputName}, and for a model
 * with several, one output per model output under its name ({@code class}, {@code score}). An output name and class
 * signatures are for models with one output.
 *
 * <pre>{@code SavedModelExport.to(Path.of("models/fashion")).withVersion(2).withClassSignatures(true)}</pre>
 *
 * @param classHead how probabilities and class ids follow from the output, or {@code null} for no class
 *     signatures; set by {@code CompiledModel.exportSavedModel} from the model when class signatures are asked for
 * @param classNames the class names written to {@value #CLASS_NAMES_ASSET}, one per line in class-index order
 *     (UTF-8, each line ending with a line feed), or {@code null} for none; set by
 *     {@code CompiledModel.exportSavedModel} from the model's ({@link Model#withClassNames}). TensorFlow's loader
 *     and TF Serving leave the file alone; a client reads it to name the {@code class_ids} it gets back.
 */
public record SavedModelExport(Path base, long version, String outputName, boolean overwrite,
    boolean classSignatures, ClassHead classHead, ClassNames classNames) {
  public static final String SIGNATURE_KEY = "serving_default";
  public static final String PROBABILITIES_KEY = "probabilities";
  public static final String CLASS_IDS_KEY = "class_ids";
  public static final String METHOD_NAME = "tensorflow/serving/predict";
  public static final String INPUT_NAME = "x";
  /** Where the class names go, relative to the version folder. */
  public static final String CLASS_NAMES_ASSET = "assets/class_names.txt";

  /** How a classifier's probabilities and class ids are computed from its output. */
  public enum ClassHead {
    /** The output holds logits for C exclusive classes: softmax, then argmax. */
    SOFTMAX_OF_OUTPUT,
    /** The output holds independent logits: sigmoid, then each class id is 1 where p &gt; 0.5. */
    SIGMOID_OF_OUTPUT,
    /** The output is already a softmax: it is the probabilities; argmax gives the class. */
    OUTPUT_IS_SOFTMAX,
    /** The output is already a sigmoid: it is the probabilities; 1 where p &gt; 0.5. */
    OUTPUT_IS_SIGMOID
  }

  public SavedModelExport {
    requireNonNull(base, "SavedModelExport: base");
    checkArgument(version > 0, "SavedModelExport: version must be positive (TF Serving ignores 0), got %s", version);
    checkArgument(outputName == null || outputName.matches("[A-Za-z_][A-Za-z0-9_]*"),
        "SavedModelExport: outputName must be an identifier, got '%s'", outputName);
    checkArgument(classHead == null || classSignatures, "SavedModelExport: a class head without class signatures");
    if (classNames != null) {
      for (String n : classNames.names()) {
        checkArgument(n.indexOf('\n') < 0 && n.indexOf('\r') < 0, "SavedModelExport: class name '%s' holds a line"
            + " break, but %s holds one name per line", n, CLASS_NAMES_ASSET);
      }
    }
  }

  /** Version 1, the output name chosen from the model, no overwriting, no class signatures. */
  public static SavedModelExport to(Path base) {
    return new SavedModelExport(base, 1, null, false, false, null, null);
  }

  public SavedModelExport withVersion(long version) {
    return new SavedModelExport(base, version, outputName, overwrite, classSignatures, classHead, classNames);
  }

  /** Names the signature's output (by default {@code logits}, {@code probabilities} or {@code output}). */
  public SavedModelExport withOutputName(String outputName) {
    return new SavedModelExport(base, version, outputName, overwrite, classSignatures, classHead, classNames);
  }

  /** Whether an existing {@code <base>/<version>} may be replaced (it is replaced whole, never merged). */
  public SavedModelExport withOverwrite(boolean overwrite) {
    return new SavedModelExport(base, version, outputName, overwrite, classSignatures, classHead, classNames);
  }

  /** Adds the {@code probabilities} and {@code class_ids} signatures (classifiers only). */
  public SavedModelExport withClassSignatures(boolean classSignatures) {
    return new SavedModelExport(base, version, outputName, overwrite, classSignatures, classSignatures ? classHead
        : null, classNames);
  }

  /** The same export with the class head resolved from the model (used by {@code CompiledModel}). */
  public SavedModelExport withClassHead(ClassHead classHead) {
    return new SavedModelExport(base, version, outputName, overwrite, classHead != null, classHead,
        classNames);
  }

  /** The class names to write beside the model ({@value #CLASS_NAMES_ASSET}); by default the model's own. */
  public SavedModelExport withClassNames(ClassNames classNames) {
    return new SavedModelExport(base, version, outputName, overwrite, classSignatures, classHead,
        requireNonNull(classNames, "SavedModelExport.withClassNames: classNames"));
  }

  /** The folder the model goes to. */
  public Path versionDir() {
    return base.resolve(Long.toString(version));
  }
}
