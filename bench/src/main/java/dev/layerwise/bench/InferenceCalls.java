package dev.layerwise.bench;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.internal.Batches;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What joining batches into one call gives prediction of the Fashion-MNIST test set (10,000 samples) on the MLP:
 * {@code predict} at batch 32 (the loop joins 32 batches a call on the TF backend) against the same 313 batches of
 * 32 sent to the backend one call each, as before, side by side, rounds alternating; and {@code evaluate} (batches
 * as given) for scale.
 *
 * <pre>mvn -q -pl bench exec:exec -Dbench.main=dev.layerwise.bench.InferenceCalls -Dbench.args="--rounds 5"</pre>
 */
public final class InferenceCalls {
  private InferenceCalls() {}

  public static void main(String[] args) {
    int rounds = args.length == 2 && args[0].equals("--rounds") ? Integer.parseInt(args[1]) : 5;
    FashionMnist.Splits fm = FashionMnist.load();
    Dataset train = fm.train().withFeatureShape(dev.layerwise.Shape.of(784));
    Dataset test = fm.test().withFeatureShape(dev.layerwise.Shape.of(784));
    try (CompiledModel m = FitVsRawTf.mlp().compile(Backend.named("tensorflow"), Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      m.fit(train, FitOptions.builder().epochs(1).batchSize(128).quiet().build());
      List<Double> joined = new ArrayList<>();
      List<Double> single = new ArrayList<>();
      List<Double> evaluate = new ArrayList<>();
      Runnable perBatch = () -> {
        Batches batches = Batches.sequential(test, 32);
        for (int k = 0; k < batches.count(); k++) {
          m.backendModel().predictOutputs(batches.get(k));
        }
      };
      m.predict(test, 32);
      perBatch.run();
      for (int r = 0; r < rounds; r++) {
        if (r % 2 == 0) {
          joined.add(FitVsRawTf.time(() -> m.predict(test, 32)));
          single.add(FitVsRawTf.time(perBatch));
        } else {
          single.add(FitVsRawTf.time(perBatch));
          joined.add(FitVsRawTf.time(() -> m.predict(test, 32)));
        }
        evaluate.add(FitVsRawTf.time(() -> m.evaluate(test, 32)));
      }
      System.out.println("| 10,000 test samples, batch 32 | s (median) | runs |");
      System.out.println("|---|---:|---|");
      row("predict, 313 calls of 32 rows (before)", single);
      row("predict, joined: 10 calls of up to 1,024 rows", joined);
      row("evaluate, 313 calls of 32 rows (batches as given)", evaluate);
    }
  }

  private static void row(String name, List<Double> times) {
    System.out.printf(Locale.ROOT, "| %s | %.4f | %s |%n", name, Stats.median(times),
        times.stream().map(d -> String.format(Locale.ROOT, "%.4f", d)).toList());
  }
}
