package dev.layerwise.metrics;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * What a row of outputs and labels says, as every metric reads it: the predicted and the true class of a
 * categorical row, whether a binary output and label are positive, and probabilities from logits.
 */
final class Decisions {
  private Decisions() {}

  /** The first index of the largest value of {@code v[off .. off + k)} (NaN never wins). */
  static int argmax(float[] v, int off, int k) {
    int best = 0;
    for (int j = 1; j < k; j++) {
      if (v[off + j] > v[off + best]) {
        best = j;
      }
    }
    return best;
  }

  /** The true class of categorical row {@code row} of sample {@code i}: its class index or its label's argmax. */
  static int trueClass(Readout r, float[] labels, int i, int row) {
    if (!r.sparseLabels()) {
      return argmax(labels, i * r.labelSize() + row * r.classes(), r.classes());
    }
    float label = labels[i * r.labelSize() + row];
    checkArgument(label >= 0 && label < r.classes() && label == Math.rint(label),
        "sample %s: label %s is not a class index in [0, %s)", i, label, r.classes());
    return (int) label;
  }

  /** A label counts as positive above 0.5 (0/1 labels, and soft labels by their nearer side). */
  static boolean positiveLabel(float y) {
    return y > 0.5f;
  }

  /**
   * Whether a binary output is above a probability threshold: {@code p > t} on probabilities, and on logits the
   * same test in logit space, {@code z > log(t / (1 − t))}, which is exact (no sigmoid rounding near the threshold).
   */
  static boolean above(Readout r, float output, double threshold) {
    if (r.scores() == Readout.Scores.LOGITS) {
      return output > Math.log(threshold / (1 - threshold));
    }
    return output > threshold;
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /**
   * The probabilities of one sample's output: as given, through sigmoid (binary logits) or through a softmax per
   * row (categorical logits).
   */
  static double[] probabilities(Readout r, float[] out, int i) {
    checkArgument(r.hasProbabilities(), "%s has no probabilities", r.describe());
    int off = i * r.outputSize();
    double[] p = new double[r.outputSize()];
    for (int j = 0; j < p.length; j++) {
      p[j] = out[off + j];
    }
    if (r.scores() == Readout.Scores.PROBABILITIES) {
      return p;
    }
    if (r.kind() == Readout.Kind.BINARY) {
      for (int j = 0; j < p.length; j++) {
        p[j] = sigmoid(p[j]);
      }
      return p;
    }
    for (int row = 0; row < r.rows(); row++) {
      int from = row * r.classes();
      double max = Double.NEGATIVE_INFINITY;
      for (int c = from; c < from + r.classes(); c++) {
        max = Math.max(max, p[c]);
      }
      double sum = 0;
      for (int c = from; c < from + r.classes(); c++) {
        p[c] = Math.exp(p[c] - max);
        sum += p[c];
      }
      for (int c = from; c < from + r.classes(); c++) {
        p[c] /= sum;
      }
    }
    return p;
  }

  /** Refuses buffers too short for {@code n} samples. */
  static void checkBuffers(String metric, Readout r, float[] outputs, float[] labels, int n) {
    checkArgument(n >= 0, "%s: the sample count must be non-negative, got %s", metric, n);
    checkArgument(outputs.length >= (long) n * r.outputSize() && labels.length >= (long) n * r.labelSize(),
        "%s: %s samples need %s outputs and %s labels, got %s and %s", metric, n, (long) n * r.outputSize(),
        (long) n * r.labelSize(), outputs.length, labels.length);
  }
}
