package dev.layerwise.bench;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Seconds per Fashion-MNIST MLP epoch of {@code fit()} at several {@link FitOptions#stepsPerExecution()} values, side
 * by side in one process (rounds alternate the order): where the per-call cost goes and where more steps per call
 * stop paying.
 *
 * <pre>mvn -q -pl bench exec:exec -Dbench.main=dev.layerwise.bench.StepsPerExecutionSweep -Dbench.args="--rounds 3"</pre>
 */
public final class StepsPerExecutionSweep {
  private StepsPerExecutionSweep() {}

  public static void main(String[] args) {
    int rounds = 3;
    int[] ks = {1, 4, 16, 64};
    int[] batchSizes = {32, 128};
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--steps" -> ks = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--batch-sizes" -> batchSizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; expected --rounds N, --steps 1,4,16,64 or --batch-sizes 32,128");
      }
    }
    Dataset train = FashionMnist.load().train().withFeatureShape(dev.layerwise.Shape.of(784));
    System.out.println("| batch | steps per call | fit() s/epoch (median) | runs |");
    System.out.println("|---:|---:|---:|---|");
    for (int batch : batchSizes) {
      List<List<Double>> times = new ArrayList<>();
      List<CompiledModel> models = new ArrayList<>();
      try {
        for (int k : ks) {
          CompiledModel m = FitVsRawTf.mlp().compile(Backend.named("tensorflow"), Optimizer.adam(1e-3),
              Loss.sparseCategoricalCrossentropy().withFromLogits(true));
          models.add(m);
          m.fit(train, options(batch, k)); // warm-up: builds the K-step graph and uploads the data
          times.add(new ArrayList<>());
        }
        for (int r = 0; r < rounds; r++) {
          for (int j = 0; j < ks.length; j++) {
            int at = r % 2 == 0 ? j : ks.length - 1 - j;
            CompiledModel m = models.get(at);
            FitOptions o = options(batch, ks[at]);
            times.get(at).add(FitVsRawTf.time(() -> m.fit(train, o)));
          }
        }
      } finally {
        models.forEach(CompiledModel::close);
      }
      for (int j = 0; j < ks.length; j++) {
        System.out.printf(Locale.ROOT, "| %d | %d | %.3f | %s |%n", batch, ks[j], Stats.median(times.get(j)),
            times.get(j).stream().map(d -> String.format(Locale.ROOT, "%.2f", d)).toList());
      }
    }
  }

  private static FitOptions options(int batch, int k) {
    return FitOptions.builder().epochs(1).batchSize(batch).quiet().stepsPerExecution(k).build();
  }
}
