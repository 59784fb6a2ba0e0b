package dev.layerwise.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.layerwise.data.CsvDataset;
import java.nio.file.Path;

/**
 * Fuzzes {@link CsvDataset#read}: any bytes as a CSV file, read with a header and every column a feature, and
 * without a header with the first column as a class label.
 */
class CsvDatasetFuzzTest {
  @FuzzTest
  void csv(byte[] input) {
    Path file = Refusals.file("fuzz.csv", input);
    Refusals.onlyDocumented(file.toString(), () -> CsvDataset.from(file).read());
    Refusals.onlyDocumented(file.toString(), () -> CsvDataset.from(file).withoutHeader().withClassLabel("0").read());
  }
}
