package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Evaluation;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.schedules.LearningRateSchedule;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains the Fashion-MNIST MLP of {@link FashionMnistMlp} (Flatten → Dense(128, relu) → Dense(10) logits, sparse
 * cross-entropy from logits) once per optimizer, from the same initial weights and the same shuffles, and prints a
 * table: final training loss, test loss, test accuracy and training seconds.
 *
 * <p>Each optimizer gets a learning rate that works for it, stated in the table (most are the Keras defaults; plain
 * SGD needs a larger rate than Keras's 0.01 to get anywhere in two epochs, momentum multiplies the effective rate
 * by 1/(1 − μ) = 10 so it gets a tenth of that, and Adadelta is meant to run at η = 1, as in its paper).
 *
 * <pre>
 * mvn -q -pl examples exec:exec -Dexample.main=dev.layerwise.examples.OptimizerComparison
 * mvn -q -pl examples exec:exec -Dexample.main=dev.layerwise.examples.OptimizerComparison \
 *     -Dexample.args="--backend reference --epochs 1"
 * </pre>
 *
 * <p>Arguments: {@code --backend tensorflow|reference}, {@code --epochs N} (default 2), {@code --batch-size N}
 * (default 32), {@code --seed N}, {@code --data DIR}.
 */
public final class OptimizerComparison {

  /** Settings of a run. */
  public record Settings(String backend, int epochs, int batchSize, Path dataDir, long seed) {
    static Settings parse(String[] args) {
      String backend = "tensorflow";
      int epochs = 2;
      int batch = 32;
      Path data = FashionMnist.defaultDirectory();
      long seed = 42;
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--backend" -> backend = value;
          case "--epochs" -> epochs = Integer.parseInt(value);
          case "--batch-size" -> batch = Integer.parseInt(value);
          case "--data" -> data = Path.of(value);
          case "--seed" -> seed = Long.parseLong(value);
          default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; expected --backend,"
              + " --epochs, --batch-size, --data or --seed");
        }
        i++;
      }
      return new Settings(backend, epochs, batch, data, seed);
    }
  }

  /** One optimizer under test: a short name, its settings in words, and the optimizer. */
  public record Contender(String name, String settings, Optimizer optimizer) {}

  /** One row of the table. */
  public record Row(String name, String settings, double trainLoss, double testLoss, double testAccuracy,
      double seconds) {}

  /** Every row, in {@link #contenders} order. */
  public record Outcome(String backend, int epochs, int batchSize, List<Row> rows) {
    public Row row(String name) {
      return rows.stream().filter(r -> r.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no row '" + name + "'"));
    }

    /** The Markdown table. */
    public String table() {
      StringBuilder b = new StringBuilder();
      b.append("| optimizer | settings | final training loss | test loss | test accuracy | seconds |\n");
      b.append("|---|---|---:|---:|---:|---:|\n");
      for (Row r : rows) {
        b.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %.4f | %.4f | %.1f |%n", r.name(), r.settings(),
            r.trainLoss(), r.testLoss(), r.testAccuracy(), r.seconds()));
      }
      return b.toString();
    }
  }

  private OptimizerComparison() {}

  /**
   * The optimizers compared. {@code totalSteps} (epochs × batches per epoch) sets the length of the cosine decay,
   * which reaches 0 at the last update; the inverse-time decay is the course notes' η₀/(1 + k·s).
   */
  public static List<Contender> contenders(long totalSteps) {
    return List.of(
        new Contender("SGD", "η 0.1", Optimizer.sgd(0.1)),
        new Contender("SGD + momentum", "η 0.01, μ 0.9", Optimizer.sgd(0.01).withMomentum(0.9)),
        new Contender("Nesterov", "η 0.01, μ 0.9", Optimizer.sgd(0.01).withNesterov(0.9)),
        new Contender("Adagrad", "η 0.01, a₀ 0.1", Optimizer.adagrad(0.01)),
        new Contender("RMSprop", "η 0.001, ρ 0.9", Optimizer.rmsprop(0.001)),
        new Contender("Adadelta", "η 1.0, ρ 0.95", Optimizer.adadelta(1.0)),
        new Contender("Adam", "η 0.001, β 0.9/0.999", Optimizer.adam(0.001)),
        new Contender("Adamax", "η 0.002, β 0.9/0.999", Optimizer.adamax(0.002)),
        new Contender("Nadam", "η 0.001, β 0.9/0.999", Optimizer.nadam(0.001)),
        new Contender("AdamW", "η 0.001, λ 0.004", Optimizer.adamW(0.001, 0.004)),
        new Contender("SGD + momentum, cosine", "η 0.05 → 0 (cosine), μ 0.9",
            Optimizer.sgd(LearningRateSchedule.cosineDecay(0.05, totalSteps)).withMomentum(0.9)),
        new Contender("SGD + momentum, inverse time", "η 0.05/(1 + 0.001·s), μ 0.9",
            Optimizer.sgd(LearningRateSchedule.inverseTimeDecay(0.05, 1e-3)).withMomentum(0.9)));
  }

  public static Outcome run(Settings s, PrintStream out) {
    FashionMnist.Splits data = FashionMnist.load(s.dataDir());
    Backend backend = Backend.named(s.backend());
    long stepsPerEpoch = (data.train().size() + s.batchSize() - 1) / s.batchSize();
    out.printf(Locale.ROOT, "Fashion-MNIST MLP, %d epochs of %d batches of %d on the %s backend, per optimizer:%n",
        s.epochs(), stepsPerEpoch, s.batchSize(), backend.name());
    List<Row> rows = new ArrayList<>();
    for (Contender c : contenders(s.epochs() * stepsPerEpoch)) {
      // the same seed: the same initial weights and the same shuffles for every optimizer
      try (CompiledModel m = FashionMnistMlp.model(s.seed()).compile(backend, c.optimizer(),
          Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY)) {
        long start = System.nanoTime();
        History h = m.fit(data.train(), FitOptions.builder().epochs(s.epochs()).batchSize(s.batchSize())
            .seed(s.seed()).quiet().build());
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluation test = m.evaluate(data.test());
        Row r = new Row(c.name(), c.settings(), h.last("loss"), test.loss(), test.metric(Metric.ACCURACY), seconds);
        out.printf(Locale.ROOT, "  %-24s training loss %.4f, test loss %.4f, test accuracy %.4f (%.1f s)%n",
            r.name(), r.trainLoss(), r.testLoss(), r.testAccuracy(), r.seconds());
        rows.add(r);
      }
    }
    Outcome o = new Outcome(backend.name(), s.epochs(), s.batchSize(), List.copyOf(rows));
    out.println();
    out.print(o.table());
    return o;
  }

  public static void main(String[] args) {
    run(Settings.parse(args), System.out);
  }
}
