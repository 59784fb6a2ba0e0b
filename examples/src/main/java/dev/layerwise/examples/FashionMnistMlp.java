package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Evaluation;
import dev.layerwise.FitOptions;
import dev.layerwise.Progress;
import dev.layerwise.Sequential;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The main job: train a multilayer perceptron on Fashion-MNIST, evaluate it on the test set, export it as a
 * TensorFlow SavedModel, reload that with TF Java's loader and check it predicts what the trained model does.
 *
 * <pre>
 * mvn -q -pl examples exec:exec                                     # TensorFlow backend, 5 epochs
 * mvn -q -pl examples exec:exec -Dexample.args="--backend reference"
 * </pre>
 *
 * <p>Arguments: {@code --backend tensorflow|reference}, {@code --epochs N}, {@code --batch-size N},
 * {@code --export-dir DIR} (default {@code target/fashion-mnist-model}), {@code --data DIR} (default the
 * Debian package's folder or {@code $FASHION_MNIST_DIR}), {@code --seed N}.
 */
public final class FashionMnistMlp {

  /**
   * What a run measured. The SavedModel holds float32 weights: from a TF-trained model it must predict exactly
   * what the model did ({@link #TF_RELOAD_TOLERANCE}); from the float64 reference backend, up to the rounding of a
   * 784-term float32 dot product ({@link #FLOAT32_RELOAD_TOLERANCE}).
   */
  public record Outcome(double testAccuracy, double testLoss, double secondsPerEpoch, double maxReloadDifference,
      double reloadTolerance, Path savedModel) {
    public boolean reloadMatches() {
      return maxReloadDifference <= reloadTolerance;
    }
  }

  public static final double TF_RELOAD_TOLERANCE = 1e-6;
  public static final double FLOAT32_RELOAD_TOLERANCE = 1e-4;

  /** Settings of a run. */
  public record Settings(String backend, int epochs, int batchSize, Path exportDir, Path dataDir, long seed) {
    static Settings parse(String[] args) {
      String backend = "tensorflow";
      int epochs = 5;
      int batch = 32;
      Path export = Path.of("target/fashion-mnist-model");
      Path data = FashionMnist.defaultDirectory();
      long seed = 42;
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--backend" -> backend = value;
          case "--epochs" -> epochs = Integer.parseInt(value);
          case "--batch-size" -> batch = Integer.parseInt(value);
          case "--export-dir" -> export = Path.of(value);
          case "--data" -> data = Path.of(value);
          case "--seed" -> seed = Long.parseLong(value);
          default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; expected --backend,"
              + " --epochs, --batch-size, --export-dir, --data or --seed");
        }
        i++;
      }
      return new Settings(backend, epochs, batch, export, data, seed);
    }
  }

  private FashionMnistMlp() {}

  /** Flatten → Dense(128, relu) → Dense(10) logits. */
  public static Sequential model(long seed) {
    return Sequential.of(
        Input.shape(28, 28),
        Flatten.create(),
        Dense.units(128).withActivation(ActivationFn.RELU),
        Dense.units(10))
        .withName("fashion_mnist_mlp")
        .withSeed(seed);
  }

  /**
   * On the real console the live bar (Keras's verbose=1, which falls back to epoch lines when redirected); on any
   * other stream, a test's buffer, one line per epoch.
   */
  static Progress progress(PrintStream out) {
    return out == System.out ? Progress.console() : Progress.to(out);
  }

  public static Outcome run(Settings s, PrintStream out) {
    FashionMnist.Splits data = FashionMnist.load(s.dataDir());
    Sequential model = model(s.seed());
    out.println(model.summary());
    Backend backend = Backend.named(s.backend());
    try (CompiledModel m = model.compile(backend, Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY)) {
      long start = System.nanoTime();
      m.fit(data.train(), FitOptions.builder().epochs(s.epochs()).batchSize(s.batchSize()).seed(s.seed())
          .callbacks(progress(out)).build());
      double perEpoch = (System.nanoTime() - start) / 1e9 / s.epochs();
      Evaluation test = m.evaluate(data.test());
      out.printf(Locale.ROOT, "test accuracy %.4f, test loss %.4f (%s backend, %.1f s/epoch)%n",
          test.metric(Metric.ACCURACY), test.loss(), backend.name(), perEpoch);

      double tolerance = backend.name().equals("tensorflow") ? TF_RELOAD_TOLERANCE : FLOAT32_RELOAD_TOLERANCE;
      ReloadCheck reload = ReloadCheck.run(m, data.test(), s.exportDir(), tolerance, out);
      // The archive too, to resume training or gradient-check it: bin/layerwise-check model FILE --data fashion-mnist
      Path archive = s.exportDir().resolveSibling(s.exportDir().getFileName() + ".layerwise");
      m.save(archive);
      out.printf("model archive at %s%n", archive);
      return new Outcome(test.metric(Metric.ACCURACY), test.loss(), perEpoch, reload.maxDifference(), tolerance,
          reload.savedModel());
    }
  }

  public static void main(String[] args) {
    Outcome o = run(Settings.parse(args), System.out);
    if (!o.reloadMatches()) {
      System.exit(1);
    }
  }
}
