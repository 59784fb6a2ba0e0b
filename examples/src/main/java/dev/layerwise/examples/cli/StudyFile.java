package dev.layerwise.examples.cli;

import dev.layerwise.tuning.Asha;
import dev.layerwise.tuning.CoarseToFine;
import dev.layerwise.tuning.GridSearch;
import dev.layerwise.tuning.Hyperband;
import dev.layerwise.tuning.Objective;
import dev.layerwise.tuning.RandomSearch;
import dev.layerwise.tuning.Scale;
import dev.layerwise.tuning.SearchSpace;
import dev.layerwise.tuning.SearchStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A search described in a small file, {@code key = value} per line ({@code #} starts a comment), parameters in the
 * order they are drawn:
 *
 * <pre>
 * strategy = random              # random | grid | coarse-to-fine | hyperband | asha
 * trials = 20                    # random; coarse-to-fine: per round; asha: configurations
 * rounds = 2                     # coarse-to-fine (with top-k = 3, widen = 2)
 * points = 3                     # grid: points per range
 * epochs = 5                     # hyperband and asha: the most epochs a trial gets (asha: min-epochs = 1)
 * eta = 3                        # hyperband, asha
 * workers = 2
 * threads-per-trial = 1
 * seed = 42
 * objective = val_accuracy       # val_loss is minimised, any other maximised
 * train-samples = 54000          # at most this many of the 54,000 training images (6,000 held out to validate)
 * dir = target/study
 * param.lr = logUniform 1e-4 1e-2
 * param.units = intRange 32 512 log
 * param.optimizer = choice adam sgd
 * param.momentum = uniform 0.5 0.99 when optimizer sgd
 * </pre>
 *
 * Every mistake names the line and what was expected.
 */
record StudyFile(Map<String, String> settings, SearchSpace space, Path file) {
  private static final Set<String> KEYS = Set.of("strategy", "trials", "rounds", "top-k", "widen", "points",
      "epochs", "min-epochs", "eta", "workers", "threads-per-trial", "seed", "objective", "train-samples", "dir");

  static StudyFile read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("study file " + file + ": cannot read it (" + e.getMessage() + ")", e);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    SearchSpace space = SearchSpace.empty();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).replaceAll("#.*", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      String where = file + " line " + (i + 1) + ": ";
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(where + "expected key = value, got '" + line + "'");
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (!seen.add(key)) {
        throw new IllegalArgumentException(where + "'" + key + "' is given twice");
      }
      try {
        if (key.startsWith("param.")) {
          space = parameter(space, key.substring("param.".length()), value);
        } else if (KEYS.contains(key)) {
          settings.put(key, value);
        } else {
          throw new IllegalArgumentException("unknown key '" + key + "'; known: " + new java.util.TreeSet<>(KEYS)
              + " and param.NAME");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + e.getMessage(), e);
      }
    }
    if (space.names().isEmpty()) {
      throw new IllegalArgumentException(file + ": no parameter to search (add lines like param.lr = logUniform"
          + " 1e-4 1e-2)");
    }
    return new StudyFile(settings, space, file);
  }

  /** {@code logUniform LO HI}, {@code uniform LO HI}, {@code intRange LO HI [log]}, {@code choice A B ...}. */
  private static SearchSpace parameter(SearchSpace space, String name, String spec) {
    String[] condition = spec.split("\\s+when\\s+", 2);
    List<String> w = Arrays.asList(condition[0].strip().split("\\s+"));
    SearchSpace s = switch (w.get(0)) {
      case "logUniform" -> space.logUniform(name, number(w, 1), number(w, 2));
      case "uniform" -> space.uniform(name, number(w, 1), number(w, 2));
      case "intRange" -> w.size() > 3 && w.get(3).equals("log")
          ? space.intRange(name, (int) number(w, 1), (int) number(w, 2), Scale.LOG)
          : space.intRange(name, (int) number(w, 1), (int) number(w, 2));
      case "choice" -> space.choice(name, w.subList(1, w.size()).stream().map(StudyFile::value).toArray());
      default -> throw new IllegalArgumentException("parameter '" + name + "': expected logUniform, uniform, intRange"
          + " or choice, got '" + w.get(0) + "'");
    };
    if (condition.length == 2) {
      List<String> c = Arrays.asList(condition[1].strip().split("\\s+"));
      s = s.when(c.get(0), c.subList(1, c.size()).stream().map(StudyFile::value).toArray());
    }
    return s;
  }

  private static double number(List<String> words, int i) {
    if (i >= words.size()) {
      throw new IllegalArgumentException("'" + String.join(" ", words) + "': expected a number at position "
          + (i + 1));
    }
    try {
      return Double.parseDouble(words.get(i));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + words.get(i) + "' is not a number");
    }
  }

  /** A choice's value: an integer, a number, or a word. */
  private static Object value(String w) {
    try {
      return Integer.parseInt(w);
    } catch (NumberFormatException notInt) {
      try {
        return Double.parseDouble(w);
      } catch (NumberFormatException notNumber) {
        return w;
      }
    }
  }

  int integer(String key, int fallback) {
    String v = settings.get(key);
    try {
      return v == null ? fallback : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + ": " + key + " expects an integer, got '" + v + "'");
    }
  }

  double real(String key, double fallback) {
    String v = settings.get(key);
    try {
      return v == null ? fallback : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + ": " + key + " expects a number, got '" + v + "'");
    }
  }

  Objective objective() {
    String key = settings.getOrDefault("objective", "val_accuracy");
    return key.endsWith("loss") ? Objective.minimize(key) : Objective.maximize(key);
  }

  Path dir() {
    return Path.of(settings.getOrDefault("dir", "target/study"));
  }

  boolean asynchronous() {
    return settings.getOrDefault("strategy", "random").equals("asha");
  }

  Asha asha() {
    return new Asha(space, integer("min-epochs", 1), integer("epochs", 9), integer("eta", 3), integer("trials", 20),
        integer("seed", 42));
  }

  SearchStrategy strategy() {
    long seed = integer("seed", 42);
    int epochs = integer("epochs", 5);
    String name = settings.getOrDefault("strategy", "random");
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "random" -> new RandomSearch(space, integer("trials", 20), epochs, seed);
      case "grid" -> new GridSearch(space, integer("points", 3), epochs, seed);
      case "coarse-to-fine" -> new CoarseToFine(space, integer("rounds", 2), integer("trials", 10),
          integer("top-k", 3), real("widen", 2), epochs, seed);
      case "hyperband" -> new Hyperband(space, epochs, integer("eta", 3), seed);
      default -> throw new IllegalArgumentException(file + ": strategy expects random, grid, coarse-to-fine,"
          + " hyperband or asha, got '" + name + "'");
    };
  }

  /** The names the file set, for the report. */
  List<String> keys() {
    return new ArrayList<>(settings.keySet());
  }
}
