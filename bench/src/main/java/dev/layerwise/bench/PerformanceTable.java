package dev.layerwise.bench;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.data.Dataset;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table of docs/performance.md: every contender for one model, interleaved in one JVM. Per batch size: build
 * every contender, one warm-up epoch each, then N rounds in which the order of the contenders rotates (round r
 * starts at contender r mod c, and odd rounds run backwards), and the median of each contender's rounds. The
 * Markdown table gives s/epoch (scaled to 60,000 samples when timing a subset) and the ratio to the fastest best
 * raw TF loop, plus the FLOP floor: 6 × forward MACs × samples at the rate of a large single-thread TF MatMul
 * measured in the same run.
 *
 * <pre>
 * mvn -B -q -pl bench exec:exec -Dbench.main=dev.layerwise.bench.PerformanceTable \
 *     -Dbench.args="--model mlp --rounds 5 --batch-sizes 32,128"
 * mvn -B -q -pl bench exec:exec -Dbench.main=dev.layerwise.bench.PerformanceTable \
 *     -Dbench.args="--model cnn --rounds 3 --samples 6000 --batch-sizes 32,128 --k 1,4"
 * </pre>
 *
 * <p>Options: {@code --model mlp|cnn}, {@code --rounds N}, {@code --batch-sizes a,b}, {@code --samples N} (time the
 * first N training samples, report per 60,000), {@code --k a,b} (steps per {@code Session.run} of the best raw
 * loops; default 64 for the MLP), {@code --bn composed,fused} and {@code --pool v1,v2} (the CNN's raw variants:
 * batch norm from primitives or {@code FusedBatchNormV3}, {@code MaxPool} or {@code MaxPoolV2}; with any of
 * {@code --k}, {@code --bn}, {@code --pool} the CNN runs their cross product, else K=1 and 4 fused/MaxPool,
 * composed/MaxPool and fused/MaxPoolV2), {@code --fit-steps K} ({@code fit()}'s steps per call, {@link
 * dev.layerwise.FitOptions#stepsPerExecution()}; default its AUTO), {@code --threads N} (TF intra- and inter-op threads; default 1 on ≤ 2 cores), {@code --only
 * a,b} (contenders whose name contains one of these), {@code --reference} (also {@code fit()} on the reference
 * backend: slow, use few rounds). {@code bench-djl}'s driver adds the DJL contenders to the
 * same interleaved run.
 */
public final class PerformanceTable {
  private PerformanceTable() {}

