package dev.layerwise.internal;

import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.spi.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A dataset cut into batches, in a given order, filled into one set of reused buffers (one per feature array and
 * one per target array, in the dataset's order). A batch is valid until the next one is taken (backends copy what
 * they keep).
 */
public final class Batches {
  private final Dataset data;
  private final int batchSize;
  private final int[] order;
  private final List<float[]> xs;
  private final List<float[]> ys;
  /** The float64 buffers of a float64 model's batches, or null. */
  private final List<double[]> xs64;
  private final List<double[]> ys64;
  /** The sample weights of a dataset that carries them, or null. */
  private final double[] weights;

  private Batches(Dataset data, int batchSize, int[] order, boolean doubles) {
    this.data = data;
    this.batchSize = Math.min(batchSize, data.size());
    this.order = order;
    this.xs = buffers(data.featureShapes());
    this.ys = data.hasLabels() ? buffers(data.targetShapes()) : null;
    this.xs64 = doubles ? doubleBuffers(data.featureShapes()) : null;
    this.ys64 = doubles && data.hasLabels() ? doubleBuffers(data.targetShapes()) : null;
    this.weights = data.hasSampleWeights() ? new double[this.batchSize] : null;
  }

  private List<float[]> buffers(List<Shape> shapes) {
    List<float[]> out = new ArrayList<>();
    shapes.forEach(s -> out.add(new float[batchSize * s.size()]));
    return out;
  }

  private List<double[]> doubleBuffers(List<Shape> shapes) {
    List<double[]> out = new ArrayList<>();
    shapes.forEach(s -> out.add(new double[batchSize * s.size()]));
    return out;
  }

  /** In dataset order. */
  public static Batches sequential(Dataset data, int batchSize) {
    return new Batches(data, batchSize, null, false);
  }

  /**
   * In dataset order, the batches also in float64 when {@code doubles} (for a float64 model, so that values given as
   * doubles reach it unrounded).
   */
  public static Batches sequential(Dataset data, int batchSize, boolean doubles) {
    return new Batches(data, batchSize, null, doubles);
  }

  /** In a random order drawn from the seed (Fisher–Yates). */
  public static Batches shuffled(Dataset data, int batchSize, long seed) {
    return shuffled(data, batchSize, seed, false);
  }

  /** {@link #shuffled(Dataset, int, long)}, the batches also in float64 when {@code doubles}. */
  public static Batches shuffled(Dataset data, int batchSize, long seed, boolean doubles) {
    return new Batches(data, batchSize, permutation(data.size(), seed), doubles);
  }

  /**
   * The order of an epoch shuffled from {@code seed}: {@code 0 … n−1} shuffled by {@link SeededRandom#shuffle}; the
   * same for a dataset in memory and an indexed source of n samples.
   */
  static int[] permutation(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    new SeededRandom(seed).shuffle(order);
    return order;
  }

  public int count() {
    return count(data.size(), batchSize);
  }

  /** The epoch's order of samples, or null for dataset order. */
  int[] order() {
    return order;
  }

  /** How many batches hold exactly {@link #batchSize()} samples (all but a smaller last one). */
  int fullBatches() {
    return data.size() / batchSize;
  }

  /** The batches' size (the last may be smaller). */
  int batchSize() {
    return batchSize;
  }

  /** The targets of batch k in new arrays (no features): what metrics read after a multi-step call. */
  List<float[]> targets(int k) {
    int from = k * batchSize;
    int n = Math.min(batchSize, data.size() - from);
    List<float[]> out = new ArrayList<>(data.targetShapes().size());
    data.targetShapes().forEach(s -> out.add(new float[n * s.size()]));
    data.gatherTargets(order, from, n, out);
    return out;
  }

  /** How many batches of at most {@code batchSize} samples hold n samples. */
  static int count(int n, int batchSize) {
    return (n + batchSize - 1) / batchSize;
  }

  /** Batch k (0-based); the last one may be smaller. */
  public Batch get(int k) {
    int from = k * batchSize;
    int n = Math.min(batchSize, data.size() - from);
    if (order == null) {
      data.copyRange(from, n, xs, ys);
    } else {
      data.gather(order, from, n, xs, ys);
    }
    if (weights != null) {
      data.gatherSampleWeights(order, from, n, weights);
    }
    if (xs64 != null) {
      data.gatherDoubles(order, from, n, xs64, ys64);
    }
    return new Batch(xs, ys, n, Map.of(), xs64, ys64, weights);
  }
}
