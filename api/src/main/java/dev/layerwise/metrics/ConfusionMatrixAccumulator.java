package dev.layerwise.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Optional;

/**
 * Builds a {@link ConfusionMatrix} batch by batch for a single-label classifier: categorical models (predicted
 * class the argmax of each row) and one sigmoid unit (classes 0 and 1, positive above 0.5, {@code z > 0} on
 * logits). Multi-label sigmoid outputs and regression models have no confusion matrix.
 */
final class ConfusionMatrixAccumulator {
  private final Readout readout;
  private final long[][] counts;

  private ConfusionMatrixAccumulator(Readout readout, int classes) {
    this.readout = readout;
    this.counts = new long[classes][classes];
  }

  /** An accumulator, or empty for a model that is not a single-label classifier. */
  static Optional<ConfusionMatrixAccumulator> of(Readout readout) {
    return switch (readout.kind()) {
      case CATEGORICAL -> Optional.of(new ConfusionMatrixAccumulator(readout, readout.classes()));
      case BINARY -> readout.classes() == 1 ? Optional.of(new ConfusionMatrixAccumulator(readout, 2))
          : Optional.empty();
      case REGRESSION -> Optional.empty();
    };
  }

  void update(float[] outputs, float[] labels, int n) {
    Decisions.checkBuffers("confusion matrix", readout, outputs, labels, n);
    int k = readout.classes();
    for (int i = 0; i < n; i++) {
      for (int row = 0; row < readout.rows(); row++) {
        int off = i * readout.outputSize() + row * k;
        if (readout.kind() == Readout.Kind.CATEGORICAL) {
          counts[Decisions.trueClass(readout, labels, i, row)][Decisions.argmax(outputs, off, k)]++;
        } else {
          int truth = Decisions.positiveLabel(labels[off]) ? 1 : 0;
          counts[truth][Decisions.above(readout, outputs[off], 0.5) ? 1 : 0]++;
        }
      }
    }
  }

  void merge(ConfusionMatrixAccumulator other) {
    checkArgument(other.readout.equals(readout), "confusion matrix: cannot merge counts of %s into %s",
        other.readout.describe(), readout.describe());
    for (int t = 0; t < counts.length; t++) {
      for (int p = 0; p < counts.length; p++) {
        counts[t][p] += other.counts[t][p];
      }
    }
  }

  ConfusionMatrix matrix() {
    return ConfusionMatrix.of(counts);
  }
}
