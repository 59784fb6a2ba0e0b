package dev.layerwise.bench;

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
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether native memory stays bounded over many models: {@code --iterations} times build the Fashion-MNIST MLP
 * (784 → 128 ReLU → 10), compile it on TensorFlow, fit one epoch on 2,000 samples (batch 32), predict 200 samples,
 * and then close the model ({@code --close}) or drop it ({@code --forget}), printing the process's resident set
 * size (VmRSS of {@code /proc/self/status}) every {@code --every} iterations as a Markdown table row. Run each
 * mode in a JVM of its own:
 *
 * <pre>mvn -q -pl bench exec:exec -Dbench.main=dev.layerwise.bench.NativeMemorySoak \
 *     -Dbench.args="--iterations 1000 --every 100 --close"</pre>
 *
 * <p>A forgotten model's graph and session are freed only when the garbage collector finds the model (the
 * {@code LeakNet}, one warning each); the GC count column shows how often that chance came.
 */
public final class NativeMemorySoak {
  private NativeMemorySoak() {}

  public static void main(String[] args) {
    int iterations = 1000;
    int every = 100;
    Boolean close = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--iterations" -> iterations = Integer.parseInt(args[++i]);
        case "--every" -> every = Integer.parseInt(args[++i]);
        case "--close" -> close = true;
        case "--forget" -> close = false;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; expected --iterations N, --every K and one of --close, --forget");
      }
    }
    if (close == null) {
      throw new IllegalArgumentException("say --close or --forget");
    }
    Dataset train = data(2000, 1);
    Dataset probe = data(200, 2);
    System.out.printf(Locale.ROOT, "%d × (build, compile on TF, fit 1 epoch on %d samples, predict %d) %s;"
        + " max heap %d MB%n%n", iterations, train.size(), probe.size(), close ? "then close()" : "never closed",
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.println("| iteration | RSS MB | Java heap used MB | GCs so far | s since start |");
    System.out.println("|---:|---:|---:|---:|---:|");
    long start = System.nanoTime();
    row(0, start);
    for (int i = 1; i <= iterations; i++) {
      CompiledModel m = Sequential.of(Input.shape(784), Dense.units(128).withActivation(ActivationFn.RELU),
              Dense.units(10)).withSeed(i)
          .compile(Backend.named("tensorflow"), Optimizer.adam(1e-3),
              Loss.sparseCategoricalCrossentropy().withFromLogits(true));
      m.fit(train, FitOptions.builder().epochs(1).batchSize(32).quiet().build());
      m.predict(probe);
      if (close) {
        m.close();
      }
      if (i % every == 0) {
        row(i, start);
      }
    }
  }

  private static void row(int iteration, long start) {
    Runtime rt = Runtime.getRuntime();
    long gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %.0f |%n", iteration, rssMegabytes(),
        (rt.totalMemory() - rt.freeMemory()) >> 20, gcs, (System.nanoTime() - start) / 1e9);
  }

  /** VmRSS from /proc/self/status (Linux), in MB. */
  private static long rssMegabytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
        }
      }
      throw new IllegalStateException("no VmRSS line in /proc/self/status");
    } catch (IOException e) {
      throw new UncheckedIOException("reading /proc/self/status (the soak needs Linux)", e);
    }
  }

  private static Dataset data(int n, long seed) {
    SeededRandom r = new SeededRandom(seed);
    float[] x = new float[n * 784];
    int[] labels = new int[n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(10);
    }
    return Dataset.withClassLabels(x, Shape.of(784), labels);
  }
}
