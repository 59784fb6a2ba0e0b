package dev.layerwise.tf;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The MLP of the thread-budget test and bench: {@code features}-{@code hidden}-{@code hidden}-10 with ReLU, Adam,
 * sparse cross-entropy, seed 7, on seeded Gaussian features with labels from a fixed linear rule (so it learns).
 */
final class ThreadBudgetMlp {
  private ThreadBudgetMlp() {}

  static CompiledModel compile(Backend backend, int features, int hidden) {
    return Sequential.of(Input.shape(features), Dense.units(hidden).withActivation(ActivationFn.RELU),
            Dense.units(hidden).withActivation(ActivationFn.RELU), Dense.units(10))
        .withSeed(7)
        .compile(backend, Optimizer.adam(1e-3), Loss.sparseCategoricalCrossentropy().withFromLogits(true));
  }

  /** {@code n} samples of {@code features} Gaussian values; label = argmax of 10 fixed sums of feature slices. */
  static Dataset data(int n, int features) {
    SeededRandom r = new SeededRandom(11);
    float[] x = new float[n * features];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      double[] score = new double[10];
      for (int j = 0; j < features; j++) {
        float v = (float) r.nextGaussian();
        x[i * features + j] = v;
        score[j % 10] += v;
      }
      int best = 0;
      for (int c = 1; c < 10; c++) {
        best = score[c] > score[best] ? c : best;
      }
      labels[i] = best;
    }
    return Dataset.withClassLabels(x, Shape.of(features), labels);
  }

  static FitOptions options(int epochs, int batchSize) {
    return FitOptions.builder().epochs(epochs).batchSize(batchSize).seed(3).verbose(0).build();
  }

  /** The threads of this process, Java and native (TF's pools are invisible to {@code ThreadMXBean}). */
  static int processThreads() {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      return (int) tasks.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
