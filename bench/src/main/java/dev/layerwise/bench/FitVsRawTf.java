package dev.layerwise.bench;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Sequential;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Seconds per Fashion-MNIST epoch of {@code CompiledModel.fit} against {@link RawTfMlp}, the same MLP written
 * against TF Java by hand, measured side by side in one process: after a warm-up epoch each, rounds alternate
 * which contender runs first, and the report gives medians and the ratio. The machine is noisy; only ratios
 * from one run are meaningful.
 *
 * <pre>mvn -q -pl bench exec:exec -Dbench.args="--rounds 5 --batch-sizes 32,128"</pre>
 *
 * <p>Add {@code --reference} to time the reference backend's {@code fit} too (slow; one round).
 */
public final class FitVsRawTf {
  private FitVsRawTf() {}

  public static void main(String[] args) {
    int rounds = 5;
    int[] batchSizes = {32, 128};
    boolean reference = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--batch-sizes" -> batchSizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--reference" -> reference = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; expected --rounds N, --batch-sizes a,b or --reference");
      }
    }
    Dataset train = FashionMnist.load().train().withFeatureShape(dev.layerwise.Shape.of(784));
    int threads = Integer.getInteger("layerwise.tf.threads",
        Runtime.getRuntime().availableProcessors() <= 2 ? 1 : Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "Fashion-MNIST MLP 784-128-10, Adam, %d samples/epoch, %d cores, TF threads %d,"
        + " %d rounds%n%n", train.size(), Runtime.getRuntime().availableProcessors(), threads, rounds);
    System.out.println("| batch | raw TF loop s/epoch (median) | fit() s/epoch (median) | fit / raw | raw runs | fit runs |");
    System.out.println("|---:|---:|---:|---:|---|---|");
    for (int batch : batchSizes) {
      List<Double> raw = new ArrayList<>();
      List<Double> fit = new ArrayList<>();
      try (RawTfMlp baseline = new RawTfMlp(1, threads);
          CompiledModel model = mlp().compile(Backend.named("tensorflow"), Optimizer.adam(1e-3),
              Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
        FitOptions options = FitOptions.builder().epochs(1).batchSize(batch).quiet().build();
        long steps = (train.size() + batch - 1) / batch;
        baseline.epoch(train, batch, 0, 1); // warm-up
        model.fit(train, options);
        for (int r = 0; r < rounds; r++) {
          long first = (r + 1) * steps + 1;
          if (r % 2 == 0) {
            raw.add(time(() -> baseline.epoch(train, batch, first, first)));
            fit.add(time(() -> model.fit(train, options)));
          } else {
            fit.add(time(() -> model.fit(train, options)));
            raw.add(time(() -> baseline.epoch(train, batch, first, first)));
          }
        }
      }
      double mr = Stats.median(raw);
      double mf = Stats.median(fit);
      System.out.printf(Locale.ROOT, "| %d | %.3f | %.3f | %.2f× | %s | %s |%n", batch, mr, mf, mf / mr, fmt(raw),
          fmt(fit));
    }
    if (reference) {
      for (int batch : batchSizes) {
        try (CompiledModel model = mlp().compile(Backend.named("reference"), Optimizer.adam(1e-3),
            Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
          double s = time(() -> model.fit(train, FitOptions.builder().epochs(1).batchSize(batch).quiet().build()));
          System.out.printf(Locale.ROOT, "reference backend fit(), batch %d: %.1f s/epoch%n", batch, s);
        }
      }
    }
  }

  static Sequential mlp() {
    return Sequential.of(Input.shape(784), Dense.units(128).withActivation(ActivationFn.RELU), Dense.units(10))
        .withSeed(1);
  }

  static double time(Runnable r) {
    long t = System.nanoTime();
    r.run();
    return (System.nanoTime() - t) / 1e9;
  }

  private static String fmt(List<Double> v) {
    return v.stream().map(d -> String.format(Locale.ROOT, "%.2f", d)).toList().toString();
  }
}
