package dev.layerwise;

import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;
import java.util.stream.Collectors;

/**
 * Writes a model's graph in Graphviz's DOT language, the idea of Keras's {@code model_to_dot(show_shapes=True,
 * show_layer_names=True)}: a box per layer application with its name, type, input and output shapes, and an arrow
 * per tensor from the application that makes it to each one that takes it.
 *
 * <p>Unlike Keras, which draws a layer once however often it is applied, each application of a shared layer gets
 * its own box (named as its node, {@code dense/call_1}), so every arrow is one tensor and the drawing is the graph
 * the backends run. A desugared activation ({@code Dense(…, RELU)}) stays inside its layer's box.
 *
 * <p>The text is the same every time for the same model: boxes in the model's order ({@link ModelSpec#layers()}),
 * arrows by taking box, then argument order (a merge's input shapes in its box are in that order too). Names are
 * quoted and escaped for DOT, labels escaped for its HTML-like labels.
 */
final class ModelDot {
  private ModelDot() {}

  static String format(ModelSpec spec) {
    StringBuilder b = new StringBuilder();
    b.append("digraph ").append(quoted(spec.name())).append(" {\n");
    b.append("  graph [rankdir=TB, fontname=\"Helvetica\"];\n");
    b.append("  node [shape=plain, fontname=\"Helvetica\"];\n");
    b.append("  edge [penwidth=1.5];\n");
    for (LayerNode n : spec.layers()) {
      b.append("  ").append(quoted(n.name())).append(" [label=<").append(label(n)).append(">];\n");
    }
    for (LayerNode n : spec.layers()) {
      for (String in : n.inbound()) {
        b.append("  ").append(quoted(in)).append(" -> ").append(quoted(n.name())).append(";\n");
      }
    }
    return b.append("}\n").toString();
  }

  /** A two-row table: the name and type on black, then the shapes ({@code in → out}; an input only its own). */
  private static String label(LayerNode n) {
    String type = n.layer().getClass().getSimpleName();
    String shapes = n.inputShapes().isEmpty() ? n.outputShape().toBatchString()
        : n.inputShapes().stream().map(Shape::toBatchString).collect(Collectors.joining(" + ")) + " → "
            + n.outputShape().toBatchString();
    return "<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"6\">"
        + "<tr><td bgcolor=\"black\"><font color=\"white\"><b>" + html(n.name()) + "</b> (" + html(type)
        + ")</font></td></tr>"
        + "<tr><td>" + html(shapes) + "</td></tr></table>";
  }

  /** A DOT quoted identifier: backslashes and double quotes escaped, line breaks as DOT's {@code \n}. */
  static String quoted(String id) {
    return "\"" + id.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "") + "\"";
  }

  /** Text inside an HTML-like label. */
  static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
