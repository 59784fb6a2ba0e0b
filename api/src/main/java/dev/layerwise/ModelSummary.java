package dev.layerwise;

import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Formats Keras's {@code model.summary()} table: layers, output shapes, parameter counts, and for a functional model
 * that is not a plain chain, Keras 3's "Connected to" column.
 */
final class ModelSummary {
  private static final List<String> HEAD = List.of("Layer (type)", "Output Shape", "Param #");
  private static final String CONNECTED_TO = "Connected to";

  private ModelSummary() {}

  /** A {@code Sequential} model's table: a row per layer except the input, a shared layer once. */
  static String format(ModelSpec spec) {
    List<List<List<String>>> rows = new ArrayList<>();
    for (LayerNode n : spec.layers()) {
      if (n.layer() instanceof Input || !n.ownsWeights()) {
        continue; // Keras does not list a Sequential model's input as a layer, and lists a shared layer once
      }
      rows.add(List.of(List.of(typed(n)), List.of(n.outputShape().toBatchString()), List.of(params(n))));
    }
    return table(spec, HEAD, rows);
  }

  /**
   * A functional model's table, as Keras 3 prints it: a row per layer, the inputs included, in the model's order
   * ({@link ModelSpec}'s topological order; Keras orders by depth, which also puts every layer after the layers it
   * takes). Unless the model is a plain chain, a "Connected to" column lists, for every application of the layer,
   * every tensor it takes, as {@code layer[node][tensor]}: {@code node} is which application of that layer made the
   * tensor (0 for its first, k for {@code <layer>/call_k}) and {@code tensor} which of its outputs (always 0: each
   * layer makes one). A shared layer has one row, its Param # counted once and its Output Shape that of its last
   * application (as in Keras), and lists the tensors of all its applications in order; an input shows {@code -}.
   * References go one per line, each but the last followed by a comma (Keras joins them with ", " and wraps).
   */
  static String formatFunctional(ModelSpec spec) {
    Map<String, String> reference = new HashMap<>();
    Map<String, List<LayerNode>> applications = new LinkedHashMap<>();
    for (LayerNode n : spec.layers()) {
      List<LayerNode> calls = applications.computeIfAbsent(n.owner(), k -> new ArrayList<>());
      reference.put(n.name(), n.owner() + "[" + calls.size() + "][0]");
      calls.add(n);
    }
    boolean chain = isChain(spec, applications.size());
    List<List<List<String>>> rows = new ArrayList<>();
    for (List<LayerNode> calls : applications.values()) {
      LayerNode first = calls.get(0);
      List<List<String>> row = new ArrayList<>(List.of(List.of(typed(first)),
          List.of(calls.get(calls.size() - 1).outputShape().toBatchString()), List.of(params(first))));
      if (!chain) {
        List<String> inbound = new ArrayList<>();
        calls.forEach(c -> c.inbound().forEach(in -> inbound.add(reference.get(in))));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < inbound.size(); i++) {
          lines.add(inbound.get(i) + (i < inbound.size() - 1 ? "," : ""));
        }
        row.add(lines.isEmpty() ? List.of("-") : lines);
      }
      rows.add(row);
    }
    List<String> head = new ArrayList<>(HEAD);
    if (!chain) {
      head.add(CONNECTED_TO);
    }
    return table(spec, head, rows);
  }

  /**
   * Keras's "sequential-like" test: one input, one output, every layer applied once to one tensor, and no tensor
   * taken twice. Such a model's table needs no "Connected to" column.
   */
  private static boolean isChain(ModelSpec spec, int layerCount) {
    if (spec.inputs().size() != 1 || spec.outputs().size() != 1 || layerCount != spec.layers().size()) {
      return false;
    }
    Map<String, Integer> uses = new HashMap<>();
    for (LayerNode n : spec.layers()) {
      if (n.inbound().size() > 1) {
        return false;
      }
      n.inbound().forEach(in -> uses.merge(in, 1, Integer::sum));
    }
    return uses.values().stream().allMatch(u -> u == 1);
  }

  private static String typed(LayerNode n) {
    return n.name() + " (" + n.layer().getClass().getSimpleName() + ")";
  }

  private static String params(LayerNode n) {
    return String.format(Locale.ROOT, "%,d", n.parameterCount());
  }

  /** The table (cells of one or more lines; Param # right-aligned), then the totals and the notes. */
  private static String table(ModelSpec spec, List<String> head, List<List<List<String>>> rows) {
    int columns = head.size();
    int[] w = new int[columns];
    for (int i = 0; i < columns; i++) {
      w[i] = head.get(i).length();
      for (List<List<String>> r : rows) {
        for (String line : r.get(i)) {
          w[i] = Math.max(w[i], line.length());
        }
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int width : w) {
      rule.append("-".repeat(width + 2)).append('+');
    }
    rule.append('\n');
    StringBuilder b = new StringBuilder();
    b.append("Model: \"").append(spec.name()).append("\"\n");
    b.append(rule).append(line(head, w)).append(rule.toString().replace('-', '='));
    for (List<List<String>> r : rows) {
      int height = r.stream().mapToInt(List::size).max().orElse(1);
      for (int k = 0; k < height; k++) {
        List<String> cells = new ArrayList<>(columns);
        for (List<String> cell : r) {
          cells.add(k < cell.size() ? cell.get(k) : "");
        }
        b.append(line(cells, w));
      }
    }
    b.append(rule);
    long trainable = 0;
    long total = 0;
    for (var ws : spec.weightSpecs().values()) {
      total += ws.shape().size();
      trainable += ws.trainable() ? ws.shape().size() : 0;
    }
    b.append(" Total params: ").append(count(total)).append('\n');
    b.append(" Trainable params: ").append(count(trainable)).append('\n');
    b.append(" Non-trainable params: ").append(count(total - trainable)).append('\n');
    for (String note : redundantBiases(spec)) {
      b.append(" Note: ").append(note).append('\n');
    }
    return b.toString();
  }

  /** One text line of the table; the third column (Param #) is right-aligned, as in Keras. */
  private static String line(List<String> cells, int[] w) {
    StringBuilder b = new StringBuilder("|");
    for (int i = 0; i < cells.size(); i++) {
      b.append(String.format(Locale.ROOT, " %" + (i == 2 ? "" : "-") + w[i] + "s |", cells.get(i)));
    }
    return b.append('\n').toString();
  }

  /**
   * A bias directly before batch normalisation is wasted: BN subtracts each channel's batch mean, bias included,
   * and adds its own β.
   */
  static List<String> redundantBiases(ModelSpec spec) {
    List<String> notes = new ArrayList<>();
    Map<String, LayerNode> byName = new HashMap<>();
    spec.layers().forEach(n -> byName.put(n.name(), n));
    for (LayerNode next : spec.layers()) {
      if (!(next.layer() instanceof BatchNormalization bn) || !bn.center() || next.inbound().size() != 1) {
        continue;
      }
      LayerNode before = byName.get(next.inbound().get(0));
      Layer l = before.layer();
      boolean biasedLinear = l instanceof Dense d && d.useBias() && d.activation() == ActivationFn.LINEAR
          || l instanceof Conv2D c && c.useBias() && c.activation() == ActivationFn.LINEAR;
      if (biasedLinear) {
        notes.add(String.format(Locale.ROOT, "%s has a bias right before %s, which subtracts it again: use"
            + " withUseBias(false) (saves %d parameters)", l.describe(), bn.describe(), before.outputShape().last()));
      }
    }
    return notes;
  }

  /** A parameter count and its float32 size, as Keras prints it: {@code 101,770 (397.54 KB)}. */
  private static String count(long params) {
    double bytes = params * 4.0;
    String size = bytes < 1024 ? String.format(Locale.ROOT, "%.2f B", bytes)
        : bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.2f KB", bytes / 1024)
        : String.format(Locale.ROOT, "%.2f MB", bytes / (1024 * 1024));
    return String.format(Locale.ROOT, "%,d (%s)", params, size);
  }
}
