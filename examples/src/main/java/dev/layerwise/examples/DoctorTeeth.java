package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Model;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.DatasetSplit;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.doctor.Check;
import dev.layerwise.doctor.DoctorOptions;
import dev.layerwise.doctor.DoctorReport;
import dev.layerwise.doctor.TrainingDoctor;
import dev.layerwise.doctor.Verdict;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.reference.PlantedFault;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The doctor's teeth: deliberately broken set-ups on Fashion-MNIST, each examined by {@link TrainingDoctor}, and
 * the table of which checks fired with which reading; the healthy MLP and CNN beside them. The flipped gradient
 * sign is planted in the reference backend ({@link PlantedFault}, the conformance suite's switchboard), so that
 * row runs there; the others run on TensorFlow.
 *
 * <pre>
 * mvn -q -pl examples exec:exec -Dexample.main=dev.layerwise.examples.DoctorTeeth -Dexample.args="--reports DIR"
 * </pre>
 *
 * <p>With {@code --reports DIR}, each set-up's one-page HTML report goes to {@code DIR/<set-up>/index.html}.
 */
public final class DoctorTeeth {
  private DoctorTeeth() {}

  /** A set-up: its name, the model, its optimizer, its data (train, validation) and whether fit shuffles. */
  record SetUp(String name, Model model, Optimizer optimizer, Dataset train, Dataset validation, boolean shuffle,
      String backend, PlantedFault fault) {}

  /** One row of the table. */
  public record Row(String setUp, Verdict verdict, List<String> failed, List<String> warned, String reading,
      double seconds) {}

  public static void main(String[] args) {
    Path reports = args.length == 2 && args[0].equals("--reports") ? Path.of(args[1]) : null;
    if (args.length != 0 && reports == null) {
      throw new IllegalArgumentException("usage: DoctorTeeth [--reports DIR], got " + Arrays.toString(args));
    }
    List<Row> rows = run(System.out, reports);
    System.out.println();
    System.out.print(table(rows));
  }

  public static List<Row> run(PrintStream out, Path reports) {
    FashionMnist.Splits data = FashionMnist.load(FashionMnist.defaultDirectory());
    DatasetSplit split = data.train().split(0.1, 7);
    Dataset train = split.train();
    Dataset val = split.test();
    Shape image = Shape.of(28, 28, 1);
    List<SetUp> setUps = List.of(
        new SetUp("healthy MLP (Adam 1e-3)", FashionMnistMlp.model(42), Optimizer.adam(1e-3), train, val, true,
            "tensorflow", null),
        new SetUp("healthy CNN (Adam 1e-3)", FashionMnistCnn.model(42), Optimizer.adam(1e-3),
            train.withFeatureShape(image), val.withFeatureShape(image), true, "tensorflow", null),
        new SetUp("learning rate 10× too high (Adam 1e-2)", FashionMnistMlp.model(42), Optimizer.adam(1e-2), train,
            val, true, "tensorflow", null),
        new SetUp("learning rate 1000× too low (Adam 1e-6)", FashionMnistMlp.model(42), Optimizer.adam(1e-6),
            train, val, true, "tensorflow", null),
        new SetUp("gradient sign flipped (planted, reference backend)", FashionMnistMlp.model(42),
            Optimizer.adam(1e-3), train, val, true, "reference", PlantedFault.LOSS_GRADIENT_SIGN_FLIPPED),
        new SetUp("all-zero initialisation", mlp(Initializer.zeros(), ActivationFn.RELU, 1, 128),
            Optimizer.adam(1e-3), train, val, true, "tensorflow", null),
        new SetUp("N(0, 1) initialisation, 6 tanh layers", mlp(Initializer.randomNormal(1.0), ActivationFn.TANH, 6,
            128), Optimizer.adam(1e-3), train, val, true, "tensorflow", null),
        new SetUp("labels shuffled against the images", FashionMnistMlp.model(42), Optimizer.adam(1e-3),
            shuffledLabels(train, 3), val, true, "tensorflow", null),
        new SetUp("sorted by class, shuffling off", FashionMnistMlp.model(42), Optimizer.adam(1e-3),
            sortedByClass(train), val, false, "tensorflow", null),
        new SetUp("model too small (784 → 2 → 10)", mlp(Initializer.glorotUniform(), ActivationFn.RELU, 1, 2),
            Optimizer.adam(1e-3), train, val, true, "tensorflow", null));
    List<Row> rows = new ArrayList<>();
    for (SetUp s : setUps) {
      rows.add(examine(s, out, reports));
    }
    return rows;
  }

  private static Row examine(SetUp s, PrintStream out, Path reports) {
    out.println("== " + s.name());
    try (CompiledModel m = s.model().compile(Backend.named(s.backend()), s.optimizer(),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true));
        PlantedFault.Planting p = s.fault() == null ? null : PlantedFault.plant(s.fault())) {
      DoctorReport r = TrainingDoctor.examine(m, s.train(), s.validation(),
          DoctorOptions.defaults().withShuffle(s.shuffle()));
      out.print(r.toText());
      if (reports != null) {
        out.println("report: " + r.writeHtml(reports.resolve(slug(s.name()))));
      }
      List<String> failed = r.withVerdict(Verdict.FAIL).stream().map(Check::name).toList();
      List<String> warned = r.withVerdict(Verdict.WARN).stream().map(Check::name).toList();
      String reading = r.checks().stream().filter(c -> c.verdict() != Verdict.PASS)
          .sorted((a, b) -> b.verdict().compareTo(a.verdict())).map(Check::reading).findFirst().orElse("");
      return new Row(s.name(), r.verdict(), failed, warned, reading, r.seconds());
    }
  }

  /** A folder name for a set-up: its words in lower case, joined by dashes. */
  static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  /** Flatten → {@code depth} Dense({@code width}, activation) layers with these kernels → Dense(10) logits. */
  static Sequential mlp(Initializer kernels, ActivationFn activation, int depth, int width) {
    List<dev.layerwise.layers.Layer> layers = new ArrayList<>(List.of(Input.shape(28, 28), Flatten.create()));
    for (int i = 0; i < depth; i++) {
      layers.add(Dense.units(width).withActivation(activation).withKernelInitializer(kernels));
    }
    layers.add(Dense.units(10).withKernelInitializer(kernels));
    return Sequential.of(layers.toArray(dev.layerwise.layers.Layer[]::new)).withSeed(42);
  }

  /** The same images with their labels permuted at random (seeded): labels that no longer follow the images. */
  static Dataset shuffledLabels(Dataset data, long seed) {
    int[] labels = labels(data);
    java.util.Random r = new java.util.Random(seed);
    for (int i = labels.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = labels[i];
      labels[i] = labels[j];
      labels[j] = t;
    }
    return Dataset.withClassLabels(features(data, null), data.featureShape(), labels);
  }

  /** The samples ordered by class (stable). */
  static Dataset sortedByClass(Dataset data) {
    int[] labels = labels(data);
    Integer[] order = new Integer[labels.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Integer.compare(labels[a], labels[b]));
    int[] sorted = new int[labels.length];
    int[] rows = new int[labels.length];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = order[i];
      sorted[i] = labels[order[i]];
    }
    return Dataset.withClassLabels(features(data, rows), data.featureShape(), sorted);
  }

  private static int[] labels(Dataset data) {
    int[] y = new int[data.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = (int) data.label(0, i, 0);
    }
    return y;
  }

  /** The features, in {@code rows} order (null: as they are). */
  private static float[] features(Dataset data, int[] rows) {
    int width = data.featureShape().size();
    float[] x = new float[data.size() * width];
    data.gather(rows, 0, data.size(), x, new float[data.size()]);
    return x;
  }

  /** The Markdown table: set-up, verdict, the checks that failed and warned, the first reading, seconds. */
  public static String table(List<Row> rows) {
    StringBuilder b = new StringBuilder("| set-up | verdict | FAIL | WARN | reading of the first failure | doctor s |\n"
        + "|---|---|---|---|---|---:|\n");
    for (Row r : rows) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.1f |%n", r.setUp(), r.verdict(),
          String.join(", ", r.failed()), String.join(", ", r.warned()), r.reading().replace("|", "\\|"),
          r.seconds()));
    }
    return b.toString();
  }
}
