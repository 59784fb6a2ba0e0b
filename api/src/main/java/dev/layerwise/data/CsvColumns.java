package dev.layerwise.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * Which fields of a CSV row are features and which is the label, and the values collected row by row, each checked
 * where it is read so an error names its row and column.
 */
final class CsvColumns {
  private final Path file;
  private final List<String> names;
  private final int[] featureIndices;
  private final int labelIndex;

  private CsvColumns(Path file, List<String> names, int[] featureIndices, int labelIndex) {
    this.file = file;
    this.names = names;
    this.featureIndices = featureIndices;
    this.labelIndex = labelIndex;
  }

  /**
   * @param features the feature columns, or null for every column but the label
   * @param label the label column, or null
   */
  static CsvColumns choose(Path file, List<String> names, List<String> features, String label) {
    int labelIndex = label == null ? -1 : find(file, names, label, "label");
    int[] featureIndices;
    if (features == null) {
      featureIndices = java.util.stream.IntStream.range(0, names.size()).filter(i -> i != labelIndex).toArray();
      checkArgument(featureIndices.length > 0, "CSV file %s: its only column '%s' is the label; no feature column"
          + " is left", file, label);
    } else {
      featureIndices = features.stream().mapToInt(f -> find(file, names, f, "feature")).toArray();
      checkArgument(label == null || !features.contains(label), "CSV file %s: column '%s' is both a feature and the"
          + " label", file, label);
    }
    return new CsvColumns(file, names, featureIndices, labelIndex);
  }

  private static int find(Path file, List<String> names, String column, String role) {
    int i = names.indexOf(column);
    checkArgument(i >= 0, "CSV file %s has no %s column '%s'; its columns are %s", file, role, column, names);
    return i;
  }

  List<String> featureNames() {
    return Arrays.stream(featureIndices).mapToObj(names::get).toList();
  }

  Values values(boolean classLabel) {
    return new Values(classLabel);
  }

  /** The features (row-major, float32) and labels of the rows added so far. */
  final class Values {
    private final boolean classLabel;
    private float[] x = new float[1024];
    private float[] y = new float[64];
    private final List<String> classes = new ArrayList<>();
    private final List<Long> classRows = new ArrayList<>();
    private int rows;

    private Values(boolean classLabel) {
      this.classLabel = classLabel;
    }

    void add(CSVRecord record) {
      long row = record.getRecordNumber();
      checkArgument(record.size() == names.size(), "CSV file %s, row %s: expected %s fields as in the header %s,"
          + " got %s: %s", file, row, names.size(), names, record.size(), record.toList());
      int k = featureIndices.length;
      if ((long) (rows + 1) * k > x.length) {
        checkArgument((long) (rows + 1) * k <= Integer.MAX_VALUE - 8, "CSV file %s: more than %s rows of %s"
            + " features do not fit in one Java array", file, rows, k);
        x = Arrays.copyOf(x, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(2L * x.length, (long) (rows + 1) * k)));
      }
      for (int j = 0; j < k; j++) {
        x[rows * k + j] = (float) number(record, row, featureIndices[j], "feature");
      }
      if (labelIndex >= 0) {
        if (classLabel) {
          String c = record.get(labelIndex);
          checkArgument(!c.isBlank(), "CSV file %s, row %s, column '%s': the class label is blank", file, row,
              names.get(labelIndex));
          classes.add(c);
          classRows.add(row);
        } else {
          if (rows == y.length) {
            y = Arrays.copyOf(y, 2 * y.length);
          }
          y[rows] = (float) number(record, row, labelIndex, "numeric label");
        }
      }
      rows++;
    }

    private double number(CSVRecord record, long row, int column, String role) {
      String text = record.get(column);
      try {
        double v = Double.parseDouble(text);
        checkArgument(!Double.isFinite(v) || Float.isFinite((float) v), "CSV file %s, row %s, column '%s': %s is"
            + " beyond float32's range (±3.4e38)", file, row, names.get(column), text);
        return v;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(String.format("CSV file %s, row %s, column '%s': %s values must be"
            + " numbers, got '%s'", file, row, names.get(column), role, text), e);
      }
    }

    int rows() {
      return rows;
    }

    List<String> classes() {
      return classes;
    }

    float[] features() {
      return Arrays.copyOf(x, rows * featureIndices.length);
    }

    float[] numericLabels() {
      return Arrays.copyOf(y, rows);
    }

    float[] classIndices(ClassNames mapping) {
      Map<String, Integer> index = mapping.indices();
      float[] out = new float[rows];
      for (int i = 0; i < rows; i++) {
        Integer c = index.get(classes.get(i));
        if (c == null) {
          throw new IllegalArgumentException(String.format("CSV file %s, row %s, column '%s': class '%s' is not"
              + " among the classes %s", file, classRows.get(i), names.get(labelIndex), classes.get(i),
              mapping.names()));
        }
        out[i] = c;
      }
      return out;
    }
  }
}
