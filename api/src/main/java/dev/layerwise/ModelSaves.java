package dev.layerwise;

import dev.layerwise.internal.Versions;
import dev.layerwise.io.ArchiveContents;
import dev.layerwise.io.ModelArchive;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link CompiledModel#save} adds around {@link ModelArchive}: the reproducibility receipt written with every
 * archive, and the refusal of non-finite values before a byte is written (a saved NaN would predict nonsense
 * wherever it is loaded, so the default is to keep the file the user had).
 */
final class ModelSaves {
  private ModelSaves() {}

  /**
   * Writes {@code contents} to {@code file} atomically; under {@link NonFinite#REFUSE} throws an
   * {@link IllegalStateException} naming the first NaN or infinite weight or slot element instead.
   */
  static void write(ArchiveContents contents, NonFinite nonFinite, String modelName, Path file) {
    if (nonFinite == NonFinite.REFUSE) {
      contents.firstNonFinite().ifPresent(what -> {
        throw new IllegalStateException(String.format("save: model '%s' holds a non-finite value (%s) and would"
            + " predict nonsense; nothing was written to %s. Use save(file, NonFinite.ALLOW) to keep it anyway",
            modelName, what, file));
      });
    }
    ModelArchive.write(contents, file);
  }

  /**
   * The receipt: what produced the weights (seed, library, backend and its native versions, precision, Java, OS,
   * time, steps taken), so a result can be traced and re-run. Only {@code saved_at} varies between two saves of
   * the same model.
   */
  static Map<String, String> receipt(long seed, Backend backend, DType dtype, long iterations) {
    Map<String, String> receipt = new LinkedHashMap<>();
    receipt.put("seed", Long.toString(seed));
    receipt.put("layerwise", Versions.layerwise());
    receipt.put("backend", backend.name());
    receipt.putAll(backend.versions());
    receipt.put("dtype", dtype.name());
    receipt.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    receipt.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    receipt.put("saved_at", Instant.now().toString());
    receipt.put("iterations", Long.toString(iterations));
    return receipt;
  }
}
