package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Evaluation;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.callbacks.EarlyStopping;
import dev.layerwise.data.ClassNames;
import dev.layerwise.data.CsvData;
import dev.layerwise.data.CsvDataset;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.DatasetSplit;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Normalization;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.ClassificationReport;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A classifier for a table of numbers: reads a CSV file, holds out a stratified test set and a validation set,
 * standardises the features with a {@link Normalization} adapted on the training split only (so nothing of the
 * validation or test rows leaks into the model), trains a small MLP with early stopping on the validation loss,
 * prints the test accuracy and the classification report with the class names, saves the model with its class names
 * and reloads it to name its predictions.
 *
 * <pre>
 * mvn -q -pl examples exec:exec -Dexample.main=dev.layerwise.examples.CsvClassification \
 *     -Dexample.args="--data /usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv"
 * </pre>
 *
 * <p>Arguments: {@code --data FILE} (required), {@code --label COLUMN} for a CSV with a header and a class column
 * (without it the file is in scikit-learn's layout, as Debian's {@code python3-sklearn} ships iris, wine and breast
 * cancer: see {@link #readScikitLearnCsv}), {@code --epochs N} (at most; default {@value #DEFAULT_EPOCHS}), {@code
 * --seed N} (default 42), {@code --backend tensorflow|reference}, {@code --archive FILE} (default {@code
 * target/csv-classification.layerwise}).
 */
public final class CsvClassification {
  public static final int DEFAULT_EPOCHS = 200;
  /** Early stopping: epochs without a better validation loss before training stops (the best weights kept). */
  public static final int PATIENCE = 15;

  private CsvClassification() {}

  /** Settings of a run; {@code label} is null for scikit-learn's layout. */
  public record Settings(Path data, String label, int epochs, long seed, String backend, Path archive) {
    static Settings parse(String[] args) {
      ExampleOptions o = ExampleOptions.parse(args, "--data", "--label", "--epochs", "--seed", "--backend",
          "--archive");
      return new Settings(Path.of(o.required("--data", "a CSV file, e.g. scikit-learn's breast_cancer.csv")),
          o.get("--label", s -> s, null), o.get("--epochs", Integer::parseInt, DEFAULT_EPOCHS),
          o.get("--seed", Long::parseLong, 42L), o.get("--backend", s -> s, "tensorflow"),
          o.get("--archive", Path::of, Path.of("target/csv-classification.layerwise")));
    }
  }

  /**
   * What a run measured.
   *
   * @param epochsRun the epochs trained before early stopping (the weights are those of the best epoch)
   * @param seconds the wall time of reading, training, evaluating, saving and reloading
   * @param reloadedNames the class names the reloaded model predicts for the test rows
   * @param trueNames the test rows' own class names
   */
  public record Outcome(double testAccuracy, ClassificationReport report, int epochsRun, double seconds,
      List<String> reloadedNames, List<String> trueNames, Path archive) {}

  /**
   * Reads scikit-learn's CSV layout: a first line {@code n_samples,n_features,name_0,name_1,…}, then one row per
   * sample of {@code n_features} numbers and the class index. The class names come from the first line.
   */
  public static CsvData readScikitLearnCsv(Path file) {
    CSVRecord first;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = in.readLine();
      if (line == null) {
        throw new IllegalArgumentException("CSV file " + file + " is empty");
      }
      first = CSVFormat.RFC4180.parse(new StringReader(line)).getRecords().get(0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (first.size() < 4 || !first.get(0).matches("\\d+") || !first.get(1).matches("\\d+")) {
      throw new IllegalArgumentException("CSV file " + file + ": scikit-learn's first line is n_samples,"
          + "n_features,class names…; got " + first.toList() + " (give --label COLUMN for a file with a header)");
    }
    int samples = Integer.parseInt(first.get(0));
    String labelColumn = first.get(1);                  // without a header, columns are named 0, 1, …
    ClassNames names = new ClassNames(first.toList().subList(2, first.size()));
    CsvData rows = CsvDataset.from(file).withSkippedLines(1).withoutHeader().withNumericLabel(labelColumn).read();
    if (rows.dataset().size() != samples) {
      throw new IllegalArgumentException("CSV file " + file + ": its first line announces " + samples
          + " samples, it holds " + rows.dataset().size());
    }
    return new CsvData(rows.dataset(), rows.featureNames(), Optional.of(names));
  }

  /** Input → Normalization (adapted) → Dense(32, relu) → Dense(16, relu) → Dense(classes) logits. */
  public static Sequential model(int features, Normalization normalization, ClassNames classes, long seed) {
    return Sequential.of(
        Input.shape(features),
        normalization,                                  // (x − mean) / √variance, statistics of the training split
        Dense.units(32).withActivation(ActivationFn.RELU),
        Dense.units(16).withActivation(ActivationFn.RELU),
        Dense.units(classes.size()))                    // logits
        .withName("csv_mlp")
        .withSeed(seed)
        .withClassNames(classes);                       // saved with the model, named in predictions
  }

  public static Outcome run(Settings s, PrintStream out) {
    long start = System.nanoTime();
    CsvData data = s.label() == null ? readScikitLearnCsv(s.data())
        : CsvDataset.from(s.data()).withClassLabel(s.label()).read();
    ClassNames classes = data.classNames().orElseThrow();
    DatasetSplit outer = data.dataset().stratifiedSplit(0.2, s.seed());      // 20% of every class for the test
    DatasetSplit inner = outer.train().stratifiedSplit(0.2, s.seed() + 1);   // 20% of the rest to stop early
    Dataset train = inner.train();
    out.printf("%s: %d rows, %d features, classes %s; train %d, validation %d, test %d%n", s.data().getFileName(),
        data.dataset().size(), data.featureNames().size(), classes.names(), train.size(), inner.test().size(),
        outer.test().size());
    Sequential model = model(data.featureNames().size(), Normalization.adaptedTo(train), classes, s.seed());
    EarlyStopping stop = EarlyStopping.builder().monitor("val_loss").patience(PATIENCE).restoreBestWeights(true)
        .build();
    Evaluation test;
    History history;
    try (CompiledModel m = model.compile(Backend.named(s.backend()), Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY)) {
      history = m.fit(train, FitOptions.builder().epochs(s.epochs()).batchSize(16).seed(s.seed())
          .validationData(inner.test()).callbacks(stop).verbose(0).build());
      test = m.evaluate(outer.test());
      m.save(s.archive());
    }
    ClassificationReport report = test.classificationReport(classes.names());
    out.printf(Locale.ROOT, "test accuracy %.4f after %d epochs (best epoch %d by validation loss)%n%n%s%n",
        test.metric(Metric.ACCURACY), history.epochCount(), stop.bestEpoch(), report);
    List<String> names;
    try (CompiledModel loaded = CompiledModel.load(s.archive(), Backend.named(s.backend()))) {
      names = loaded.predictClasses(outer.test()).names();
    }
    List<String> truth = trueNames(outer.test(), classes);
    for (int k = 0; k < 5; k++) {                       // five rows spread over the test set (it is in class order)
      int i = k * names.size() / 5;
      out.printf("reloaded from %s: test row %d predicted %s, labelled %s%n", s.archive().getFileName(), i,
          names.get(i), truth.get(i));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Outcome(test.metric(Metric.ACCURACY), report, history.epochCount(), seconds, names, truth,
        s.archive());
  }

  private static List<String> trueNames(Dataset d, ClassNames classes) {
    return java.util.stream.IntStream.range(0, d.size()).mapToObj(i -> classes.name((int) d.label(i, 0))).toList();
  }

  public static void main(String[] args) {
    Outcome o = run(Settings.parse(args), System.out);
    System.out.printf(Locale.ROOT, "%.1f s%n", o.seconds());
  }
}
