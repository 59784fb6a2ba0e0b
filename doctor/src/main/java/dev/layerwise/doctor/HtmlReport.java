package dev.layerwise.doctor;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The doctor's findings as one page: {@code index.html} with the checks as a table (a row per check, coloured by its
 * verdict: green pass, amber warning, red failure; what was measured, what a healthy set-up measures, the course's
 * reading and the next steps), then the figures, each a PNG beside the page ({@code figure-1.png}, …) with its
 * caption. The page needs no network and no script: open it from the disk, or copy the directory.
 *
 * <p>A crash cannot leave half a report: the page and its images are written into a temporary directory beside
 * {@code dir}, and only once complete moved into its place; an older report there is moved aside first and deleted
 * after the move, or moved back if the move fails. What a write throws leaves the older report as it was.
 */
public final class HtmlReport {
  /**
   * A chart of the report, with the caption printed under it (what it shows, how to read it).
   *
   * @param chart any XChart chart ({@link org.knowm.xchart.XYChart}, {@link org.knowm.xchart.CategoryChart})
   */
  public record Figure(String caption, Chart<?, ?> chart) {
    public Figure {
      requireNonNull(caption, "caption");
      requireNonNull(chart, "chart");
    }
  }

  private HtmlReport() {}

  /**
   * Writes the report into {@code dir} (replacing an older one there) and returns the path of its
   * {@code index.html}.
   *
   * @throws UncheckedIOException when a file cannot be written (an older report stays as it was)
   * @throws IllegalArgumentException when a figure cannot be drawn (e.g. a value ≤ 0 on a log axis; likewise)
   */
  public static Path write(Path dir, String title, List<Check> checks, List<Figure> figures) {
    Path target = dir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(parent);
      tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".new-");
      for (int i = 0; i < figures.size(); i++) {
        Charts.writePng(figures.get(i).chart(), tmp.resolve(imageName(i)));
      }
      Files.writeString(tmp.resolve("index.html"), html(title, checks, figures), StandardCharsets.UTF_8);
      replace(tmp, target);
      tmp = null;
      return target.resolve("index.html");
    } catch (IOException e) {
      throw new UncheckedIOException("HtmlReport: cannot write the report " + target + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        deleteQuietly(tmp);
      }
    }
  }

  /** Moves the complete new report onto {@code target}, keeping the old one until the new one is in place. */
  private static void replace(Path fresh, Path target) throws IOException {
    if (!Files.exists(target)) {
      move(fresh, target);
      return;
    }
    Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
    Files.delete(old);
    move(target, old);
    try {
      move(fresh, target);
    } catch (IOException e) {
      try {
        move(old, target);
      } catch (IOException restore) {
        e.addSuppressed(restore);
      }
      throw e;
    }
    deleteQuietly(old);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // a leftover hidden directory beside the report is harmless
        }
      });
    } catch (IOException ignored) {
      // likewise
    }
  }

  static String imageName(int index) {
    return "figure-" + (index + 1) + ".png";
  }

  static String html(String title, List<Check> checks, List<Figure> figures) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(escape(title))
        .append("</title>\n<style>\n")
        .append("body { font-family: sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }\n")
        .append("table { border-collapse: collapse; width: 100%; margin-bottom: 2em; }\n")
        .append("th, td { border: 1px solid #ccc; padding: 0.4em 0.6em; text-align: left; vertical-align: top; }\n")
        .append("th { background: #f0f0f0; }\n")
        .append("tr.pass td { background: #e6f4e6; }\n")
        .append("tr.warn td { background: #fff4d6; }\n")
        .append("tr.fail td { background: #fde0e0; }\n")
        .append("td.verdict { font-weight: bold; }\n")
        .append("ul { margin: 0; padding-left: 1.2em; }\n")
        .append("figure { margin: 0 0 2em 0; }\n")
        .append("figure img { max-width: 100%; border: 1px solid #ddd; }\n")
        .append("figcaption { margin-top: 0.3em; color: #444; }\n")
        .append("</style>\n</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
    if (!checks.isEmpty()) {
      b.append("<h2>Checks</h2>\n<table>\n<tr><th>check</th><th>verdict</th><th>measured</th><th>expected</th>")
          .append("<th>reading</th><th>next steps</th></tr>\n");
      for (Check c : checks) {
        b.append("<tr class=\"").append(c.verdict().name().toLowerCase(Locale.ROOT)).append("\"><td>")
            .append(escape(c.name())).append("</td><td class=\"verdict\">").append(c.verdict()).append("</td><td>")
            .append(escape(c.measured())).append("</td><td>").append(escape(c.expected())).append("</td><td>")
            .append(escape(c.reading())).append("</td><td>");
        if (!c.nextSteps().isEmpty()) {
          b.append("<ul>");
          for (String step : c.nextSteps()) {
            b.append("<li>").append(escape(step)).append("</li>");
          }
          b.append("</ul>");
        }
        b.append("</td></tr>\n");
      }
      b.append("</table>\n");
    }
    if (!figures.isEmpty()) {
      b.append("<h2>Figures</h2>\n");
      for (int i = 0; i < figures.size(); i++) {
        Figure f = figures.get(i);
        b.append("<figure><img src=\"").append(imageName(i)).append("\" alt=\"").append(escape(f.caption()))
            .append("\" width=\"").append(f.chart().getWidth()).append("\" height=\"").append(f.chart().getHeight())
            .append("\"><figcaption>").append(escape(f.caption())).append("</figcaption></figure>\n");
      }
    }
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  /** Text as HTML: the five characters with a meaning in HTML replaced by their entities. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }
}
