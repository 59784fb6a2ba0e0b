package dev.layerwise.io;

import dev.layerwise.Sequential;
import dev.layerwise.TrainingConfig;
import dev.layerwise.TrainingState;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.WeightSpec;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.TensorValue;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;
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
 * {@code ..}: zip-slip), that the tensors are exactly the model's, and their shapes. An archive saved before the
 * optimizers followed Keras 3 loads with the update rule it was trained with ({@link LegacyOptimizerConfig}).
 */
public final class ModelArchive {
  public static final String FORMAT = "layerwise-model";
  public static final int FORMAT_VERSION = 1;
  static final String INDEX = "layerwise.json";

  /** Test hook: called with each entry name after it is written (a test throws from it to simulate a crash). */
  static volatile Consumer<String> afterEntry = name -> {};

  private ModelArchive() {}

  /** Writes an archive atomically ({@link AtomicFile}). */
  public static void write(ArchiveContents contents, Path target) {
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

  /** Reads and checks an archive. */
  public static ArchiveContents read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("model archive not found: " + file);
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      checkEntryNames(zip, file);
      Map<?, ?> index = indexOf(zip, file);
      Sequential model = model(index, file);
      ModelSpec spec = model.spec();
      TrainingConfig training = RecordCodec.fromJson(LegacyOptimizerConfig.upgrade(index.get("training"), file),
          TrainingConfig.class, "training");
      Map<String, TensorValue> weights = tensors(zip, file, index, "weights", expectedWeights(spec));
      Map<String, TensorValue> slots = tensors(zip, file, index, "slots", expectedSlots(spec, training));
      Map<?, ?> state = map(index.get("state"), "state", file);
      TrainingState ts = new TrainingState(number(state.get("iterations"), "state.iterations", file),
          Math.toIntExact(number(state.get("epochs"), "state.epochs", file)));
      Map<String, String> receipt = new LinkedHashMap<>();
      map(index.get("receipt"), "receipt", file).forEach((k, v) -> receipt.put(String.valueOf(k), String.valueOf(v)));
      return new ArchiveContents(model, training, weights, slots, ts, receipt);
    } catch (ZipException | EOFException e) {
      // EOFException: an entry's compressed data ends early (corrupt)
      throw new IllegalArgumentException(file + " is not a model archive, or it is truncated or corrupt: "
          + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      // JSON and record errors name a place in layerwise.json; add the file they are about
      String message = String.valueOf(e.getMessage());
      throw message.startsWith(file.toString()) ? e : new IllegalArgumentException(file + ": " + message, e);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("model archive not found: " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model archive " + file, e);
    }
  }

  /** Refuses names that would escape a folder the archive were extracted to (zip-slip), or that are absolute. */
  private static void checkEntryNames(ZipFile zip, Path file) {
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      String name = entries.nextElement().getName();
      boolean unsafe = name.startsWith("/") || name.startsWith("\\") || name.contains("\\") || name.matches(
          "^[A-Za-z]:.*") || List.of(name.split("/")).contains("..");
      if (unsafe) {
        throw new IllegalArgumentException(file + ": entry '" + name + "' points outside the archive (an absolute"
            + " path or '..'); refusing to read it");
      }
    }
  }

  private static Map<?, ?> indexOf(ZipFile zip, Path file) throws IOException {
    ZipEntry e = zip.getEntry(INDEX);
    if (e == null) {
      throw new IllegalArgumentException(file + " is not a Layerwise model archive: no " + INDEX);
    }
    Object json = Json.parse(new String(bytes(zip, e), StandardCharsets.UTF_8));
    Map<?, ?> index = map(json, INDEX, file);
    if (!FORMAT.equals(index.get("format"))) {
      throw new IllegalArgumentException(file + ": not a Layerwise model archive (format " + index.get("format")
          + ")");
    }
    long version = number(index.get("format_version"), "format_version", file);
    if (version > FORMAT_VERSION) {
      throw new IllegalArgumentException(file + " was written by a newer Layerwise (archive format " + version
          + "); this version reads format " + FORMAT_VERSION + " and older: upgrade Layerwise to load it");
    }
    return index;
  }

