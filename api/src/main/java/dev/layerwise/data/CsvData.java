package dev.layerwise.data;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What {@link CsvDataset#read()} gives back: the samples and what is needed to read the next file the same way.
 *
 * @param dataset one float32 feature array of shape {@code [featureNames.size()]} and, when a label column was
 *     chosen, one scalar label per sample (a class index for a class label)
 * @param featureNames the feature columns, in the order of the feature vector
 * @param classNames for a class label, the mapping from class index to the label's text; empty for a numeric label
 *     or none. Pass it to {@link CsvDataset#withClassNames} to read a test file with the training file's indices.
 */
public record CsvData(Dataset dataset, List<String> featureNames, Optional<ClassNames> classNames) {
  public CsvData {
    requireNonNull(dataset, "CsvData: dataset");
    featureNames = List.copyOf(featureNames);
    requireNonNull(classNames, "CsvData: classNames");
  }
}
