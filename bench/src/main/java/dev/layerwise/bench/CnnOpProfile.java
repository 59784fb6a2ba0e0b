package dev.layerwise.bench;

import dev.layerwise.data.Dataset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a training step of the raw TF CNN ({@link RawTfCnn}, one thread) spends its time, by op type, from TF's
 * step trace: what stands between the best hand-written loop and the FLOP floor, and where {@code fit()}'s graph
 * should look the same. Arguments: batch, runs, {@code fused|composed}, {@code pool|poolv2} (see {@link RawTfCnn}).
 *
 * <pre>mvn -B -q -pl bench exec:exec -Dbench.main=dev.layerwise.bench.CnnOpProfile -Dbench.args="32 40 fused"</pre>
 */
public final class CnnOpProfile {
  private CnnOpProfile() {}

  public static void main(String[] args) {
    int batch = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    boolean fused = args.length <= 2 || args[2].equals("fused");
    boolean poolV1 = args.length <= 3 || args[3].equals("pool");
    Dataset train = BenchModel.CNN.trainingSet(batch * 4);
    try (RawTfCnn cnn = new RawTfCnn(train, 1, 1, 1, fused, poolV1)) {
      cnn.profile(batch, 5);                                      // warm-up
      Map<String, Long> micros = cnn.profile(batch, runs);
      double total = micros.values().stream().mapToLong(Long::longValue).sum();
      System.out.printf(Locale.ROOT, "raw TF CNN, batch %d, %s, 1 thread: %.2f ms/step traced (%d steps)%n%n",
          batch, (fused ? "fused BN" : "composed BN") + (poolV1 ? ", MaxPool" : ", MaxPoolV2"), total / runs / 1e3, runs);
      System.out.println("| op type | ms/step | share |");
      System.out.println("|---|---:|---:|");
      List<Map.Entry<String, Long>> rows = micros.entrySet().stream()
          .sorted(Comparator.comparingLong(e -> -e.getValue())).toList();
      for (Map.Entry<String, Long> e : rows) {
        if (e.getValue() / total >= 0.005) {
          System.out.printf(Locale.ROOT, "| %s | %.3f | %.1f%% |%n", e.getKey(), e.getValue() / (runs * 1e3),
              100 * e.getValue() / total);
        }
      }
    }
  }
}
