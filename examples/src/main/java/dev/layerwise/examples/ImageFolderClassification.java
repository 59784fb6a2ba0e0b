package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.ClassPredictions;
import dev.layerwise.CompiledModel;
import dev.layerwise.Evaluation;
import dev.layerwise.FitOptions;
import dev.layerwise.SavedModelExport;
import dev.layerwise.Sequential;
import dev.layerwise.data.ClassNames;
import dev.layerwise.data.ColorMode;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.ImageFolderData;
import dev.layerwise.data.ImageFolderDataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.Rescaling;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.tf.TfSavedModel;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small CNN for a folder of images with one sub-folder per class (Keras's {@code image_dataset_from_directory}
 * layout): reads the images, trains with the rescaling to [0, 1] inside the model, evaluates on a test folder (or on
 * a stratified 20% of the training folder), saves the model with its class names, exports a SavedModel that takes
 * raw 0..255 pixels and names what it predicts with the class names exported beside it.
 *
 * <pre>
 * mvn -q -pl examples exec:exec -Dexample.main=dev.layerwise.examples.FashionMnistFolders \
 *     -Dexample.args="target/fashion-folders 60 20"
 * mvn -q -pl examples exec:exec -Dexample.main=dev.layerwise.examples.ImageFolderClassification \
 *     -Dexample.args="--data target/fashion-folders/train --test target/fashion-folders/test --color grayscale"
 * </pre>
 *
 * <p>Arguments: {@code --data DIR} (required), {@code --test DIR} (the same class sub-folders; default: a stratified
 * 20% of {@code --data}), {@code --size N} (images resized to N × N, default 28), {@code --color rgb|grayscale}
 * (default rgb, as Keras), {@code --epochs N} (default {@value #DEFAULT_EPOCHS}), {@code --seed N} (default 42),
 * {@code --backend tensorflow|reference}, {@code --export-dir DIR} (default {@code target/image-folder-model}).
 */
public final class ImageFolderClassification {
  public static final int DEFAULT_EPOCHS = 10;

  private ImageFolderClassification() {}

  /** Settings of a run; {@code test} is null to hold out 20% of {@code data}. */
  public record Settings(Path data, Path test, int size, ColorMode color, int epochs, long seed, String backend,
      Path exportDir) {
    static Settings parse(String[] args) {
      ExampleOptions o = ExampleOptions.parse(args, "--data", "--test", "--size", "--color", "--epochs", "--seed",
          "--backend", "--export-dir");
      return new Settings(Path.of(o.required("--data", "a folder with one sub-folder per class")),
          o.get("--test", Path::of, null), o.get("--size", Integer::parseInt, 28),
          o.get("--color", c -> ColorMode.valueOf(c.toUpperCase(Locale.ROOT)), ColorMode.RGB),
          o.get("--epochs", Integer::parseInt, DEFAULT_EPOCHS), o.get("--seed", Long::parseLong, 42L),
          o.get("--backend", s -> s, "tensorflow"),
          o.get("--export-dir", Path::of, Path.of("target/image-folder-model")));
    }
  }

  /**
   * What a run measured.
   *
   * @param servedNames the class names the reloaded SavedModel gives the test images (from its class ids and its
   *     exported names)
   * @param inMemoryNames the names the trained model gives them ({@code predictClasses})
   * @param maxServedDifference the largest |SavedModel logit − in-memory logit| over the test images
   * @param seconds the wall time of the run, reading the images included
   */
  public record Outcome(double testAccuracy, int testSize, ClassNames classNames, List<String> servedNames,
      List<String> inMemoryNames, double maxServedDifference, double seconds, Path savedModel) {}

  /**
   * Rescaling(1/255) → [Conv 3×3 (16, relu) → max-pool 2] → [Conv 3×3 (32, relu) → max-pool 2] → Flatten →
   * Dense(64, relu) → Dense(classes) logits. The rescaling is a layer, so the model (and its SavedModel) takes the
   * pixels as read, 0..255.
   */
  public static Sequential model(int size, int channels, ClassNames classes, long seed) {
    return Sequential.of(
        Input.shape(size, size, channels),
        Rescaling.of(1 / 255.0),                        // raw pixels in, [0, 1] inside
        Conv2D.of(16, 3).withActivation(ActivationFn.RELU),
        MaxPooling2D.of(2),
        Conv2D.of(32, 3).withActivation(ActivationFn.RELU),
        MaxPooling2D.of(2),
        Flatten.create(),
        Dense.units(64).withActivation(ActivationFn.RELU),
        Dense.units(classes.size()))                    // logits
        .withName("image_folder_cnn")
        .withSeed(seed)
        .withClassNames(classes);
  }

  public static Outcome run(Settings s, PrintStream out) {
    long start = System.nanoTime();
    ImageFolderDataset reader = ImageFolderDataset.from(s.data()).withColorMode(s.color())
        .withImageSize(s.size(), s.size());
    ImageFolderData images = reader.read();
    ClassNames classes = images.classNames();
    Dataset train = images.dataset();
    Dataset test;
    if (s.test() == null) {
      var split = train.stratifiedSplit(0.2, s.seed());
      train = split.train();
      test = split.test();
    } else {
      ImageFolderData held = ImageFolderDataset.from(s.test()).withColorMode(s.color())
          .withImageSize(s.size(), s.size()).read();
      if (!held.classNames().equals(classes)) {
        throw new IllegalArgumentException("the test folder " + s.test() + " has classes " + held.classNames().names()
            + ", the training folder " + s.data() + " has " + classes.names());
      }
      test = held.dataset();
    }
    out.printf("%s: %d training and %d test images of %s, classes %s%n", s.data(), train.size(), test.size(),
        train.featureShape(), classes.names());
    Sequential model = model(s.size(), s.color() == ColorMode.GRAYSCALE ? 1 : 3, classes, s.seed());
    Evaluation eval;
    ClassPredictions inMemory;
    float[] logits;
    Path saved;
    try (CompiledModel m = model.compile(Backend.named(s.backend()), Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY)) {
      m.fit(train, FitOptions.builder().epochs(s.epochs()).batchSize(32).seed(s.seed()).verbose(0).build());
      eval = m.evaluate(test);
      inMemory = m.predictClasses(test);
      logits = m.predict(test);
      m.save(s.exportDir().resolveSibling(s.exportDir().getFileName() + ".layerwise"));
      saved = m.exportSavedModel(SavedModelExport.to(s.exportDir()).withOverwrite(true).withClassSignatures(true));
    }
    out.printf(Locale.ROOT, "test accuracy %.4f after %d epochs%n%n%s%n", eval.metric(Metric.ACCURACY), s.epochs(),
        eval.classificationReport(classes.names()));
    List<String> servedNames = new ArrayList<>();
    double maxDiff = 0;
    try (TfSavedModel served = TfSavedModel.load(saved)) {
      float[] pixels = new float[test.size() * test.featureShape().size()];
      test.copyRange(0, test.size(), pixels, null);                 // 0..255, as read from the files
      ClassNames names = served.classNames().orElseThrow();         // assets/class_names.txt
      for (long id : served.predictClassIds(pixels, test.size())) {
        servedNames.add(names.name((int) id));
      }
      float[] servedLogits = served.predict(pixels, test.size());
      for (int i = 0; i < logits.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(servedLogits[i] - logits[i]));
      }
    }
    out.printf(Locale.ROOT, "SavedModel at %s: logits within %.1e of the trained model's; first test image"
        + " predicted %s, labelled %s%n", saved, maxDiff, servedNames.get(0), classes.name((int) test.label(0, 0)));
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Outcome(eval.metric(Metric.ACCURACY), test.size(), classes, servedNames, inMemory.names(), maxDiff,
        seconds, saved);
  }

  public static void main(String[] args) {
    Outcome o = run(Settings.parse(args), System.out);
    System.out.printf(Locale.ROOT, "%.1f s%n", o.seconds());
  }
}
