package dev.layerwise.spi;

import dev.layerwise.SavedModelExport;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a TensorFlow SavedModel for serving from a model spec and its weights, whichever backend trained them.
 * Offered by backends that declare {@link Capability#SAVED_MODEL_EXPORT}.
 */
public interface SavedModelExporter {
  /**
   * Exports an inference-only graph.
   *
   * @return the folder written, {@code <base>/<version>}
   */
  Path export(ModelSpec spec, Map<String, TensorValue> weights, SavedModelExport options);
}
