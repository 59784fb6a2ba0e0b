package dev.layerwise.bench;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What the TF backend's step guard costs per training step of the Fashion-MNIST MLP (784 → 128 ReLU → 10, Adam):
 * {@code fit()}, whose every step is guarded (checks before writing, copies of what the optimizer overwrites, checks
 * of the updated values), against {@link RawTfMlp}, the same model with no guard, and against {@code RawTfMlp} with
 * only a loss-and-gradients check (the cheaper alternative). Short epochs on a slice of the training set, the three
 * contenders rotating which goes first each round; per step, the median round and the fastest (on a shared machine
 * the fastest round is the one least disturbed). Run it on a build without the guard too to see what {@code fit()}
 * costs over the raw loop on its own.
 *
 * <pre>mvn -q -pl bench exec:exec -Dbench.main=dev.layerwise.bench.StepGuardCost -Dbench.args="--rounds 15"</pre>
 */
public final class StepGuardCost {
  private StepGuardCost() {}

  /** One line of the table, per-step seconds in, µs out. */
  private static void row(int batch, String which, double raw, double checked, double fit) {
    double r = raw * 1e6;
    double c = checked * 1e6;
    double f = fit * 1e6;
    System.out.printf(Locale.ROOT, "| %d | %s | %.0f | %.0f | %.0f | %+.0f (%+.0f%%) | %+.0f (%+.0f%%) |%n", batch,
        which, r, c, f, c - r, 100 * (c - r) / r, f - r, 100 * (f - r) / r);
  }

  public static void main(String[] args) {
    int rounds = 15;
    int samples = 12800;
    int[] batchSizes = {32, 128};
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--samples" -> samples = Integer.parseInt(args[++i]);
        case "--batch-sizes" -> batchSizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; expected --rounds N, --samples N or --batch-sizes a,b");
      }
    }
    Dataset train = FashionMnist.load().train().withFeatureShape(Shape.of(784)).take(samples);
    int threads = Integer.getInteger("layerwise.tf.threads",
        Runtime.getRuntime().availableProcessors() <= 2 ? 1 : Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "Fashion-MNIST MLP 784-128-10, Adam, epochs of %d samples, %d cores, TF threads %d,"
        + " %d rounds; µs per step, the median and the fastest round%n%n", train.size(),
        Runtime.getRuntime().availableProcessors(), threads, rounds);
    System.out.println("| batch | of the rounds | raw TF loop | raw + loss/gradient check | fit() | check"
        + " | fit − raw |");
    System.out.println("|---:|---|---:|---:|---:|---:|---:|");
    for (int batch : batchSizes) {
      List<Double> raw = new ArrayList<>();
      List<Double> checked = new ArrayList<>();
      List<Double> fit = new ArrayList<>();
      long steps = (train.size() + batch - 1) / batch;
      try (RawTfMlp plain = new RawTfMlp(1, threads); RawTfMlp check = new RawTfMlp(1, threads, true);
          CompiledModel model = FitVsRawTf.mlp().compile(Backend.named("tensorflow"), Optimizer.adam(1e-3),
              Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
        FitOptions options = FitOptions.builder().epochs(1).batchSize(batch).quiet().build();
        List<Runnable> contenders = List.of(
            () -> raw.add(FitVsRawTf.time(() -> plain.epoch(train, batch, 0, 1)) / steps),
            () -> checked.add(FitVsRawTf.time(() -> check.epoch(train, batch, 0, 1)) / steps),
            () -> fit.add(FitVsRawTf.time(() -> model.fit(train, options)) / steps));
        contenders.forEach(Runnable::run); // warm-up
        raw.clear();
        checked.clear();
        fit.clear();
        for (int r = 0; r < rounds; r++) {
          for (int k = 0; k < contenders.size(); k++) {
            contenders.get((r + k) % contenders.size()).run();
          }
        }
      }
      row(batch, "median", Stats.median(raw), Stats.median(checked), Stats.median(fit));
      row(batch, "fastest", Collections.min(raw), Collections.min(checked), Collections.min(fit));
    }
  }
}
