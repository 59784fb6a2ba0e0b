package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Subtract;
import dev.layerwise.layers.SymbolicTensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Model.toDot()}: a box per layer application, an arrow per tensor, the same text every time. */
class ModelDotTest {

  private static List<String> lines(String dot, String containing) {
    return dot.lines().filter(l -> l.contains(containing)).toList();
  }

  @Test
  void aResidualModelIsItsFiveApplicationsAndFiveTensors() {
    String dot = FunctionalSummaryTest.residual().toDot();
    assertTrue(dot.startsWith("digraph \"residual\" {\n"), dot);
    assertTrue(dot.endsWith("}\n"), dot);
    List<String> nodes = lines(dot, "[label=<");
    assertEquals(5, nodes.size(), dot);
    assertEquals("  \"x\" [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"6\"><tr><td"
        + " bgcolor=\"black\"><font color=\"white\"><b>x</b> (Input)</font></td></tr><tr><td>(None, 4)</td></tr>"
        + "</table>>];", nodes.get(0));
    // the desugared ReLU stays inside its Dense's box
    assertTrue(nodes.get(1).startsWith("  \"h\" [label=<") && nodes.get(1).contains("<b>h</b> (Dense)")
        && nodes.get(1).contains("<td>(None, 4) → (None, 4)</td>"), nodes.get(1));
    assertTrue(nodes.get(3).startsWith("  \"add\" [label=<")
        && nodes.get(3).contains("<td>(None, 4) + (None, 4) → (None, 4)</td>"), nodes.get(3));
    assertTrue(nodes.get(4).contains("<b>out</b> (Dense)") && nodes.get(4).contains("(None, 4) → (None, 2)"));
    // x feeds h and (the skip) add; add takes x then dense, in argument order
    assertEquals(List.of("  \"x\" -> \"h\";", "  \"h\" -> \"dense\";", "  \"x\" -> \"add\";",
        "  \"dense\" -> \"add\";", "  \"add\" -> \"out\";"), lines(dot, " -> "));
    assertTrue(dot.indexOf("\"out\" [label") < dot.indexOf(" -> "), "boxes first, then arrows:\n" + dot);
  }

  @Test
  void theTextIsTheSameForTheSameModelBuiltTwice() {
    assertEquals(FunctionalSummaryTest.residual().toDot(), FunctionalSummaryTest.residual().toDot());
  }

  @Test
  void eachApplicationOfASharedLayerIsABoxOfItsOwn() {
    Dense shared = Dense.units(3).withName("shared");
    SymbolicTensor x = Input.shape(3).withName("x").tensor();
    SymbolicTensor once = shared.apply(x);
    SymbolicTensor diff = Subtract.create().apply(shared.apply(once), once);
    String dot = Model.of(x, diff).toDot();
    assertEquals(1, lines(dot, "  \"shared\" [label=<").size(), dot);
    assertEquals(1, lines(dot, "  \"shared/call_1\" [label=<<table").size(), dot);
    assertTrue(dot.contains("<b>shared/call_1</b> (Dense)"), dot);
    assertEquals(List.of("  \"x\" -> \"shared\";", "  \"shared\" -> \"shared/call_1\";",
        "  \"shared/call_1\" -> \"subtract\";", "  \"shared\" -> \"subtract\";"), lines(dot, " -> "));
  }

  @Test
  void namesAreEscaped() {
    SymbolicTensor x = Input.shape(2).withName("x").tensor();
    String dot = Model.of(x, Dense.units(1).apply(x)).withName("my \"best\" <model> \\ v2").toDot();
    assertTrue(dot.startsWith("digraph \"my \\\"best\\\" <model> \\\\ v2\" {\n"), dot);
    assertEquals("a&amp;b&lt;c&gt;d&quot;", ModelDot.html("a&b<c>d\""));
    assertEquals("\"two\\nlines\"", ModelDot.quoted("two\nlines"));
  }
}
