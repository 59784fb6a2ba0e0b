package dev.layerwise.spark;

import dev.layerwise.data.DatasetSplit;
import dev.layerwise.data.FashionMnist;
import java.nio.file.Path;

/**
 * A folder with Fashion-MNIST's four IDX files: the 60,000 training images split 90/10 into training and
 * validation with seed 7 — the split {@code bin/layerwise-tune} uses, so a study moved to Spark sees the same data.
 * The test images are not read: a search never sees them.
 */
public final class FashionMnistLoader implements DataLoader {
  @Override
  public StudyData load(Path folder) {
    DatasetSplit split = FashionMnist.load(folder).train().split(0.1, 7);
    return new StudyData(split.train(), split.test());
  }
}
