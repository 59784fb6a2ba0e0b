package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where and how to write a TensorFlow SavedModel: under {@code <base>/<version>/}, the layout TF Serving scans,
 * with one signature {@code serving_default} (method {@code tensorflow/serving/predict}) taking input {@code x}
 * of shape {@code [-1, ...input shape]} and returning the model output under {@code outputName}.
 *
 * <pre>{@code SavedModelExport.to(Path.of("models/fashion")).withVersion(2)}</pre>
 */
public record SavedModelExport(Path base, long version, String outputName, boolean overwrite) {
  public static final String SIGNATURE_KEY = "serving_default";
  public static final String METHOD_NAME = "tensorflow/serving/predict";
  public static final String INPUT_NAME = "x";

  public SavedModelExport {
    requireNonNull(base, "SavedModelExport: base");
    checkArgument(version > 0, "SavedModelExport: version must be positive (TF Serving ignores 0), got %s", version);
    checkArgument(outputName == null || outputName.matches("[A-Za-z_][A-Za-z0-9_]*"),
        "SavedModelExport: outputName must be an identifier, got '%s'", outputName);
  }

  /** Version 1, the output name chosen from the model, no overwriting. */
  public static SavedModelExport to(Path base) {
    return new SavedModelExport(base, 1, null, false);
  }

  public SavedModelExport withVersion(long version) {
    return new SavedModelExport(base, version, outputName, overwrite);
  }

  /** Names the signature's output (by default {@code logits}, {@code probabilities} or {@code output}). */
  public SavedModelExport withOutputName(String outputName) {
    return new SavedModelExport(base, version, outputName, overwrite);
  }

  /** Whether an existing {@code <base>/<version>} may be replaced (it is replaced whole, never merged). */
  public SavedModelExport withOverwrite(boolean overwrite) {
    return new SavedModelExport(base, version, outputName, overwrite);
  }

  /** The folder the model goes to. */
  public Path versionDir() {
    return base.resolve(Long.toString(version));
  }
}
