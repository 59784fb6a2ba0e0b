package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.EpochLogs;
import dev.layerwise.Evaluation;
import dev.layerwise.FitCallback;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.callbacks.EarlyStopping;
import dev.layerwise.callbacks.ReduceLROnPlateau;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.DatasetSplit;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.FillMode;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.FlipMode;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.RandomFlip;
import dev.layerwise.layers.RandomTranslation;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The course's cure for overfitting: more data, made by augmenting. A random horizontal flip (clothes are left–right
 * symmetric; never flip them upside down) and a random shift of up to 10% of the height and width, filled with the
 * black background, act only in training, in front of a CNN with the capacity to use them: three conv → batch norm →
 * ReLU blocks of 32, 64 and 128 channels (the first two pooled), a Dense(256) layer with light dropout and the
 * logits. {@link FashionMnistCnn}'s smaller network underfits the augmented images (0.917–0.918 after 30 epochs;
 * docs/preprocessing-and-augmentation.md). Training stops early on the validation loss, which is measured on 10% of
 * the training set held out by a stratified split; the learning rate halves when the validation loss stalls. The test
 * set is used once, at the end.
 *
 * <pre>
 * mvn -q -pl examples exec:exec -Dexample.main=dev.layerwise.examples.FashionMnistAugmentedCnn
 * mvn -q -pl examples exec:exec -Dexample.main=dev.layerwise.examples.FashionMnistAugmentedCnn \
 *     -Dexample.args="--epochs 5 --train-samples 6000"
 * </pre>
 *
 * <p>Arguments: {@code --backend tensorflow|reference}, {@code --epochs N} (at most; default
 * {@value #DEFAULT_EPOCHS}), {@code --batch-size N} (default {@value FashionMnistCnn#DEFAULT_BATCH_SIZE}),
 * {@code --patience N} (early stopping; default {@value #DEFAULT_PATIENCE}), {@code --train-samples N} (use the
 * first N training images only, for a quick run), {@code --export-dir DIR}, {@code --data DIR}, {@code --seed N}.
 */
public final class FashionMnistAugmentedCnn {

  /** The budget: published simple CNNs reach 0.916–0.932 within 30 epochs. */
  public static final int DEFAULT_EPOCHS = 30;
  /** Epochs without a better validation loss before stopping (the best epoch's weights are restored). */
  public static final int DEFAULT_PATIENCE = 6;
  /** The share of the training set held out, stratified, to choose the epoch and the learning rate. */
  public static final double VALIDATION_SHARE = 0.1;

  /** What a run measured. */
  public record Outcome(double testAccuracy, double testLoss, int epochsRun, String stopReason,
      List<Double> secondsPerEpoch, double maxReloadDifference, boolean reloadMatches, Path savedModel) {
    public double minutes() {
      return secondsPerEpoch.stream().mapToDouble(Double::doubleValue).sum() / 60;
    }
  }

  /** Settings of a run ({@code trainSamples} 0 = the whole training set). */
  public record Settings(String backend, int epochs, int batchSize, int patience, int trainSamples, Path exportDir,
      Path dataDir, long seed) {
    static Settings parse(String[] args) {
      ExampleOptions a = ExampleOptions.parse(args, "--backend", "--epochs", "--batch-size", "--patience",
          "--train-samples", "--export-dir", "--data", "--seed");
      return new Settings(a.get("--backend", v -> v, "tensorflow"),
          a.get("--epochs", Integer::parseInt, DEFAULT_EPOCHS),
          a.get("--batch-size", Integer::parseInt, FashionMnistCnn.DEFAULT_BATCH_SIZE),
          a.get("--patience", Integer::parseInt, DEFAULT_PATIENCE), a.get("--train-samples", Integer::parseInt, 0),
          a.get("--export-dir", Path::of, Path.of("target/fashion-mnist-augmented-cnn")),
          a.get("--data", Path::of, FashionMnist.defaultDirectory()), a.get("--seed", Long::parseLong, 42L));
    }
  }

  private FashionMnistAugmentedCnn() {}

  /**
   * Input → RandomFlip(horizontal) → RandomTranslation(±10%, black fill) → [Conv(32) → BN → ReLU → pool] →
   * [Conv(64) → BN → ReLU → pool] → [Conv(128) → BN → ReLU] → Flatten → Dense(256, relu) → Dropout(0.2) →
   * Dense(10) logits; 1.70 M parameters. No convolution bias (the batch normalisation after it subtracts it again),
   * He-normal kernels before ReLUs.
   */
  public static Sequential model(long seed) {
    List<Layer> layers = new ArrayList<>();
    layers.add(Input.shape(28, 28, 1));
    layers.add(RandomFlip.of(FlipMode.HORIZONTAL));
    layers.add(RandomTranslation.of(0.1, 0.1).withFillMode(FillMode.CONSTANT));
    layers.addAll(convBlock(32));
    layers.add(MaxPooling2D.of(2));
    layers.addAll(convBlock(64));
    layers.add(MaxPooling2D.of(2));
    layers.addAll(convBlock(128));
    layers.add(Flatten.create());
    layers.add(Dense.units(256).withActivation(ActivationFn.RELU).withKernelInitializer(Initializer.heNormal()));
    layers.add(Dropout.rate(0.2));
    layers.add(Dense.units(10));                                       // logits
    return Sequential.of(layers).withName("fashion_mnist_augmented_cnn").withSeed(seed);
  }

  private static List<Layer> convBlock(int filters) {
    return List.of(
        Conv2D.of(filters, 3).withPadding(Padding.SAME).withUseBias(false)
            .withKernelInitializer(Initializer.heNormal()),
        BatchNormalization.create().withMomentum(0.9),
        Activation.of(ActivationFn.RELU));
  }

  public static Outcome run(Settings s, PrintStream out) {
    FashionMnist.Splits data = FashionMnist.load(s.dataDir());
    Shape image = Shape.of(28, 28, 1);
    Dataset all = data.train().withFeatureShape(image);
    if (s.trainSamples() > 0) {
      all = all.take(s.trainSamples());
    }
    DatasetSplit split = all.stratifiedSplit(VALIDATION_SHARE, s.seed());
    Dataset test = data.test().withFeatureShape(image);
    Sequential model = model(s.seed());
    out.println(model.summary());
    Backend backend = Backend.named(s.backend());
    List<Double> seconds = new ArrayList<>();
    FitCallback timer = new FitCallback() {
      @Override
      public void onEpochEnd(EpochLogs logs) {
        seconds.add(logs.seconds());
      }
    };
    try (CompiledModel m = model.compile(backend, Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY)) {
      History h = m.fit(split.train(), FitOptions.builder().epochs(s.epochs()).batchSize(s.batchSize())
          .seed(s.seed()).validationData(split.test())
          .callbacks(FashionMnistMlp.progress(out), timer,
              ReduceLROnPlateau.builder().monitor("val_loss").factor(0.5).patience(2).minLr(1e-5).build(),
              EarlyStopping.builder().monitor("val_loss").patience(s.patience()).restoreBestWeights(true).build())
          .build());
      Evaluation eval = m.evaluate(test);
      double minutes = seconds.stream().mapToDouble(Double::doubleValue).sum() / 60;
      out.printf(Locale.ROOT, "test accuracy %.4f, test loss %.4f after %d epochs (%s) at batch %d, %s backend,"
              + " %.1f min of training%n", eval.metric(Metric.ACCURACY), eval.loss(), h.epochCount(),
          h.stopReason(), s.batchSize(), backend.name(), minutes);
      double tolerance = backend.name().equals("tensorflow")
          ? FashionMnistCnn.TF_RELOAD_TOLERANCE : FashionMnistCnn.FLOAT32_RELOAD_TOLERANCE;
      ReloadCheck reload = ReloadCheck.run(m, test, s.exportDir(), tolerance, out);
      return new Outcome(eval.metric(Metric.ACCURACY), eval.loss(), h.epochCount(), h.stopReason(),
          List.copyOf(seconds), reload.maxDifference(), reload.maxDifference() <= tolerance, reload.savedModel());
    }
  }

  public static void main(String[] args) {
    Outcome o = run(Settings.parse(args), System.out);
    if (!o.reloadMatches()) {
      System.exit(1);
    }
  }
}