  /** The run's settings, as parsed from the command line. */
  public record Settings(BenchModel model, int rounds, int[] batchSizes, int samples, int[] ks, List<String> bn,
      List<String> pool, boolean crossVariants, int fitSteps, int threads, List<String> only, boolean reference) {

    /** The number of samples an epoch's time is reported for. */
    static final int FULL_EPOCH = 60_000;

    public static Settings parse(String[] args) {
      BenchModel model = BenchModel.MLP;
      int rounds = 5;
      int[] batchSizes = {32, 128};
      int samples = 0;
      int[] ks = null;
      List<String> bn = List.of("composed", "fused");
      List<String> pool = List.of("v1");
      boolean cross = false;
      int fitSteps = FitOptions.AUTO;
      int cores = Runtime.getRuntime().availableProcessors();
      int threads = Integer.getInteger("layerwise.tf.threads", cores <= 2 ? 1 : cores);
      List<String> only = List.of();
      boolean reference = false;
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--reference")) {
          reference = true;
          continue;
        }
        String value = i + 1 < args.length ? args[i + 1] : null;
        if (value == null) {
          throw new IllegalArgumentException("argument '" + args[i] + "' needs a value");
        }
        switch (args[i]) {
          case "--model" -> model = BenchModel.valueOf(value.toUpperCase(Locale.ROOT));
          case "--rounds" -> rounds = Integer.parseInt(value);
          case "--batch-sizes" -> batchSizes = ints(value);
          case "--samples" -> samples = Integer.parseInt(value);
          case "--k" -> ks = ints(value);
          case "--bn" -> {
            bn = List.of(value.split(","));
            cross = true;
          }
          case "--pool" -> {
            pool = List.of(value.split(","));
            cross = true;
          }
          case "--fit-steps" -> fitSteps = Integer.parseInt(value);
          case "--threads" -> threads = Integer.parseInt(value);
          case "--only" -> only = List.of(value.split(","));
          default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; expected --model,"
              + " --rounds, --batch-sizes, --samples, --k, --bn, --pool, --fit-steps, --threads, --only or --reference");
        }
        i++;
      }
      if (ks == null) {
        ks = model == BenchModel.MLP ? new int[] {RawTfMlpBest.DEFAULT_STEPS} : new int[] {1, 4};
      } else {
        cross = true;
      }
      return new Settings(model, rounds, batchSizes, samples, ks, bn, pool, cross, fitSteps, threads, only,
          reference);
    }

    private static int[] ints(String csv) {
      return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }
  }

  /** Makes contenders for one batch size; {@code bench-djl} passes one for DJL. */
  public interface ContenderSource {
    List<Contender> create(Settings s, Dataset train, int batch);
  }

  public static void main(String[] args) {
    run(Settings.parse(args), List.of(PerformanceTable::tfContenders));
  }

  /** The TF Java contenders: the raw loops and {@code fit()}. */
  public static List<Contender> tfContenders(Settings s, Dataset train, int batch) {
    List<Contender> c = new ArrayList<>();
    int steps = (train.size() + batch - 1) / batch;
    if (s.model() == BenchModel.MLP) {
      RawTfMlp naive = new RawTfMlp(1, s.threads());
      c.add(contender("raw TF Java, one Session.run per step (naive)", false,
          e -> naive.epoch(train, batch, e, (long) e * steps + 1), naive::close));
      for (int k : s.ks()) {
        RawTfMlpBest best = new RawTfMlpBest(train, 1, s.threads(), k);
        c.add(contender("raw TF Java, K=" + k + " steps per Session.run, resident data (best)", true,
            e -> best.epoch(batch, e, (long) e * steps + 1), best::close));
        if (s.only().contains("composed")) {
          RawTfMlpBest composed = new RawTfMlpBest(train, 1, s.threads(), k, true);
          c.add(contender("raw TF Java, K=" + k + ", resident data, composed loss", false,
              e -> composed.epoch(batch, e, (long) e * steps + 1), composed::close));
        }
      }
    } else if (s.crossVariants()) {
      for (String bn : s.bn()) {
        for (String pool : s.pool()) {
          for (int k : s.ks()) {
            c.add(rawCnn(s, train, batch, k, bn.equals("fused"), pool.equals("v1")));
          }
        }
      }
    } else {
      // The default set: K = 1 against 4, fused against composed batch norm, MaxPool against MaxPoolV2.
      c.add(rawCnn(s, train, batch, 1, true, true));
      c.add(rawCnn(s, train, batch, 4, true, true));
      c.add(rawCnn(s, train, batch, 1, false, true));
      c.add(rawCnn(s, train, batch, 1, true, false));
    }
    CompiledModel model = s.model().layerwise(1).compile(Backend.named("tensorflow"), Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true));
    FitOptions options = fitOptions(s, batch);
    c.add(contender(s.fitSteps() == FitOptions.AUTO ? "Layerwise fit()" : "Layerwise fit(), K=" + s.fitSteps(), false,
        e -> {
          model.fit(train, options);
          return Double.NaN;
        }, model::close));
    if (s.reference()) {
      CompiledModel ref = s.model().layerwise(1).compile(Backend.named("reference"), Optimizer.adam(1e-3),
          Loss.sparseCategoricalCrossentropy().withFromLogits(true));
      c.add(contender("Layerwise fit(), reference backend (float64, pure Java)", false, e -> {
        ref.fit(train, options);
        return Double.NaN;
      }, ref::close));
    }
    return c;
  }

  private static Contender rawCnn(Settings s, Dataset train, int batch, int k, boolean fused, boolean poolV1) {
    int steps = (train.size() + batch - 1) / batch;
    RawTfCnn raw = new RawTfCnn(train, 1, s.threads(), k, fused, poolV1);
    return contender("raw TF Java, K=" + k + ", resident data, " + (fused ? "fused" : "composed") + " BN, "
        + (poolV1 ? "MaxPool" : "MaxPoolV2") + " (best)", true, e -> raw.epoch(batch, e, (long) e * steps + 1),
        raw::close);
  }

  /** The options of the timed {@code fit()}: one epoch, quiet, {@code --fit-steps} steps per call (default AUTO). */
  static FitOptions fitOptions(Settings s, int batch) {
    return FitOptions.builder().epochs(1).batchSize(batch).quiet().stepsPerExecution(s.fitSteps()).build();
  }

  /** A contender from lambdas. */
  public static Contender contender(String name, boolean baseline, java.util.function.IntToDoubleFunction epoch,
      Runnable close) {
    return new Contender() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean baseline() {
        return baseline;
      }

      @Override
      public double epoch(int e) {
        return epoch.applyAsDouble(e);
      }

      @Override
      public void close() {
        close.run();
      }
    };
  }

  /** Runs every contender of every source, interleaved, and prints the Markdown table. */
  public static void run(Settings s, List<ContenderSource> sources) {
    // fit() takes its threads from the backend's property: the same count as the raw loops.
    System.setProperty(dev.layerwise.tf.TfThreads.THREADS, Integer.toString(s.threads()));
    Dataset train = s.model().trainingSet(s.samples());
    double scale = (double) Settings.FULL_EPOCH / train.size();
    double rate = MatMulRate.measure(s.threads());
    double floor = s.model().trainingFlopsPerSample() * Settings.FULL_EPOCH / rate;
    System.out.printf(Locale.ROOT, "Fashion-MNIST %s, Adam 1e-3, %d samples timed per epoch%s, %d cores, TF threads"
            + " %d, %d rounds, %s%n", s.model(), train.size(),
        scale == 1 ? "" : String.format(Locale.ROOT, " (times scaled ×%.1f to 60,000)", scale),
        Runtime.getRuntime().availableProcessors(), s.threads(), s.rounds(), loadAverage());
    System.out.printf(Locale.ROOT, "training FLOPs: 6 × %,d MACs × 60,000 = %.1f GFLOP/epoch; MatMul rate %.0f"
        + " GFLOP/s (%d thread(s)) → floor %.3f s/epoch%n%n", s.model().forwardMacs,
        s.model().trainingFlopsPerSample() * Settings.FULL_EPOCH / 1e9, rate / 1e9, s.threads(), floor);
    Map<String, Map<Integer, List<Double>>> times = new LinkedHashMap<>();
    Map<String, Boolean> baseline = new LinkedHashMap<>();
    for (int batch : s.batchSizes()) {
      List<Contender> cs = new ArrayList<>();
      try {
        for (ContenderSource source : sources) {
          for (Contender c : source.create(s, train, batch)) {
            if (s.only().isEmpty() || s.only().stream().anyMatch(c.name()::contains)) {
              cs.add(c);
            } else {
              c.close();
            }
          }
        }
        for (Contender c : cs) {
          double t = time(c, 0);
          System.err.printf(Locale.ROOT, "batch %d warm-up %-70s %.3f s%n", batch, c.name(), t * scale);
          baseline.put(c.name(), c.baseline());
          times.computeIfAbsent(c.name(), k -> new TreeMap<>()).put(batch, new ArrayList<>());
        }
        for (int r = 0; r < s.rounds(); r++) {
          for (int i = 0; i < cs.size(); i++) {
            int j = (r + (r % 2 == 0 ? i : cs.size() - 1 - i)) % cs.size();
            Contender c = cs.get(j);
            double t = time(c, r + 1) * scale;
            times.get(c.name()).get(batch).add(t);
            System.err.printf(Locale.ROOT, "batch %d round %d %-70s %.3f s%n", batch, r + 1, c.name(), t);
          }
        }
      } finally {
        cs.forEach(Contender::close);
      }
    }
    System.out.print(table(s, times, baseline, floor));
  }

  /** Seconds of one epoch; its loss goes to stderr beside the progress lines. */
  private static double time(Contender c, int epoch) {
    long t = System.nanoTime();
    double loss = c.epoch(epoch);
    double seconds = (System.nanoTime() - t) / 1e9;
    if (!Double.isNaN(loss)) {
      System.err.printf(Locale.ROOT, "  (loss %.7f)%n", loss);
    }
    return seconds;
  }

  /** Rows: contenders, then the FLOP floor; per batch size the median s/epoch and its ratio to the best raw loop. */
  static String table(Settings s, Map<String, Map<Integer, List<Double>>> times, Map<String, Boolean> baseline,
      double floor) {
    StringBuilder b = new StringBuilder("| contender |");
    StringBuilder rule = new StringBuilder("|---|");
    for (int batch : s.batchSizes()) {
      b.append(" batch ").append(batch).append(" s/epoch | ×best raw |");
      rule.append("---:|---:|");
    }
    b.append(" runs |\n").append(rule).append("---|\n");
    Map<Integer, Double> best = new TreeMap<>();
    for (int batch : s.batchSizes()) {
      best.put(batch, times.entrySet().stream().filter(e -> baseline.get(e.getKey()))
          .filter(e -> e.getValue().containsKey(batch))
          .mapToDouble(e -> Stats.median(e.getValue().get(batch))).min().orElse(Double.NaN));
    }
    for (Map.Entry<String, Map<Integer, List<Double>>> e : times.entrySet()) {
      b.append("| ").append(e.getKey()).append(" |");
      StringBuilder runs = new StringBuilder();
      for (int batch : s.batchSizes()) {
        List<Double> t = e.getValue().get(batch);
        if (t == null) {
          b.append(" – | – |");
          continue;
        }
        double m = Stats.median(t);
        b.append(String.format(Locale.ROOT, " %.3f | %.2f× |", m, m / best.get(batch)));
        runs.append(runs.length() == 0 ? "" : " ").append(t.stream()
            .map(d -> String.format(Locale.ROOT, "%.2f", d)).toList());
      }
      b.append(' ').append(runs).append(" |\n");
    }
    b.append(String.format(Locale.ROOT, "| FLOP floor (6 × %,d MACs × 60,000 at the MatMul rate) |",
        s.model().forwardMacs));
    for (int batch : s.batchSizes()) {
      b.append(String.format(Locale.ROOT, " %.3f | %.2f× |", floor, floor / best.get(batch)));
    }
    return b.append(" |\n").toString();
  }

  private static String loadAverage() {
    double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return String.format(Locale.ROOT, "load average %.2f at start", load);
  }
}
