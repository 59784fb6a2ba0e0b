package dev.layerwise.io;

import dev.layerwise.Model;
import dev.layerwise.NonFinite;
import dev.layerwise.Sequential;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.TensorValue;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
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
 * them with {@code numpy.load}), and, after a fit with resumable callbacks, their states ({@code callbacks} in the
 * index, tensors such as the best weights of an early stop as {@code callbacks/<i>/<name>.npy}; see
 * {@link CallbackStateCodec}), and the model's class names when it has them ({@code class_names} in the index, a list
 * of strings in class-index order). Written by any backend, read into any backend.
 *
 * <p>Two formats of the model description: {@value #CHAIN_FORMAT_VERSION}, a layer list (a {@code Sequential}
 * without shared layers is still written so, unchanged), and {@value #GRAPH_FORMAT_VERSION}, a graph of layer
 * applications ({@link ModelGraphCodec}) for every other model. Both read back into any backend, as the class
 * they were saved from. A weight is stored once, under the name of the layer that owns it, however many times the
 * layer is applied.
 *
 * <p>The same contents give the same bytes: entries in a fixed order (the index, then weights and slots in model
 * order), every key of the index in a fixed order (no {@code Map.of}, whose order changes from one JVM to the next;
 * maps a user gave, such as per-output losses, in key order, see {@link RecordCodec}) and every entry at the fixed
 * time {@link #ENTRY_TIME}. Two saves of one model therefore differ only in the receipt's {@code saved_at}.
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
  /** The newest format this Layerwise reads and writes: {@link #GRAPH_FORMAT_VERSION}. */
  public static final int FORMAT_VERSION = 2;
  /** The first format: the model is a layer list, read as a {@code Sequential}. */
  public static final int CHAIN_FORMAT_VERSION = 1;
  /** The model is a graph: each layer once, and per application the nodes it takes ({@link ModelGraphCodec}). */
  public static final int GRAPH_FORMAT_VERSION = 2;
  static final String INDEX = "layerwise.json";
  /** The index's list of the model's class names ({@link Model#withClassNames}), in class-index order. */
  static final String CLASS_NAMES = "class_names";
  /**
   * The time of every entry: a fixed one, so that the same model gives the same bytes. It is written as zip's local
   * date and time, without a time zone, and is 1 February 1980 rather than the first day zip can express, so that a
   * reader converting it between time zones never lands before 1980 (where DOS dates end).
   */
  static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);

  /** Test hook: called with each entry name after it is written (a test throws from it to simulate a crash). */
  static volatile Consumer<String> afterEntry = name -> {};

  private ModelArchive() {}

  /**
   * Writes an archive atomically ({@link AtomicFile}), in the oldest format that holds the model: a {@code Sequential}
   * without a shared layer in the chain format, byte for byte as before graphs existed (so every Layerwise since
   * reads it), anything else in the graph format.
   */
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
          for (int i = 0; i < contents.callbacks().size(); i++) {
            for (var e : contents.callbacks().get(i).weights().entrySet()) {
              entry(zip, callbackEntry(i, e.getKey()), Npy.write(CallbackStateCodec.tensor(e.getValue())));
            }
          }
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the model to " + target, e);
    }
  }

  private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTimeLocal(ENTRY_TIME);
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
    afterEntry.accept(name);
  }

  /**
   * The format a model is written in: the chain format when it holds the model (a {@code Sequential} without a
   * shared or a frozen layer), else the graph format.
   */
  static int formatVersion(Model model) {
    boolean chain = model instanceof Sequential && model.spec().layers().stream().allMatch(LayerNode::ownsWeights)
        && model.frozenLayers().isEmpty();
    return chain ? CHAIN_FORMAT_VERSION : GRAPH_FORMAT_VERSION;
  }

  private static Map<String, Object> index(ArchiveContents c) {
    Model model = c.model();
    ModelSpec spec = model.spec();
    long seed = model.seed().orElseThrow(() -> new IllegalArgumentException(
        "a model is saved with the seed it was compiled with; this one has none"));
    int version = formatVersion(model);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("format_version", (long) version);
    if (version == CHAIN_FORMAT_VERSION) {
      Map<String, Object> chain = new LinkedHashMap<>();
      chain.put("name", spec.name());
      chain.put("seed", seed);
      List<Object> layers = new ArrayList<>();
      spec.layers().forEach(n -> layers.add(RecordCodec.toJson(n.layer())));
      chain.put("layers", layers);
      m.put("model", chain);
    } else {
      m.put("model", ModelGraphCodec.toJson(model, seed));
    }
    // Only when there are names, so that an archive without them keeps the bytes it always had; a Layerwise from
    // before class names reads the archive and leaves them out.
    model.classNames().ifPresent(names -> m.put(CLASS_NAMES, new ArrayList<Object>(names.names())));
    m.put("training", RecordCodec.toJson(c.training()));
    // The order of keys of main's recorded archive (SequentialBaselineTest), which its Map.of happened to draw.
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("epochs", (long) c.state().epochs());
    state.put("iterations", c.state().iterations());
    m.put("state", state);
    m.put("weights", tensorIndex(c.weights(), "weights/"));
    m.put("slots", tensorIndex(c.slots(), "slots/"));
    if (!c.callbacks().isEmpty()) {
      // Only when there are states, so that an archive without them keeps the bytes it always had.
      m.put("callbacks", CallbackStateCodec.toJson(c.callbacks()));
    }
    m.put("receipt", new LinkedHashMap<String, Object>(c.receipt()));
    return m;
  }

  /** The entry of weight {@code name} of the {@code i}-th callback state. */
  static String callbackEntry(int i, String name) {
    return "callbacks/" + i + "/" + name + ".npy";
  }

  private static Map<String, Object> tensorIndex(Map<String, TensorValue> tensors, String folder) {
    Map<String, Object> m = new LinkedHashMap<>();
    tensors.forEach((name, v) -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("shape", RecordCodec.toJson(v.shape()));
      entry.put("entry", folder + name + ".npy");
      m.put(name, entry);
    });
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
