package dev.layerwise;

import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Layer;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Formats Keras's {@code model.summary()} table: layers, output shapes, parameter counts. */
final class ModelSummary {
  private ModelSummary() {}

  static String format(ModelSpec spec) {
    List<String[]> rows = new ArrayList<>();
    for (LayerNode n : spec.layers()) {
      if (n.layer() instanceof dev.layerwise.layers.Input || !n.ownsWeights()) {
        continue; // Keras does not list the input as a layer, and lists a shared layer once
      }
      rows.add(new String[] {n.name() + " (" + n.layer().getClass().getSimpleName() + ")",
          n.outputShape().toBatchString(), String.format(Locale.ROOT, "%,d", n.parameterCount())});
    }
    String[] head = {"Layer (type)", "Output Shape", "Param #"};
    int[] w = {head[0].length(), head[1].length(), head[2].length()};
    for (String[] r : rows) {
      for (int i = 0; i < 3; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    StringBuilder b = new StringBuilder();
    b.append("Model: \"").append(spec.name()).append("\"\n");
    String rule = "+" + "-".repeat(w[0] + 2) + "+" + "-".repeat(w[1] + 2) + "+" + "-".repeat(w[2] + 2) + "+\n";
    b.append(rule).append(row(head, w)).append(rule.replace('-', '='));
    for (String[] r : rows) {
      b.append(row(r, w));
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

  private static String row(String[] r, int[] w) {
    return String.format(Locale.ROOT, "| %-" + w[0] + "s | %-" + w[1] + "s | %" + w[2] + "s |\n", r[0], r[1], r[2]);
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
