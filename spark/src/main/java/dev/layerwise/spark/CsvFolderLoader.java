package dev.layerwise.spark;

import dev.layerwise.data.CsvDataset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder with {@code train.csv} and {@code validation.csv}, a header line, numeric feature columns and a class
 * label column named {@code label} (integers from 0, or names: both files must use the same classes).
 */
public final class CsvFolderLoader implements DataLoader {
  /** The label column's name. */
  public static final String LABEL = "label";

  @Override
  public StudyData load(Path folder) {
    return new StudyData(read(folder, "train.csv"), read(folder, "validation.csv"));
  }

  private static dev.layerwise.data.Dataset read(Path folder, String name) {
    Path file = folder.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("CsvFolderLoader: expected " + name + " in " + folder
          + ", found no such file");
    }
    return CsvDataset.from(file).withClassLabel(LABEL).read().dataset();
  }
}
