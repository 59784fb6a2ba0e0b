package dev.layerwise.io;

import dev.layerwise.Model;
import dev.layerwise.NonFinite;
import dev.layerwise.Sequential;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.TensorValue;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The single-file model archive: a zip holding {@code layerwise.json} (format, model spec, training
 * configuration, training state, an index of tensors and a reproducibility receipt), every weight as
 * {@code weights/<name>.npy} and every optimizer slot as {@code slots/<name>.npy} (NumPy files: Python reads
 * them with {@code numpy.load}). Written by any backend, read into any backend.
 *
 * <p>Writes are atomic: the archive is written to a temporary file in the target's folder, flushed to disk and
 * only then renamed over the target, so a crash or kill during a save leaves the previous file as it was.
 * Reading checks everything before anything is used: the format version, entry names (no absolute paths or
 * {@code ..}: zip-slip), that the tensors are exactly the model's, their shapes, that no entry inflates beyond
 * what the model needs, and (unless asked otherwise) that every value is finite. An archive saved before the
 * optimizers followed Keras 3 loads with the update rule it was trained with ({@link LegacyOptimizerConfig}), and one
 * saved while metrics were an enum with its metrics in today's form ({@link LegacyMetricConfig}).
 */
public final class ModelArchive {
  public static final String FORMAT = "layerwise-model";
  public static final int FORMAT_VERSION = 1;
  static final String INDEX = "layerwise.json";

  /** Test hook: called with each entry name after it is written (a test throws from it to simulate a crash). */
  static volatile Consumer<String> afterEntry = name -> {};

  private ModelArchive() {}

  /**
   * Refuses, before anything is written, what this archive format cannot hold yet: a functional {@code Model}
   * (several inputs or outputs, merges, any graph that is not a chain) and a chain that applies a layer twice.
   */
  public static void checkSupported(ArchiveContents contents, Path target) {
    Model model = contents.model();
    ModelSpec spec = model.spec();
    if (!(model instanceof Sequential)) {
      throw new IllegalArgumentException(String.format("save: model '%s' is a functional model (inputs %s, outputs"
          + " %s); saving it to %s arrives with persistence of graph models. A Sequential model saves today",
          spec.name(), spec.inputs(), spec.outputNames(), target));
    }
    spec.layers().stream().filter(n -> !n.ownsWeights()).findFirst().ifPresent(n -> {
      throw new IllegalArgumentException(String.format("save: model '%s' applies %s more than once (a shared layer);"
          + " saving it to %s arrives with persistence of graph models", spec.name(), n.layer().describe(),
          target));
    });
  }

  /** Writes an archive atomically ({@link AtomicFile}); see {@link #checkSupported} for what it refuses. */
  public static void write(ArchiveContents contents, Path target) {
    checkSupported(contents, target);
    try {
      AtomicFile.write(target, out -> {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
          entry(zip, INDEX, Json.write(index(contents)).getBytes(StandardCharsets.UTF_8));
          for (var e : contents.weights().entrySet()) {
            entry(zip, "weights/" + e.getKey() + ".npy", Npy.write(e.getValue()));
          }
          for (var e : contents.slots().entrySet()) {
            entry(zip, "slots/" + e.getKey() + ".npy", Npy.write(e.getValue()));
          }
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the model to " + target, e);
    }
  }

  private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
    afterEntry.accept(name);
  }

  private static Map<String, Object> index(ArchiveContents c) {
    ModelSpec spec = c.model().spec();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("format_version", (long) FORMAT_VERSION);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", spec.name());
    model.put("seed", c.model().seed().orElseThrow(() -> new IllegalArgumentException(
        "a model is saved with the seed it was compiled with; this one has none")));
    List<Object> layers = new ArrayList<>();
    spec.layers().forEach(n -> layers.add(RecordCodec.toJson(n.layer())));
    model.put("layers", layers);
    m.put("model", model);
    m.put("training", RecordCodec.toJson(c.training()));
    m.put("state", Map.of("iterations", c.state().iterations(), "epochs", (long) c.state().epochs()));
    m.put("weights", tensorIndex(c.weights(), "weights/"));
    m.put("slots", tensorIndex(c.slots(), "slots/"));
    m.put("receipt", new LinkedHashMap<String, Object>(c.receipt()));
    return m;
  }

  private static Map<String, Object> tensorIndex(Map<String, TensorValue> tensors, String folder) {
    Map<String, Object> m = new LinkedHashMap<>();
    tensors.forEach((name, v) -> m.put(name, Map.of("entry", folder + name + ".npy", "shape",
        RecordCodec.toJson(v.shape()))));
    return m;
  }

  /** Reads and checks an archive; an archive holding a NaN or infinite weight or slot is refused. */
  public static ArchiveContents read(Path file) {
    return read(file, NonFinite.REFUSE);
  }

  /**
   * Reads and checks an archive: the format and its version, entry names (zip-slip), that the tensors are exactly
   * the model's with its shapes, sizes before and while inflating (see {@link ArchiveReader}), and, unless
   * {@code nonFinite} is {@link NonFinite#ALLOW}, that every value is finite. Every refusal is an {@link
   * IllegalArgumentException} naming the file and the entry; an I/O failure an {@link UncheckedIOException}.
   */
  public static ArchiveContents read(Path file, NonFinite nonFinite) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("model archive not found: " + file);
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return new ArchiveReader(zip, file).read(nonFinite);
    } catch (ZipException | EOFException e) {
      // EOFException: an entry's compressed data ends early (corrupt)
      throw new IllegalArgumentException(file + " is not a model archive, or it is truncated or corrupt: "
          + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      throw message.startsWith(file.toString()) ? e : new IllegalArgumentException(file + ": " + message, e);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("model archive not found: " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model archive " + file, e);
    }
  }
}
