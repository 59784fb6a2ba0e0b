package dev.layerwise.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Shape;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a {@link Dataset} from a CSV file (RFC 4180, parsed by Apache Commons CSV): numeric feature columns and,
 * optionally, one label column, either numeric (regression) or a class label whose values are mapped to class
 * indices through {@link ClassNames}.
 *
 * <pre>{@code
 * CsvData train = CsvDataset.from(Path.of("iris-train.csv")).withClassLabel("species").read();
 * CsvData test = CsvDataset.from(Path.of("iris-test.csv")).withClassLabel("species")
 *     .withClassNames(train.classNames().orElseThrow()).read();
 * }</pre>
 *
 * <p>Columns are chosen by name: the header's names, or, for a file without one ({@link #withoutHeader()}), the
 * names given by {@link #withColumnNames} or else the positions {@code "0"}, {@code "1"}, … (as pandas does). The
 * features are the columns given to {@link #withFeatures}, in that order, or by default every column but the label,
 * in file order. Values are parsed as Java doubles ({@link Double#parseDouble}, surrounding spaces ignored) and
 * stored as float32; {@code NaN} and {@code Infinity} are read as such ({@code fit} refuses non-finite features,
 * naming the sample), a finite value beyond float32's range is an error. Blank lines are skipped; a byte-order mark
 * at the start is ignored.
 *
 * <p>Every mistake in the file is an {@link IllegalArgumentException} naming the file and, for a value, its row
 * (the file's rows counted from 1, the header included and blank lines not, so the line number in a file without
 * blank lines or quoted line breaks) and column: a row with a different number of fields than the header, a value
 * that is not a number in a feature or numeric label column, a class not among given class names, an unknown column
 * (listing the header), an empty file or one with no data rows, a malformed quote, text that is not UTF-8.
 * Instances are immutable and thread-safe.
 */
public final class CsvDataset {
  private final Path file;
  private final boolean header;
  private final List<String> columnNames;
  private final char delimiter;
  private final List<String> features;
  private final String label;
  private final boolean classLabel;
  private final ClassNames classNames;
  private final int skippedLines;

  private CsvDataset(Path file, boolean header, List<String> columnNames, char delimiter, List<String> features,
      String label, boolean classLabel, ClassNames classNames, int skippedLines) {
    this.file = file;
    this.skippedLines = skippedLines;
    this.header = header;
    this.columnNames = columnNames;
    this.delimiter = delimiter;
    this.features = features;
    this.label = label;
    this.classLabel = classLabel;
    this.classNames = classNames;
  }

  /** A comma-separated file with a header row, every column a feature, no label (change with the withers). */
  public static CsvDataset from(Path file) {
    requireNonNull(file, "CsvDataset.from: file");
    return new CsvDataset(file, true, null, ',', null, null, false, null, 0);
  }

  /** The file has no header row: its first row is data. */
  public CsvDataset withoutHeader() {
    return new CsvDataset(file, false, columnNames, delimiter, features, label, classLabel, classNames, skippedLines);
  }

  /**
   * Names for the columns, in file order: for a file without a header, or to replace the header's names (its row is
   * still skipped), as pandas's {@code names=} does.
   */
  public CsvDataset withColumnNames(String... names) {
    List<String> n = List.of(names);
    checkArgument(!n.isEmpty(), "CsvDataset.withColumnNames: no names given");
    checkDistinct(n, "withColumnNames");
    return new CsvDataset(file, header, n, delimiter, features, label, classLabel, classNames, skippedLines);
  }

  /**
   * Skips the first {@code lines} lines of the file, read as plain text lines before any CSV parsing, as pandas's
   * {@code skiprows=n}: a title, or scikit-learn's first line of counts and class names. The header (or, without
   * one, the first data row) is the line after them. Rows keep their line numbers in error messages: the first row
   * after the skipped lines is row {@code lines + 1}.
   */
  public CsvDataset withSkippedLines(int lines) {
    checkArgument(lines >= 0, "CsvDataset.withSkippedLines: lines must be non-negative, got %s", lines);
    return new CsvDataset(file, header, columnNames, delimiter, features, label, classLabel, classNames, lines);
  }

  /** The field separator, {@code ','} by default ({@code ';'} and {@code '\t'} are common). */
  public CsvDataset withDelimiter(char delimiter) {
    checkArgument(delimiter != '"' && delimiter != '\n' && delimiter != '\r',
        "CsvDataset.withDelimiter: the delimiter cannot be a quote or a line break, got %s", (int) delimiter);
    return new CsvDataset(file, header, columnNames, delimiter, features, label, classLabel, classNames, skippedLines);
  }

  /** The feature columns, in the order wanted in the feature vector (default: every column but the label). */
  public CsvDataset withFeatures(String... names) {
    List<String> n = List.of(names);
    checkArgument(!n.isEmpty(), "CsvDataset.withFeatures: no feature column given");
    checkDistinct(n, "withFeatures");
    return new CsvDataset(file, header, columnNames, delimiter, n, label, classLabel, classNames, skippedLines);
  }

  /**
   * The label column holds class names (any text); each sample's label becomes its class index. Without
   * {@link #withClassNames} the classes are the column's distinct values, {@linkplain ClassNames#sorted sorted}.
   */
  public CsvDataset withClassLabel(String column) {
    requireNonNull(column, "CsvDataset.withClassLabel: column");
    return new CsvDataset(file, header, columnNames, delimiter, features, column, true, classNames, skippedLines);
  }

  /** The label column holds numbers, used as they are (a regression target, or class indices already). */
  public CsvDataset withNumericLabel(String column) {
    requireNonNull(column, "CsvDataset.withNumericLabel: column");
    return new CsvDataset(file, header, columnNames, delimiter, features, column, false, null, skippedLines);
  }

  /**
   * A fixed class mapping for the class label, such as the training file's: a value outside it is an error naming
   * its row.
   */
  public CsvDataset withClassNames(ClassNames names) {
    requireNonNull(names, "CsvDataset.withClassNames: names");
    checkState(classLabel, "CsvDataset.withClassNames: choose the class label column first (withClassLabel)");
    return new CsvDataset(file, header, columnNames, delimiter, features, label, true, names, skippedLines);
  }

  private static void checkDistinct(List<String> names, String method) {
    for (int i = 0; i < names.size(); i++) {
      checkArgument(names.indexOf(names.get(i)) == i, "CsvDataset.%s: column '%s' is given twice", method,
          names.get(i));
    }
  }

  /**
   * Reads the whole file.
   *
   * @throws IllegalArgumentException for a missing, empty or malformed file, naming the file, row and column
   * @throws UncheckedIOException when the file cannot be read
   */
  public CsvData read() {
    checkArgument(Files.isRegularFile(file), "CSV file not found: %s", file);
    CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
        .setIgnoreSurroundingSpaces(true).get();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(skipLines(skipByteOrderMark(in))).setFormat(format)
            .setRecordNumber(skippedLines + 1L).get()) {
      return read(parser.iterator());
    } catch (IOException e) {
      throw failure(e);
    } catch (UncheckedIOException e) {
      throw failure(e.getCause()); // Commons CSV's iterator wraps what goes wrong while reading rows
    }
  }

  /** The reader past a UTF-8 byte-order mark, which some spreadsheet programs write first. */
  private static BufferedReader skipByteOrderMark(BufferedReader in) throws IOException {
    in.mark(1);
    if (in.read() != '\uFEFF') {
      in.reset();
    }
    return in;
  }

  /** The reader past the lines to skip ({@link #withSkippedLines}). */
  private BufferedReader skipLines(BufferedReader in) throws IOException {
    for (int i = 0; i < skippedLines; i++) {
      checkArgument(in.readLine() != null, "CSV file %s has %s lines, fewer than the %s to skip", file, i,
          skippedLines);
    }
    return in;
  }

  /** A malformed file (Commons CSV's CSVException, such as an unterminated quote) or bad UTF-8 is the caller's. */
  private RuntimeException failure(IOException e) {
    if (e instanceof CSVException) {
      return new IllegalArgumentException("CSV file " + file + " is malformed: " + e.getMessage(), e);
    }
    if (e instanceof CharacterCodingException) {
      return new IllegalArgumentException("CSV file " + file + " is not UTF-8 text (save it as UTF-8)", e);
    }
    return new UncheckedIOException("cannot read CSV file " + file, e);
  }

  private CsvData read(Iterator<CSVRecord> rows) {
    checkArgument(rows.hasNext(), "CSV file %s is empty", file);
    CSVRecord first = rows.next();
    List<String> names = columnNames != null ? columnNames : header ? headerNames(first) : positions(first.size());
    checkArgument(names.size() == first.size(), "CSV file %s: %s column names %s given, but its first row has %s"
        + " fields", file, names.size(), names, first.size());
    CsvColumns columns = CsvColumns.choose(file, names, features, label);
    CsvColumns.Values values = columns.values(classLabel);
    if (!header) {
      values.add(first);
    }
    rows.forEachRemaining(values::add);
    checkArgument(values.rows() > 0, "CSV file %s has a header but no data rows", file);
    Optional<ClassNames> classes = Optional.empty();
    float[] y = null;
    if (label != null) {
      if (classLabel) {
        ClassNames mapping = classNames != null ? classNames : ClassNames.sorted(values.classes());
        y = values.classIndices(mapping);
        classes = Optional.of(mapping);
      } else {
        y = values.numericLabels();
      }
    }
    float[] x = values.features();
    Shape shape = Shape.of(columns.featureNames().size());
    Dataset d = y == null ? Dataset.featuresOnly(x, shape) : Dataset.of(x, shape, y, Shape.scalar());
    return new CsvData(d, columns.featureNames(), classes);
  }

  private List<String> headerNames(CSVRecord first) {
    List<String> names = first.toList();
    for (int i = 0; i < names.size(); i++) {
      checkArgument(!names.get(i).isEmpty(), "CSV file %s: the header's column %s has no name: %s", file, i + 1,
          names);
      checkArgument(names.indexOf(names.get(i)) == i, "CSV file %s: the header names column '%s' twice: %s", file,
          names.get(i), names);
    }
    return names;
  }

  private static List<String> positions(int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add(Integer.toString(i));
    }
    return names;
  }
}
