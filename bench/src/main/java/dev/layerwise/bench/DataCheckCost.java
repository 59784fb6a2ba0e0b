package dev.layerwise.bench;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.internal.DataChecks;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the data checks {@code fit}, {@code evaluate} and {@code predict} run before any native call (every feature
 * finite, every label a valid class) cost on Fashion-MNIST's 60,000 × 784 training set, next to what they guard: one
 * epoch of {@code fit} and one {@code predict} over the same data, on the TF backend, in one process. Medians of
 * several runs after a warm-up; each check runs on a fresh copy, as a dataset keeps a scan that found every feature
 * finite and is not scanned again.
 *
 * <pre>mvn -q -pl bench exec:exec -Dbench.main=dev.layerwise.bench.DataCheckCost</pre>
 */
public final class DataCheckCost {
  private static final int CHECK_RUNS = 15;
  private static final int MODEL_RUNS = 3;

  private DataCheckCost() {}

  public static void main(String[] args) {
    Dataset pristine = FashionMnist.load().train().withFeatureShape(Shape.of(784)); // never scanned: copied per run
    Dataset train = pristine.slice(0, pristine.size());
    Sequential mlp = Sequential.of(Input.shape(784), Dense.units(128).withActivation(ActivationFn.RELU),
        Dense.units(10)).withSeed(1);
    Loss loss = Loss.sparseCategoricalCrossentropy().withFromLogits(true);
    try (CompiledModel model = mlp.compile(Backend.named("tensorflow"), Optimizer.adam(1e-3), loss)) {
      FitOptions epoch = FitOptions.builder().epochs(1).batchSize(32).quiet().build();
      model.fit(train, epoch); // warm-up, checks included
      List<Double> check = new ArrayList<>();
      for (int i = 0; i < CHECK_RUNS; i++) {
        Dataset fresh = pristine.slice(0, pristine.size()); // a dataset keeps a scan that found nothing
        System.gc(); // the last copy's 188 MB are garbage: collect them outside the timing
        check.add(FitVsRawTf.time(() -> DataChecks.labelled(model.spec(), model.config(), fresh, "fit")));
      }
      List<Double> fit = new ArrayList<>();
      List<Double> predict = new ArrayList<>();
      for (int i = 0; i < MODEL_RUNS; i++) {
        fit.add(FitVsRawTf.time(() -> model.fit(train, epoch)));
        predict.add(FitVsRawTf.time(() -> model.predict(train, 256)));
      }
      double c = Stats.median(check);
      double f = Stats.median(fit);
      double p = Stats.median(predict);
      System.out.printf(Locale.ROOT, "Fashion-MNIST train, %d × %d features, %d cores%n%n", train.size(),
          train.featureShape().size(), Runtime.getRuntime().availableProcessors());
      System.out.println("| data checks ms (median) | fit epoch, batch 32, s | checks / epoch | predict, batch 256, s"
          + " | checks / predict |");
      System.out.println("|---:|---:|---:|---:|---:|");
      System.out.printf(Locale.ROOT, "| %.1f | %.2f | %.1f%% | %.2f | %.1f%% |%n", c * 1e3, f, 100 * c / f, p,
          100 * c / p);
    }
  }
}
