package dev.layerwise.callbacks;

import static java.util.Objects.requireNonNull;

import dev.layerwise.EpochLogs;
import dev.layerwise.FitContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes one line per epoch to a CSV file: Keras's {@code CSVLogger}. The header is {@code epoch} then the epoch's
 * logged values in alphabetical order (as Keras sorts them); {@code epoch} counts from 0, as in Keras's file, so a
 * run's epoch 1 is row 0. Each line is written and the file closed at the end of its epoch, so the file is complete
 * up to the last finished epoch even if the run dies.
 *
 * <p>{@link #append(boolean) append(true)} adds to an existing file without a second header (the file had one):
 * how a resumed fit ({@code initialEpoch}) continues the log of the run it resumes. Without it the file is
 * replaced when training begins. Differences from Keras: no empty {@code val_} columns are added when there is no
 * validation data, and values are written with Java's {@link Double#toString} ({@code 1.0E-4} for Python's
 * {@code 0.0001}; both read back to the same number).
 *
 * <pre>{@code
 * CSVLogger log = CSVLogger.to(Path.of("training.csv")).append(true);
 * }</pre>
 */
public final class CSVLogger implements dev.layerwise.FitCallback {
  private final Path file;
  private final char separator;
  private final boolean append;
  private List<String> keys;
  private boolean headerNeeded;

  private CSVLogger(Path file, char separator, boolean append) {
    this.file = requireNonNull(file, "CSVLogger: file");
    this.separator = separator;
    this.append = append;
  }

  /** A comma-separated file, replaced when training begins. */
  public static CSVLogger to(Path file) {
    return new CSVLogger(file, ',', false);
  }

  /**
   * The same log with another separator.
   *
   * @throws IllegalArgumentException for a line break or a quote, which would break the file's lines or quoting
   */
  public CSVLogger separator(char separator) {
    if (separator == '\n' || separator == '\r' || separator == '"') {
      throw new IllegalArgumentException("CSVLogger: separator must not be a line break or a quote, got '"
          + separator + "'");
    }
    return new CSVLogger(file, separator, append);
  }

  /** Whether to add to an existing file (no second header) rather than replace it. */
  public CSVLogger append(boolean append) {
    return new CSVLogger(file, separator, append);
  }

  @Override
  public void onTrainBegin(FitContext context) {
    keys = null;
    try {
      boolean hasContent = Files.isRegularFile(file) && Files.size(file) > 0;
      headerNeeded = !append || !hasContent;
      if (!append) {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.write(file, new byte[0]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("CSVLogger: cannot write the log " + file, e);
    }
  }

  @Override
  public void onEpochEnd(EpochLogs logs) {
    if (keys == null) {
      keys = logs.values().keySet().stream().sorted().toList();
    }
    List<Object> row = new ArrayList<>();
    row.add(logs.epoch() - 1);
    for (String k : keys) {
      Double v = logs.values().get(k);
      row.add(v == null ? "NA" : v.toString());
    }
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator).get();
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND); CSVPrinter out = new CSVPrinter(w, format)) {
      if (headerNeeded) {
        List<String> header = new ArrayList<>();
        header.add("epoch");
        header.addAll(keys);
        out.printRecord(header);
        headerNeeded = false;
      }
      out.printRecord(row);
    } catch (IOException e) {
      throw new UncheckedIOException("CSVLogger: cannot write epoch " + logs.epoch() + " to " + file, e);
    }
  }

  @Override
  public String toString() {
    return "CSVLogger(" + file + (append ? ", append" : "") + ")";
  }
}
