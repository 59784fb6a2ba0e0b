package dev.layerwise.bench;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Throughput of {@code predict} on one shared model: what the concurrency contract buys over serialising. Per
 * batch size, three ways in one JVM, each for a fixed time after a warm-up, in alternating order over rounds:
 *
 * <ul>
 *   <li><b>1 thread</b>: the baseline;
 *   <li><b>N threads, mutex</b>: every predict inside one {@code synchronized} block, i.e. what a plain lock in
 *       the model would give;
 *   <li><b>N threads, concurrent</b>: the library as it is (a shared read lock, feed tensors lent per run).
 * </ul>
 *
 * <pre>mvn -q -pl bench exec:exec -Dbench.main=dev.layerwise.bench.ConcurrentPredict \
 *     -Dbench.args="--threads 8 --batch-sizes 1,32,256 --seconds 3 --rounds 3"</pre>
 *
 * <p>{@code --backend reference} measures the pure-Java backend instead. The model is the Fashion-MNIST MLP
 * (784 → 128 ReLU → 10); inputs are random.
 */
public final class ConcurrentPredict {
  private ConcurrentPredict() {}

  public static void main(String[] args) throws InterruptedException {
    int threads = 8;
    int[] batchSizes = {1, 32, 256};
    double seconds = 3;
    int rounds = 3;
    String backend = "tensorflow";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--batch-sizes" -> batchSizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--seconds" -> seconds = Double.parseDouble(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--backend" -> backend = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; expected --threads N,"
            + " --batch-sizes a,b, --seconds S, --rounds R or --backend NAME");
      }
    }
    System.out.printf(Locale.ROOT, "predict on one %s model (MLP 784-128-10), %d cores, %d threads, %.0f s per"
        + " measurement, median of %d rounds%n%n", backend, Runtime.getRuntime().availableProcessors(), threads,
        seconds, rounds);
    System.out.println("| batch | 1 thread, samples/s | " + threads + " threads, mutex | " + threads
        + " threads, concurrent | concurrent / mutex |");
    System.out.println("|---:|---:|---:|---:|---:|");
    try (CompiledModel model = Sequential.of(Input.shape(784), Dense.units(128).withActivation(ActivationFn.RELU),
            Dense.units(10)).withSeed(1)
        .compile(Backend.named(backend), Optimizer.adam(1e-3), Loss.sparseCategoricalCrossentropy()
            .withFromLogits(true))) {
      for (int batch : batchSizes) {
        Dataset x = Dataset.featuresOnly(random(batch * 784), Shape.of(784));
        measure(model, x, batch, 1, false, 0.5); // warm-up
        List<Double> one = new ArrayList<>();
        List<Double> mutex = new ArrayList<>();
        List<Double> concurrent = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          boolean mutexFirst = r % 2 == 0;
          one.add(measure(model, x, batch, 1, false, seconds));
          (mutexFirst ? mutex : concurrent).add(measure(model, x, batch, threads, mutexFirst, seconds));
          (mutexFirst ? concurrent : mutex).add(measure(model, x, batch, threads, !mutexFirst, seconds));
        }
        System.out.printf(Locale.ROOT, "| %d | %,.0f | %,.0f | %,.0f | %.2f× |%n", batch, Stats.median(one),
            Stats.median(mutex), Stats.median(concurrent), Stats.median(concurrent) / Stats.median(mutex));
      }
    }
  }

  /** Samples predicted per second by {@code threads} threads calling predict for {@code seconds}. */
  private static double measure(CompiledModel model, Dataset x, int batch, int threads, boolean mutex,
      double seconds) throws InterruptedException {
    LongAdder calls = new LongAdder();
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean stop = new AtomicBoolean();
    Object lock = new Object();
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        while (!stop.get()) {
          if (mutex) {
            synchronized (lock) {
              model.predict(x, batch);
            }
          } else {
            model.predict(x, batch);
          }
          calls.increment();
        }
      });
      all.add(thread);
      thread.start();
    }
    long begin = System.nanoTime();
    start.countDown();
    Thread.sleep((long) (seconds * 1000));
    stop.set(true);
    for (Thread t : all) {
      t.join();
    }
    return calls.sum() * (double) batch / ((System.nanoTime() - begin) / 1e9);
  }

  private static float[] random(int n) {
    SeededRandom r = new SeededRandom(7);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }
}
