package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the user guide ({@code docs/*.md}) and the snippet sources ({@code *Snippets.java} of this package): the
 * marked blocks of a page, and the {@code // region NAME} … {@code // endregion NAME} regions of the sources.
 */
final class GuidePages {
  static final Path DOCS = Path.of("..", "docs");
  static final Path SNIPPETS = Path.of("src/main/java/dev/layerwise/examples");
  /** The guide's pages: their Java blocks must all be snippets. */
  static final List<String> PAGES = List.of("README.md", "activations.md", "initializers.md",
      "normalization-and-dropout.md", "regularization.md", "convolution.md", "optimizers.md", "serving.md",
      "gradient-check.md", "reliability.md", "functional.md", "open-models.md", "training.md", "data.md",
      "preprocessing-and-augmentation.md", "doctor.md", "tuning.md", "spark.md");

  private static final Pattern MARKER = Pattern.compile("<!-- (snippet|output|table): ([a-z0-9-]+) -->");

  private GuidePages() {}

  /**
   * A marked block of a page: a fenced block after a snippet or output marker ({@code lang} is the fence's
   * language, maybe empty), or table rows after a table marker ({@code lang} empty).
   */
  record Block(String page, int line, String kind, String lang, String name, List<String> lines) {}

  static List<Block> blocks(String page) {
    List<String> lines;
    try {
      lines = Files.readAllLines(DOCS.resolve(page));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Block> out = new ArrayList<>();
    String kind = null;
    String name = null;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      Matcher m = MARKER.matcher(l.strip());
      if (m.matches()) {
        kind = m.group(1);
        name = m.group(2);
        continue;
      }
      String where = page + ":" + (i + 1);
      if (l.startsWith("```")) {
        String lang = l.substring(3).strip();
        int end = i + 1;
        while (end < lines.size() && !lines.get(end).startsWith("```")) {
          end++;
        }
        if (lang.equals("java")) {
          assertEquals("snippet", kind, where + ": a java block must follow <!-- snippet: NAME -->");
        }
        if (kind != null) {
          assertFalse(kind.equals("table"), where + ": a table marker must be followed by table rows");
          out.add(new Block(page, i + 1, kind, lang, name, List.copyOf(lines.subList(i + 1, end))));
        }
        kind = null;
        i = end;
      } else if (kind != null && kind.equals("table") && l.startsWith("|")) {
        int end = i;
        while (end < lines.size() && lines.get(end).startsWith("|")) {
          end++;
        }
        out.add(new Block(page, i + 1, kind, "", name, List.copyOf(lines.subList(i, end))));
        kind = null;
        i = end - 1;
      } else if (kind != null && !l.isBlank()) {
        fail(where + ": <!-- " + kind + ": " + name + " --> must be followed by its block");
      }
    }
    return out;
  }

  static List<Block> allBlocks() {
    return PAGES.stream().flatMap(p -> blocks(p).stream()).toList();
  }

  /** The block of a page marked {@code name}. */
  static Block block(String page, String name) {
    return blocks(page).stream().filter(b -> b.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(page + " has no block '" + name + "'"));
  }

  /** Every {@code *Snippets.java} of the package, by file name, as lines. */
  static Map<String, List<String>> snippetSources() {
    Map<String, List<String>> sources = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(SNIPPETS)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith("Snippets.java")).sorted().toList()) {
        sources.put(f.getFileName().toString(), Files.readAllLines(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sources;
  }

  /**
   * The regions of one source, dedented, trailing spaces removed; {@code where} names it in failures. A region
   * needs its {@code // endregion NAME}, and a name may appear once.
   */
  static Map<String, List<String>> regions(String where, List<String> src) {
    Map<String, List<String>> regions = new LinkedHashMap<>();
    for (int i = 0; i < src.size(); i++) {
      String l = src.get(i).strip();
      if (l.startsWith("// region ")) {
        String name = l.substring("// region ".length());
        int end = src.subList(i, src.size()).stream().map(String::strip).toList().indexOf("// endregion " + name);
        assertTrue(end > 0, "no '// endregion " + name + "' in " + where);
        List<String> body = src.subList(i + 1, i + end);
        int indent = body.stream().filter(s -> !s.isBlank()).mapToInt(s -> s.length() - s.stripLeading().length())
            .min().orElse(0);
        List<String> previous = regions.put(name,
            body.stream().map(s -> s.isBlank() ? "" : s.substring(indent).stripTrailing()).toList());
        assertTrue(previous == null, "region '" + name + "' appears twice in " + where);
      }
    }
    return regions;
  }

  /** Which file holds each region name, in the order found; a name held by two files fails. */
  static Map<String, String> regionFiles(Map<String, List<String>> sources) {
    Map<String, String> files = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> s : sources.entrySet()) {
      for (String name : regions(s.getKey(), s.getValue()).keySet()) {
        String other = files.put(name, s.getKey());
        assertTrue(other == null, "region '" + name + "' is in both " + other + " and " + s.getKey());
      }
    }
    return files;
  }

  /** The regions of all {@code *Snippets.java} files; a region name may appear only once among them. */
  static Map<String, List<String>> regions() {
    Map<String, List<String>> sources = snippetSources();
    regionFiles(sources);
    Map<String, List<String>> all = new LinkedHashMap<>();
    sources.forEach((file, src) -> all.putAll(regions(file, src)));
    return all;
  }

  /** The lines with trailing white space and trailing empty lines removed. */
  static List<String> trimmed(List<String> lines) {
    List<String> t = new ArrayList<>(lines.stream().map(String::stripTrailing).toList());
    while (!t.isEmpty() && t.get(t.size() - 1).isEmpty()) {
      t.remove(t.size() - 1);
    }
    return t;
  }
}
