package dev.layerwise.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits {@link Normalization}'s statistics: per entry of the kept axes, with every other axis and every sample
 * pooled into n values per entry, {@code μₖ = (1/n)Σx} and {@code σ²ₖ = (1/n)Σ(x − μₖ)²} (biased, NumPy's
 * {@code var}). Two passes in float64, reading the samples in chunks so no float64 copy of the whole array is made:
 * the second pass sums squared deviations from the finished mean, which does not cancel as {@code Σx² − nμ²} would
 * for pixels far from zero.
 */
final class NormalizationAdapter {
  /** Samples read at a time. */
  private static final int CHUNK = 1024;

  private NormalizationAdapter() {}

  /**
   * @param array the index of the feature array
   * @param label how errors name the array: empty, or {@code " 'pixels'"}
   */
  static Normalization adapt(Dataset data, int array, String label, int[] axes) {
    checkArgument(data.size() > 0, "Normalization.adaptedTo: the dataset is empty; statistics need at least one"
        + " sample");
    Shape shape = data.featureShapes().get(array);
    int[] resolved = Normalization.resolve("Normalization.adaptedTo", axes, shape);
    int bad = data.firstNonFiniteFeature(array);
    checkArgument(bad < 0, "Normalization.adaptedTo: feature array%s holds a NaN or infinite value at sample %s,"
        + " value %s", label, bad < 0 ? 0 : bad / shape.size(), bad < 0 ? 0 : bad % shape.size());
    int[] entry = Normalization.entryIndex(resolved, shape);
    int d = Normalization.keptShape(resolved, shape).size();
    int per = shape.size();
    double n = (double) data.size() * (per / d);
    double[] mean = new double[d];
    forEachChunk(data, array, (x, len) -> {
      for (int i = 0; i < len; i++) {
        mean[entry[i % per]] += x[i];
      }
    });
    for (int k = 0; k < d; k++) {
      mean[k] /= n;
    }
    double[] variance = new double[d];
    forEachChunk(data, array, (x, len) -> {
      for (int i = 0; i < len; i++) {
        int k = entry[i % per];
        double dev = x[i] - mean[k];
        variance[k] += dev * dev;
      }
    });
    for (int k = 0; k < d; k++) {
      variance[k] /= n;
    }
    return new Normalization(null, axes, mean, variance);
  }

  private interface ChunkSink {
    void accept(double[] values, int length);
  }

  /** Hands over the values of feature array {@code array}, {@link #CHUNK} whole samples at a time. */
  private static void forEachChunk(Dataset data, int array, ChunkSink sink) {
    List<Shape> shapes = data.featureShapes();
    List<double[]> buffers = new ArrayList<>();
    int chunk = Math.min(CHUNK, data.size());
    for (Shape s : shapes) {
      buffers.add(new double[chunk * s.size()]);
    }
    int per = shapes.get(array).size();
    for (int from = 0; from < data.size(); from += chunk) {
      int count = Math.min(chunk, data.size() - from);
      data.copyRangeDoubles(from, count, buffers, null);
      sink.accept(buffers.get(array), count * per);
    }
  }
}
