package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.doctor.LearningRateRangeTest;
import dev.layerwise.doctor.RangeTestOptions;
import dev.layerwise.doctor.RangeTestResult;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The learning-rate range test on the Fashion-MNIST MLP of {@link FashionMnistMlp} (same model, same seed), for Adam
 * and for plain SGD: the sweep's suggestion, then {@code --epochs} epochs of training at the suggestion and at the
 * default rate (Adam 1e-3, SGD 0.01, Keras's), from the same initial weights and the same shuffles, with the test
 * accuracy of all four. The two sweeps' charts go to {@code --images} as {@code lr-range-adam.png} and
 * {@code lr-range-sgd.png}.
 *
 * <pre>
 * # from the repository root, after bin/lib/launch.sh's build (examples/target/classpath.txt)
 * java -Xss4m -cp examples/target/classes:$(cat examples/target/classpath.txt) \
 *     dev.layerwise.examples.LearningRateRangeExample
 * mvn -q -pl examples exec:exec -Dexample.main=dev.layerwise.examples.LearningRateRangeExample \
 *     -Dexample.args="--images ../docs/images"
 * </pre>
 *
 * <p>Measured (TF backend, 2 cores, about 25 s in all; each sweep under 1 s), test accuracy after 5 epochs:
 *
 * <pre>
 *   seed 42: Adam at the suggestion 7.0e-4 0.8755, at 1e-3 0.8724; SGD at the suggestion 0.021 0.8536, at 0.01 0.8426
 *   seed 1:  Adam at the suggestion 1.2e-3 0.8776, at 1e-3 0.8764; SGD at the suggestion 0.017 0.8541, at 0.01 0.8456
 * </pre>
 *
 * <p>Arguments: {@code --backend tensorflow|reference}, {@code --epochs N} (default 5), {@code --train-size N}
 * (default all 60,000), {@code --images DIR} (default docs/images), {@code --seed N} (default 42),
 * {@code --data DIR}, and the sweep's {@code --beta B} and {@code --steps N} ({@link RangeTestOptions});
 * {@code --epochs 0} runs the sweeps alone.
 */
public final class LearningRateRangeExample {

  /** One optimizer: its sweep, and the test accuracy trained at the suggestion and at the default rate. */
  public record Row(String optimizer, double defaultRate, RangeTestResult sweep, double sweepSeconds,
      double suggestedAccuracy, double defaultAccuracy) {}

  private LearningRateRangeExample() {}

  public static List<Row> run(String backendName, int epochs, int trainSize, Path images, long seed, Path dataDir,
      PrintStream out) {
    return run(backendName, epochs, trainSize, images, seed, dataDir, RangeTestOptions.defaults(), out);
  }

  /** {@link #run} with other sweep options; {@code epochs} 0 runs the sweeps alone. */
  public static List<Row> run(String backendName, int epochs, int trainSize, Path images, long seed, Path dataDir,
      RangeTestOptions options, PrintStream out) {
    FashionMnist.Splits data = FashionMnist.load(dataDir);
    Dataset train = trainSize < data.train().size() ? data.train().take(trainSize) : data.train();
    Backend backend = Backend.named(backendName);
    List<Row> rows = new ArrayList<>();
    rows.add(one("Adam", 1e-3, Optimizer::adam, backend, train, data.test(), epochs, images, seed, options,
        out));
    rows.add(one("SGD", 0.01, Optimizer::sgd, backend, train, data.test(), epochs, images, seed, options,
        out));
    out.printf(Locale.ROOT, "%nFashion-MNIST MLP, %s backend, %d training images, %d epochs, batch 32, seed %d:%n",
        backend.name(), train.size(), epochs, seed);
    out.println("| optimizer | suggestion (min/10) | steepest | test accuracy at suggestion | default rate |"
        + " test accuracy at default |");
    out.println("|---|---:|---:|---:|---:|---:|");
    for (Row r : rows) {
      out.printf(Locale.ROOT, "| %s | %.3g | %.3g | %.4f | %.3g | %.4f |%n", r.optimizer(), r.sweep().suggestion(),
          r.sweep().steepestRate(), r.suggestedAccuracy(), r.defaultRate(), r.defaultAccuracy());
    }
    return rows;
  }

  private static Row one(String name, double defaultRate, DoubleFunction<Optimizer> optimizer, Backend backend,
      Dataset train, Dataset test, int epochs, Path images, long seed, RangeTestOptions options, PrintStream out) {
    double suggestion;
    RangeTestResult sweep;
    double sweepSeconds;
    double defaultAccuracy;
    try (CompiledModel m = compile(optimizer.apply(defaultRate), backend, seed)) {
      long start = System.nanoTime();
      sweep = LearningRateRangeTest.run(m, train, options);
      sweepSeconds = (System.nanoTime() - start) / 1e9;
      out.printf(Locale.ROOT, "%s (%.1f s)%n", sweep.toText(), sweepSeconds);
      Path png = images.resolve("lr-range-" + name.toLowerCase(Locale.ROOT) + ".png");
      sweep.writeChart(png);
      out.println("  chart: " + png);
      suggestion = sweep.suggestion();
      // the sweep ran on a copy: m still holds its initial weights
      defaultAccuracy = trainAndTest(m, train, test, epochs, seed);
      out.printf(Locale.ROOT, "  %s at the default rate %.3g: test accuracy %.4f%n", name, defaultRate,
          defaultAccuracy);
    }
    try (CompiledModel m = compile(optimizer.apply(suggestion), backend, seed)) {
      double accuracy = trainAndTest(m, train, test, epochs, seed);
      out.printf(Locale.ROOT, "  %s at the suggestion %.3g: test accuracy %.4f%n", name, suggestion, accuracy);
      return new Row(name, defaultRate, sweep, sweepSeconds, accuracy, defaultAccuracy);
    }
  }

  private static CompiledModel compile(Optimizer optimizer, Backend backend, long seed) {
    return FashionMnistMlp.model(seed).compile(backend, optimizer,
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY);
  }

  private static double trainAndTest(CompiledModel m, Dataset train, Dataset test, int epochs, long seed) {
    if (epochs == 0) {
      return Double.NaN;
    }
    m.fit(train, FitOptions.builder().epochs(epochs).batchSize(32).seed(seed).quiet().build());
    return m.evaluate(test).metric(Metric.ACCURACY);
  }

  public static void main(String[] args) {
    ExampleOptions a = ExampleOptions.parse(args, "--backend", "--epochs", "--train-size", "--images", "--seed",
        "--data", "--beta", "--steps");
    RangeTestOptions defaults = RangeTestOptions.defaults();
    RangeTestOptions options = defaults.withBeta(a.get("--beta", Double::parseDouble, defaults.beta()))
        .withSteps(a.get("--steps", Integer::parseInt, defaults.steps()));
    long start = System.nanoTime();
    run(a.get("--backend", s -> s, "tensorflow"), a.get("--epochs", Integer::parseInt, 5),
        a.get("--train-size", Integer::parseInt, Integer.MAX_VALUE), a.get("--images", Path::of,
            Path.of("docs/images")), a.get("--seed", Long::parseLong, 42L), a.get("--data", Path::of,
            FashionMnist.defaultDirectory()), options, System.out);
    System.out.printf(Locale.ROOT, "the whole run took %.0f s%n", (System.nanoTime() - start) / 1e9);
  }
}
