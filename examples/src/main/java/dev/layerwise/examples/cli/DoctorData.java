package dev.layerwise.examples.cli;

import dev.layerwise.Model;
import dev.layerwise.Shape;
import dev.layerwise.data.CsvDataset;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.DatasetSplit;
import dev.layerwise.data.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data the doctor examines a saved model on: Fashion-MNIST's training images in the model's input shape, or a
 * CSV file with a class-label column; 10% of it held out (seeded) as the validation data.
 */
final class DoctorData {
  private DoctorData() {}

  static DatasetSplit load(Model model, String data, String label, long seed) {
    Dataset all;
    if (data.equals("fashion-mnist")) {
      Shape in = model.inputs().get(0).shape();
      if (in.size() != 28 * 28) {
        throw new IllegalArgumentException("--data fashion-mnist: the model's input " + in + " holds " + in.size()
            + " values; a Fashion-MNIST image holds 784 (28 × 28)");
      }
      all = FashionMnist.load(FashionMnist.defaultDirectory()).train().withFeatureShape(in);
    } else {
      Path file = Path.of(data);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("--data: expected fashion-mnist or a CSV file, got '" + data + "' (no such"
            + " file)");
      }
      if (label == null) {
        throw new IllegalArgumentException("--data " + data + ": give the class-label column with --label NAME");
      }
      all = CsvDataset.from(file).withClassLabel(label).read().dataset();
    }
    return all.split(0.1, seed);
  }
}
