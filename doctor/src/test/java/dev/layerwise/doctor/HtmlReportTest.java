package dev.layerwise.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/** The report's page: every check in it, its text escaped, its images beside it; and its all-or-nothing write. */
class HtmlReportTest {
  private static List<Check> checks() {
    return List.of(
        Check.pass("label balance", "smallest class 95, largest 105 (1.1×)", "at most 3× between classes"),
        new Check("initial loss", Verdict.FAIL, "loss 9.21 at initialisation", "ln 10 = 2.30 ± 10%",
            "The loss is far above ln(C): the logits are <large> & the softmax is \"confident\" from the start.",
            List.of("Initialise the last layer's kernel small (x < 0.01).", "Check fromLogits.")),
        new Check("validation gap", Verdict.WARN, "lowest at epoch 5", "falling", "Overfitting from epoch 5.",
            List.of("Get more data first.")));
  }

  private static List<HtmlReport.Figure> figures() {
    return CurveCharts.figures(ChartsTest.history());
  }

  @Test
  void thePageHoldsEveryCheckEscapedAndItsImagesExist(@TempDir Path dir) throws IOException {
    Path index = HtmlReport.write(dir.resolve("report"), "Doctor <run 1>", checks(), figures());
    assertEquals(dir.resolve("report").resolve("index.html").toAbsolutePath(), index);
    String html = Files.readString(index);
    for (Check c : checks()) {
      assertTrue(html.contains(c.name()), c.name());
      assertTrue(html.contains("<td class=\"verdict\">" + c.verdict() + "</td>"), c.verdict().toString());
      assertTrue(html.contains("class=\"" + c.verdict().name().toLowerCase() + "\""), c.verdict().toString());
    }
    assertTrue(html.contains("<title>Doctor &lt;run 1&gt;</title>"), html);
    assertTrue(html.contains("the logits are &lt;large&gt; &amp; the softmax is &quot;confident&quot;"), html);
    assertTrue(html.contains("<li>Initialise the last layer&#39;s kernel small (x &lt; 0.01).</li>"), html);
    assertFalse(html.contains("<large>"));
    assertFalse(html.contains("x < 0.01"));

    Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
    List<String> sources = new ArrayList<>();
    while (m.find()) {
      sources.add(m.group(1));
    }
    assertEquals(figures().size(), sources.size());
    assertEquals(2, sources.size(), "the loss and the accuracy");
    for (String src : sources) {
      Path png = index.getParent().resolve(src);
      assertTrue(Files.isRegularFile(png), png.toString());
      assertEquals(Charts.WIDTH, ImageIO.read(png.toFile()).getWidth());
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(dir.resolve("report")), files.toList(), "no temporary directory left");
    }
  }

  @Test
  void aFailedWriteLeavesTheOlderReportIntact(@TempDir Path dir) throws IOException {
    Path report = dir.resolve("report");
    Path index = HtmlReport.write(report, "first", checks(), figures());
    String before = Files.readString(index);
    List<String> filesBefore;
    try (Stream<Path> files = Files.list(report)) {
      filesBefore = files.map(p -> p.getFileName().toString()).sorted().toList();
    }

    // the second figure cannot be drawn: a zero on a log axis
    XYChart broken = Charts.xy("Broken", "step", "ratio", true);
    broken.addSeries("dead layer", new double[] {1, 2}, new double[] {1e-3, 0});
    List<HtmlReport.Figure> figures = List.of(figures().get(0), new HtmlReport.Figure("broken", broken));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HtmlReport.write(report, "second", checks(), figures));
    assertTrue(e.getMessage().contains("'dead layer'"), e.getMessage());

    assertEquals(before, Files.readString(index));
    try (Stream<Path> files = Files.list(report)) {
      assertEquals(filesBefore, files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(report), files.toList(), "the half-written report is gone");
    }
  }

  @Test
  void aNewReportReplacesTheOlderOne(@TempDir Path dir) throws IOException {
    Path report = dir.resolve("report");
    HtmlReport.write(report, "first", checks(), figures());
    Path index = HtmlReport.write(report, "second", checks().subList(0, 1), List.of());
    String html = Files.readString(index);
    assertTrue(html.contains("<h1>second</h1>"), html);
    assertFalse(Files.exists(report.resolve("figure-1.png")), "the older report's images went with it");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(report), files.toList(), "no old or temporary directory left");
    }
  }

  @Test
  void escapingCoversHtmlsSpecialCharacters() {
    assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", HtmlReport.escape("a <b> & \"c\" 'd'"));
  }
}
