package dev.layerwise.io;

import dev.layerwise.CallbackState;
import dev.layerwise.Model;
import dev.layerwise.NdValue;
import dev.layerwise.NonFinite;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.TrainingState;
import dev.layerwise.data.ClassNames;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.WeightSpec;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.TensorValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads one model archive, trusting nothing in it. Sizes are bounded before and while inflating: {@code
 * layerwise.json} may inflate to at most {@link Json#MAX_LENGTH} bytes, and each tensor entry to what its shape in
 * the model needs ({@link #tensorCap}); an entry declaring more is refused before inflating, an entry inflating
 * past what it declared is refused the moment it does, and the tensors together must fit in the heap. So a zip
 * bomb costs at most the bytes a genuine archive of that model would.
 */
final class ArchiveReader {
  /** The largest .npy header (magic, version, length and dict) a tensor entry may carry besides its values. */
  static final int NPY_HEADER_CAP = 12 + 65535;
  /** The largest byte array Java allocates. */
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final ZipFile zip;
  private final Path file;
  private final String indexName;

  ArchiveReader(ZipFile zip, Path file) {
    this.zip = zip;
    this.file = file;
    this.indexName = file + "!" + ModelArchive.INDEX;
  }

  /** One tensor to read: its key ({@code dense/kernel}), the entry holding it and the shape the model gives it. */
  private record Planned(String kind, String key, ZipEntry entry, Shape shape) {}

  ArchiveContents read(NonFinite nonFinite) throws IOException {
    checkEntryNames();
    Map<?, ?> index = index();
    long version = number(index.get("format_version"), "format_version");
    Described d = aboutIndex(() -> describe(index, version));
    List<Planned> all = new ArrayList<>(d.plan());
    d.callbacks().forEach(c -> all.addAll(c.tensors()));
    checkFitsInMemory(all);
    Map<String, TensorValue> weights = new LinkedHashMap<>();
    Map<String, TensorValue> slots = new LinkedHashMap<>();
    for (Planned p : d.plan()) {
      (p.kind().equals("weights") ? weights : slots).put(p.key(), tensor(p, nonFinite));
    }
    List<CallbackState> callbacks = new ArrayList<>();
    for (CallbackPlan c : d.callbacks()) {
      Map<String, NdValue> tensors = new LinkedHashMap<>();
      for (Planned p : c.tensors()) {
        tensors.put(p.key(), CallbackStateCodec.value(tensor(p, nonFinite)));
      }
      callbacks.add(new CallbackState(c.key(), c.values(), tensors));
    }
    return new ArchiveContents(d.model(), d.training(), weights, slots, d.state(), d.receipt(), callbacks);
  }

  /** One saved callback state: its key and numbers, and its tensors still to read. */
  private record CallbackPlan(String key, Map<String, Double> values, List<Planned> tensors) {}

  /**
   * The callback states the index lists (none in archives from before they were saved): each tensor must be one of
   * the model's weights, with its shape, in the entry the writer gives it.
   */
  private List<CallbackPlan> callbackPlans(Map<?, ?> index, ModelSpec spec) {
    if (!index.containsKey("callbacks")) {
      return List.of();
    }
    if (!(index.get("callbacks") instanceof List<?> list)) {
      throw new IllegalArgumentException(indexName + ": callbacks should be a list, got "
          + shown(index.get("callbacks")));
    }
    Map<String, Shape> expected = expectedWeights(spec);
    List<CallbackPlan> plans = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String where = "callbacks[" + i + "]";
      Map<?, ?> c = map(list.get(i), where);
      if (!(c.get("key") instanceof String key)) {
        throw new IllegalArgumentException(indexName + ": " + where + ".key should be a string, got "
            + shown(c.get("key")));
      }
      Map<String, Double> values = new LinkedHashMap<>();
      map(c.get("values"), where + ".values").forEach((k, v) -> {
        if (!(v instanceof Number n)) {
          throw new IllegalArgumentException(indexName + ": " + where + ".values." + k + " should be a number, got "
              + shown(v));
        }
        values.put(String.valueOf(k), n.doubleValue());
      });
      List<Planned> tensors = new ArrayList<>();
      for (var e : map(c.get("weights"), where + ".weights").entrySet()) {
        String name = String.valueOf(e.getKey());
        Shape shape = expected.get(name);
        String entryName = ModelArchive.callbackEntry(i, name);
        if (shape == null || !entryName.equals(map(e.getValue(), where + ".weights." + name).get("entry"))) {
          throw new IllegalArgumentException(indexName + ": " + where + " (" + key + ") holds '" + name + "' in "
              + shown(e.getValue()) + "; a callback state may hold only the model's weights " + expected.keySet()
              + ", each in its entry " + entryName);
        }
        ZipEntry z = zip.getEntry(entryName);
        if (z == null) {
          throw new IllegalArgumentException(file + ": entry " + entryName + " for " + key + " is missing");
        }
        checkDeclaredSize(z, tensorCap(shape), "a tensor of shape " + shape);
        tensors.add(new Planned("callback weights", name, z, shape));
      }
      plans.add(new CallbackPlan(key, values, tensors));
    }
    return plans;
  }

  /** What layerwise.json says, checked, with the tensors still to read. */
  private record Described(Model model, TrainingConfig training, List<Planned> plan, TrainingState state,
      Map<String, String> receipt, List<CallbackPlan> callbacks) {}

  private Described describe(Map<?, ?> index, long version) {
    Model model = withClassNames(model(index, version), index);
    ModelSpec spec = model.spec();
    TrainingConfig training = RecordCodec.fromJson(LegacyMetricConfig.upgrade(
        LegacyOptimizerConfig.upgrade(index.get("training"), file)), TrainingConfig.class, "training");
    training.checkOutputs(spec.name(), spec.outputNames());
    List<Planned> plan = new ArrayList<>(plan(index, "weights", expectedWeights(spec)));
    plan.addAll(plan(index, "slots", expectedSlots(spec, training)));
    Map<?, ?> state = map(index.get("state"), "state");
    long epochs = number(state.get("epochs"), "state.epochs");
    if (epochs != (int) epochs) {
      throw new IllegalArgumentException(indexName + ": state.epochs " + epochs + " is beyond an int");
    }
    TrainingState ts = new TrainingState(number(state.get("iterations"), "state.iterations"), (int) epochs);
    Map<String, String> receipt = new LinkedHashMap<>();
    map(index.get("receipt"), "receipt").forEach((k, v) -> receipt.put(String.valueOf(k), String.valueOf(v)));
    return new Described(model, training, plan, ts, receipt, callbackPlans(index, spec));
  }

  /** Runs a step that interprets layerwise.json; its refusals (a layer's own checks, ...) name the file and entry. */
  private <T> T aboutIndex(java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      throw message.startsWith(file.toString()) ? e : new IllegalArgumentException(indexName + ": " + message, e);
    }
  }

  /** Refuses names that would escape a folder the archive were extracted to (zip-slip), or that are absolute. */
  private void checkEntryNames() {
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

  private Map<?, ?> index() throws IOException {
    ZipEntry e = zip.getEntry(ModelArchive.INDEX);
    if (e == null) {
      throw new IllegalArgumentException(file + " is not a Layerwise model archive: no " + ModelArchive.INDEX);
    }
    String text = new String(bytes(e, Json.MAX_LENGTH, "the model's description"), StandardCharsets.UTF_8);
    Object json;
    try {
      json = Json.parse(text);
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(indexName + ": " + ex.getMessage(), ex);
    }
    Map<?, ?> index = map(json, "the whole file");
    if (!ModelArchive.FORMAT.equals(index.get("format"))) {
      throw new IllegalArgumentException(file + ": not a Layerwise model archive (format "
          + shown(index.get("format")) + ")");
    }
    long version = number(index.get("format_version"), "format_version");
    if (version > ModelArchive.FORMAT_VERSION) {
      throw new IllegalArgumentException(file + " was written by a newer Layerwise (archive format " + version
          + "); this version reads format " + ModelArchive.FORMAT_VERSION + " and older: upgrade Layerwise to load"
          + " it");
    }
    if (version < 1) {
      throw new IllegalArgumentException(indexName + ": format_version " + version + " is not a version of the"
          + " archive format (versions start at 1; this Layerwise reads up to " + ModelArchive.FORMAT_VERSION + ")");
    }
    return index;
  }

  /**
   * The model: a layer list in a chain archive (format {@value ModelArchive#CHAIN_FORMAT_VERSION}), read as a
   * {@link Sequential}; a graph ({@link ModelGraphCodec}) in a graph archive.
   */
  private Model model(Map<?, ?> index, long version) {
    Map<?, ?> m = map(index.get("model"), "model");
    long seed = number(m.get("seed"), "model.seed");
    if (version >= ModelArchive.GRAPH_FORMAT_VERSION) {
      return ModelGraphCodec.fromJson(m).withSeed(seed);
    }
    if (!(m.get("layers") instanceof List<?> json)) {
      throw new IllegalArgumentException(indexName + ": model.layers should be a list, got "
          + shown(m.get("layers")));
    }
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      layers.add(RecordCodec.fromJson(json.get(i), Layer.class, "model.layers[" + i + "]"));
    }
    String name = String.valueOf(m.get("name"));
    return Sequential.of(layers).withName(name).withSeed(seed);
  }

  /** The model with the class names the index lists, if it lists any (archives before them do not). */
  private Model withClassNames(Model model, Map<?, ?> index) {
    if (!index.containsKey(ModelArchive.CLASS_NAMES)) {
      return model;
    }
    Object json = index.get(ModelArchive.CLASS_NAMES);
    if (!(json instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
      throw new IllegalArgumentException(indexName + ": " + ModelArchive.CLASS_NAMES + " should be a list of strings,"
          + " got " + shown(json));
    }
    return model.withClassNames(new ClassNames(list.stream().map(String.class::cast).toList()));
  }

  /** Every weight once, a shared layer's under its owner's name. */
  private static Map<String, Shape> expectedWeights(ModelSpec spec) {
    Map<String, Shape> m = new LinkedHashMap<>();
    spec.weightSpecs().forEach((name, w) -> m.put(name, w.shape()));
    return m;
  }

  private static Map<String, Shape> expectedSlots(ModelSpec spec, TrainingConfig training) {
    Map<String, Shape> m = new LinkedHashMap<>();
    Map<String, WeightSpec> weights = spec.weightSpecs();
    for (String w : spec.trainableWeightNames()) {
      for (String slot : training.optimizer().slotNames()) {
        m.put(w + "/" + slot, weights.get(w).shape());
      }
    }
    return m;
  }

  /** The entries of one kind, checked against the model's tensors and their sizes' caps, before any is read. */
  private List<Planned> plan(Map<?, ?> index, String kind, Map<String, Shape> expected) {
    Map<?, ?> listed = map(index.get(kind), kind);
    if (!listed.keySet().equals(expected.keySet())) {
      List<Object> missing = new ArrayList<>(expected.keySet());
      missing.removeAll(listed.keySet());
      List<Object> extra = new ArrayList<>(listed.keySet());
      extra.removeAll(expected.keySet());
      throw new IllegalArgumentException(indexName + ": the archive's " + kind + " do not match the model's "
          + expected.keySet() + ": missing " + missing + ", not the model's " + shown(extra));
    }
    List<Planned> plan = new ArrayList<>();
    for (var e : expected.entrySet()) {
      Map<?, ?> entry = map(listed.get(e.getKey()), kind + "." + e.getKey());
      String name = String.valueOf(entry.get("entry"));
      ZipEntry z = zip.getEntry(name);
      if (z == null) {
        throw new IllegalArgumentException(file + ": entry " + name + " for " + e.getKey() + " is missing");
      }
      checkDeclaredSize(z, tensorCap(e.getValue()), "a tensor of shape " + e.getValue());
      plan.add(new Planned(kind, e.getKey(), z, e.getValue()));
    }
    return plan;
  }

  /** The most bytes a .npy entry of this shape may hold: the largest header and 8 bytes per value. */
  static long tensorCap(Shape shape) {
    return NPY_HEADER_CAP + 8L * shape.size();
  }

  /** The inflated entries and their values as doubles must fit in the heap at once: refuse now rather than OOM. */
  private void checkFitsInMemory(List<Planned> plan) {
    long needed = 0;
    for (Planned p : plan) {
      needed += p.entry().getSize() + 8L * p.shape().size();
    }
    long heap = Runtime.getRuntime().maxMemory();
    if (needed > heap) {
      throw new IllegalArgumentException(file + ": its tensors take " + (needed >> 20) + " MiB in memory, more than"
          + " this JVM's heap of " + (heap >> 20) + " MiB (raise it with -Xmx)");
    }
  }

  private TensorValue tensor(Planned p, NonFinite nonFinite) throws IOException {
    String where = file + "!" + p.entry().getName();
    TensorValue v = Npy.read(bytes(p.entry(), tensorCap(p.shape()), "a tensor of shape " + p.shape()), where);
    if (!v.shape().equals(p.shape())) {
      throw new IllegalArgumentException(file + ": entry " + p.entry().getName() + " has shape " + v.shape()
          + ", but the model's " + p.key() + " has shape " + p.shape());
    }
    if (nonFinite == NonFinite.REFUSE) {
      double[] d = v.data();
      for (int i = 0; i < d.length; i++) {
        if (!Double.isFinite(d[i])) {
          throw new IllegalArgumentException(where + ": " + p.key() + " holds " + d[i] + " at element " + i + " of "
              + p.shape() + "; a model with non-finite " + p.kind() + " is poisoned (it predicts NaN or"
              + " nonsense). To load it anyway, e.g. to inspect a diverged run, pass NonFinite.ALLOW.");
        }
      }
    }
    return v;
  }

  private void checkDeclaredSize(ZipEntry e, long cap, String what) {
    long limit = Math.min(cap, MAX_ARRAY);
    if (e.getSize() > limit) {
      throw new IllegalArgumentException(file + "!" + e.getName() + ": declares " + e.getSize() + " bytes inflated;"
          + " " + what + " takes at most " + limit + ". Refusing to inflate it.");
    }
  }

  /**
   * An entry's bytes, read no further than its declared size (ZipFile's stream would go on inflating whatever the
   * data holds) and no further than {@code cap}, then checked against the CRC the zip recorded: {@link ZipFile}
   * checks neither size nor CRC.
   */
  private byte[] bytes(ZipEntry e, long cap, String what) throws IOException {
    checkDeclaredSize(e, cap, what);
    int limit = (int) (e.getSize() >= 0 ? e.getSize() : Math.min(cap, MAX_ARRAY));
    byte[] b;
    try (InputStream in = zip.getInputStream(e)) {
      b = in.readNBytes(limit); // allocates as bytes arrive, not the declared size up front
      if (in.read() != -1) {
        throw new ZipException("entry " + e.getName() + " inflates past its declared size of " + limit
            + " bytes (a zip bomb, or damaged data); stopped there");
      }
    }
    CRC32 crc = new CRC32();
    crc.update(b);
    if (e.getSize() != -1 && b.length != e.getSize() || e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
      throw new ZipException("entry " + e.getName() + " fails its CRC check");
    }
    return b;
  }

  private Map<?, ?> map(Object json, String what) {
    if (!(json instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(indexName + ": " + what + " should be an object, got " + shown(json));
    }
    return m;
  }

  private long number(Object json, String what) {
    if (!(json instanceof Long l)) {
      throw new IllegalArgumentException(indexName + ": " + what + " should be an integer, got " + shown(json));
    }
    return l;
  }

  /** A JSON value in a message: the start of it, since a hostile file's value can be megabytes long. */
  static String shown(Object json) {
    String s = String.valueOf(json);
    return s.length() <= 100 ? s : s.substring(0, 100) + "… (" + s.length() + " characters)";
  }
}