  private static Sequential model(Map<?, ?> index, Path file) {
    Map<?, ?> m = map(index.get("model"), "model", file);
    if (!(m.get("layers") instanceof List<?> json)) {
      throw new IllegalArgumentException(file + ": model.layers should be a list, got " + m.get("layers"));
    }
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      layers.add(RecordCodec.fromJson(json.get(i), Layer.class, "model.layers[" + i + "]"));
    }
    String name = String.valueOf(m.get("name"));
    return Sequential.of(layers).withName(name).withSeed(number(m.get("seed"), "model.seed", file));
  }

  private static Map<String, dev.layerwise.Shape> expectedWeights(ModelSpec spec) {
    Map<String, dev.layerwise.Shape> m = new LinkedHashMap<>();
    for (LayerNode n : spec.nodes()) {
      for (WeightSpec w : n.weights()) {
        m.put(n.weightName(w), w.shape());
      }
    }
    return m;
  }

  private static Map<String, dev.layerwise.Shape> expectedSlots(ModelSpec spec, TrainingConfig training) {
    Map<String, dev.layerwise.Shape> m = new LinkedHashMap<>();
    Map<String, WeightSpec> weights = spec.weightSpecs();
    for (String w : spec.trainableWeightNames()) {
      for (String slot : training.optimizer().slotNames()) {
        m.put(w + "/" + slot, weights.get(w).shape());
      }
    }
    return m;
  }

  private static Map<String, TensorValue> tensors(ZipFile zip, Path file, Map<?, ?> index, String kind,
      Map<String, dev.layerwise.Shape> expected) throws IOException {
    Map<?, ?> listed = map(index.get(kind), kind, file);
    if (!listed.keySet().equals(expected.keySet())) {
      throw new IllegalArgumentException(file + ": the archive's " + kind + " " + listed.keySet()
          + " do not match the model's " + expected.keySet());
    }
    Map<String, TensorValue> out = new LinkedHashMap<>();
    for (var e : expected.entrySet()) {
      Map<?, ?> entry = map(listed.get(e.getKey()), kind + "." + e.getKey(), file);
      String name = String.valueOf(entry.get("entry"));
      ZipEntry z = zip.getEntry(name);
      if (z == null) {
        throw new IllegalArgumentException(file + ": entry " + name + " for " + e.getKey() + " is missing");
      }
      TensorValue v = Npy.read(bytes(zip, z), file + "!" + name);
      if (!v.shape().equals(e.getValue())) {
        throw new IllegalArgumentException(file + ": entry " + name + " has shape " + v.shape() + ", but the model's "
            + e.getKey() + " has shape " + e.getValue());
      }
      out.put(e.getKey(), v);
    }
    return out;
  }

  /** An entry's bytes, checked against the size and CRC the zip recorded: {@link ZipFile} checks neither. */
  private static byte[] bytes(ZipFile zip, ZipEntry e) throws IOException {
    byte[] b;
    try (InputStream in = zip.getInputStream(e)) {
      b = in.readAllBytes();
    }
    CRC32 crc = new CRC32();
    crc.update(b);
    if (e.getSize() != -1 && b.length != e.getSize() || e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
      throw new ZipException("entry " + e.getName() + " fails its CRC check");
    }
    return b;
  }

  private static Map<?, ?> map(Object json, String what, Path file) {
    if (!(json instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(file + ": " + what + " should be an object, got " + json);
    }
    return m;
  }

  private static long number(Object json, String what, Path file) {
    if (!(json instanceof Long l)) {
      throw new IllegalArgumentException(file + ": " + what + " should be an integer, got " + json);
    }
    return l;
  }
}
