package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.ClassPredictions;
import dev.layerwise.CompiledModel;
import dev.layerwise.Evaluation;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.ClassNames;
import dev.layerwise.data.ColorMode;
import dev.layerwise.data.CsvData;
import dev.layerwise.data.CsvDataset;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.DatasetSplit;
import dev.layerwise.data.ImageFolderData;
import dev.layerwise.data.ImageFolderDataset;
import dev.layerwise.data.ImageFolderSource;
import dev.layerwise.data.IndexedSource;
import dev.layerwise.data.NpyShards;
import dev.layerwise.data.NumpyDataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Rescaling;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The code samples of {@code docs/data.md}, verbatim between {@code // region NAME} and {@code // endregion NAME}.
 * {@code DocSnippetsTest} checks the page shows exactly these lines; {@code DataSnippetsTest} runs them on files it
 * writes.
 */
public final class DataSnippets {
  private DataSnippets() {}

  /** Reads a training and a test CSV file, the test file with the training file's class indices. */
  public static CsvData[] readCsv(Path dir) {
    // region csv-read
    CsvData train = CsvDataset.from(dir.resolve("iris-train.csv"))
        .withClassLabel("species")                       // the other columns are the features
        .read();
    ClassNames species = train.classNames().orElseThrow(); // [setosa, versicolor, virginica]
    CsvData test = CsvDataset.from(dir.resolve("iris-test.csv"))
        .withClassLabel("species")
        .withClassNames(species)                         // the training file's indices
        .read();
    // endregion csv-read
    return new CsvData[] {train, test};
  }

  /** Trains a small classifier on the CSV data and prints its report with the class names. */
  public static Evaluation fitCsv(Backend backend, CsvData train, CsvData test, PrintStream out) {
    // region csv-fit
    Sequential model = Sequential.of(
        Input.shape(train.featureNames().size()),
        Dense.units(16).withActivation(ActivationFn.RELU),
        Dense.units(train.classNames().orElseThrow().size()))
        .withSeed(7);
    Evaluation e;
    try (CompiledModel m = model.compile(backend, Optimizer.adam(1e-2),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY)) {
      m.fit(train.dataset(), FitOptions.builder().epochs(60).batchSize(16).quiet().build());
      e = m.evaluate(test.dataset());
    }
    out.println(e.classificationReport(test.classNames().orElseThrow().names()));
    // endregion csv-fit
    return e;
  }

  /** Reads a CSV in scikit-learn's layout: a first line of counts and class names, then rows ending with the class. */
  public static CsvData readScikitLearnLayout(Path file) {
    // region csv-skip-lines
    CsvData wine = CsvDataset.from(file)        // wine_data.csv of Debian's python3-sklearn
        .withSkippedLines(1)                    // "178,13,class_0,class_1,class_2": counts and class names
        .withoutHeader()                        // so the columns are named "0" … "13"
        .withNumericLabel("13")                 // the last column is the class index already
        .read();
    // endregion csv-skip-lines
    return wine;
  }

  /** Trains with the class names attached, saves, reloads and names the test predictions. */
  public static ClassPredictions classNames(Backend backend, CsvData train, CsvData test, Path file) {
    // region class-names
    Sequential model = Sequential.of(
        Input.shape(train.featureNames().size()),
        Dense.units(16).withActivation(ActivationFn.RELU),
        Dense.units(3))
        .withSeed(7)
        .withClassNames(train.classNames().orElseThrow());  // kept by compile, save, load and export
    try (CompiledModel m = model.compile(backend, Optimizer.adam(1e-2),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      m.fit(train.dataset(), FitOptions.builder().epochs(60).batchSize(16).quiet().build());
      m.save(file);                                        // "class_names" in the archive
    }
    ClassPredictions predicted;
    try (CompiledModel loaded = CompiledModel.load(file, backend)) {
      predicted = loaded.predictClasses(test.dataset());  // argmax, as index and name
    }
    String first = predicted.name(0);                      // "virginica"
    // endregion class-names
    return predicted;
  }

  /** Reads a folder of grey images, one sub-folder per class, resized to 28 × 28. */
  public static ImageFolderData readImages(Path folder) {
    // region image-folder
    ImageFolderData images = ImageFolderDataset.from(folder)  // folder/<class>/<image>.png
        .withColorMode(ColorMode.GRAYSCALE)                   // [28, 28, 1]; RGB by default
        .withImageSize(28, 28)                                // bilinear, as Keras
        .read();
    Dataset pixels = images.dataset();                        // values 0..255, not rescaled
    ClassNames classes = images.classNames();                 // the sub-folders, sorted
    // endregion image-folder
    return images;
  }

  /** Reads features and labels from a {@code .npz} file written by {@code numpy.savez}. */
  public static Dataset readNpz(Path file) {
    // region numpy
    // np.savez("mnist.npz", x_train=x, y_train=y)  →  x_train.npy and y_train.npy in a zip
    Dataset train = NumpyDataset.fromNpz(file, "x_train", "y_train");
    // endregion numpy
    return train;
  }

  /** A random split and a stratified one of the same data. */
  public static DatasetSplit[] splits(Dataset all) {
    // region split
    DatasetSplit split = all.split(0.2, 42);                 // 20% held out, drawn from seed 42
    Dataset train = split.train();
    Dataset test = split.test();
    // endregion split
    // region stratified-split
    DatasetSplit stratified = all.stratifiedSplit(0.2, 42);  // 20% of every class held out
    // endregion stratified-split
    return new DatasetSplit[] {split, stratified};
  }
  /**
   * Trains on a folder of images decoded batch by batch, validating on another folder, and evaluates on it; returns
   * the evaluation.
   */
  public static Evaluation fitImageSource(Backend backend, Path trainFolder, Path testFolder) {
    // region stream-images
    ImageFolderSource train = ImageFolderDataset.from(trainFolder)  // listed now, decoded per batch
        .withColorMode(ColorMode.GRAYSCALE)
        .withImageSize(28, 28)
        .source();
    ImageFolderSource test = ImageFolderDataset.from(testFolder)
        .withColorMode(ColorMode.GRAYSCALE).withImageSize(28, 28).source();
    Sequential model = Sequential.of(
        Input.shape(28, 28, 1), Rescaling.of(1 / 255.0), Flatten.create(),
        Dense.units(train.classNames().size()))
        .withSeed(7);
    try (CompiledModel m = model.compile(backend, Optimizer.adam(1e-2),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY)) {
      m.fit(train, FitOptions.builder().epochs(5).batchSize(16).validationData(test).quiet().build());
      return m.evaluate(test, 32);
    }
    // endregion stream-images
  }

  /** Trains on {@code .npy} shards: features file k with labels file k. */
  public static History fitNpyShards(CompiledModel model, List<Path> features, List<Path> labels) {
    // region stream-npy
    NpyShards shards = NpyShards.of(features, labels)   // only the headers are read now
        .withShuffleBuffer(2048);                         // approximate shuffling: see below
    History history = model.fit(shards, FitOptions.builder().epochs(3).batchSize(32).seed(1).quiet().build());
    // endregion stream-npy
    return history;
  }

  /** A source of one million generated samples (x, x²), none held in memory. */
  public static IndexedSource squares() {
    // region custom-source
    IndexedSource squares = new IndexedSource() {
      @Override
      public int size() {
        return 1_000_000;
      }

      @Override
      public String description() {
        return "x → x² for a million x in [0, 1)";
      }

      @Override
      public Dataset read(int[] samples) {                // one batch, in the order asked
        float[] x = new float[samples.length];
        float[] y = new float[samples.length];
        for (int r = 0; r < samples.length; r++) {
          x[r] = samples[r] / 1e6f;
          y[r] = x[r] * x[r];
        }
        return Dataset.of(x, Shape.of(1), y, Shape.of(1));
      }
    };
    // endregion custom-source
    return squares;
  }
}
