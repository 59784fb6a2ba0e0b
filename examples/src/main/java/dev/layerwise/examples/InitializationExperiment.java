package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.Initializer;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.NdValue;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The initialisation experiment of the course notes: push 1,000 samples of 512-dimensional N(0, 1) data through a
 * 10-layer MLP of 512 units per layer, untrained, and watch each hidden layer's activations — once with tanh, once
 * with ReLU, for each of four initial weight distributions:
 *
 * <ul>
 *   <li>{@code N(0, 0.01²)}: Var(z) = 512·10⁻⁴·Var(x) ≈ 0.05·Var(x), so activations shrink to 0 layer after layer
 *       (and with them the gradients of every weight, ∂C/∂W = δ·zᵀ);
 *   <li>{@code N(0, 1)}: Var(z) ≈ 512·Var(x): tanh saturates at ±1 (where its derivative vanishes), ReLU explodes;
 *   <li>Glorot normal, Var(w) = 2/(fanIn + fanOut) = 1/512: tanh keeps a healthy spread;
 *   <li>He normal, Var(w) = 2/fanIn: compensates for ReLU zeroing half its inputs, so ReLU activations keep
 *       their scale from layer to layer.
 * </ul>
 *
 * <p>Biases are zero (Keras's default). The full 10-layer model is compiled once, which draws its weights from the
 * seed; each hidden layer's activations are then read by a one-layer model that takes that layer's name and
 * weights ({@link CompiledModel#weights()} → {@link CompiledModel#setWeights}) and is fed the previous layer's
 * activations. That is the same arithmetic as the first k layers of the full model, at one layer's cost per layer.
 * Runs on either backend ({@code --backend}, default {@code tensorflow}; the reference backend computes in double).
 *
 * <pre>
 * mvn -q -pl examples exec:exec -Dexample.main=dev.layerwise.examples.InitializationExperiment \
 *     -Dexample.args="--out target/initialization.png"
 * </pre>
 */
public final class InitializationExperiment {
  public static final int LAYERS = 10;
  public static final int UNITS = 512;
  public static final int SAMPLES = 1000;
  /** What counts as a saturated tanh unit. */
  public static final double SATURATION = 0.9;

  /** One initializer under test, with the label the table and plot use. */
  public record Init(String label, Initializer initializer) {}

  /** The four initial weight distributions of the notes. */
  public static final List<Init> INITS = List.of(
      new Init("N(0, 0.01²)", Initializer.randomNormal(0.01)),
      new Init("N(0, 1)", Initializer.randomNormal(1.0)),
      new Init("Glorot normal", Initializer.glorotNormal()),
      new Init("He normal", Initializer.heNormal()));

  /** The two activations of the notes. */
  public static final List<ActivationFn> ACTIVATIONS = List.of(ActivationFn.TANH, ActivationFn.RELU);

  /**
   * Statistics of one hidden layer's activations over all samples and units.
   *
   * @param layer 1-based
   * @param saturated the share of activations with |a| &gt; {@value #SATURATION}
   */
  public record LayerStats(int layer, double mean, double std, double saturated) {}

  /** One (activation, initializer) run: a row of statistics per hidden layer. */
  public record Run(ActivationFn activation, Init init, List<LayerStats> layers) {
    public LayerStats layer(int oneBased) {
      return layers.get(oneBased - 1);
    }

    public LayerStats last() {
      return layers.get(layers.size() - 1);
    }
  }

  /** Every run, tanh first, initializers in {@link #INITS} order. */
  public record Result(String backend, List<Run> runs) {
    public Run run(ActivationFn activation, String initLabel) {
      return runs.stream().filter(r -> r.activation() == activation && r.init().label().equals(initLabel))
          .findFirst().orElseThrow(() -> new IllegalArgumentException("no run " + activation + " × " + initLabel));
    }
  }

  private InitializationExperiment() {}

  /** The 10-layer model; layers are named {@code hidden_1 … hidden_10} so one-layer models can take their weights. */
  public static Sequential model(ActivationFn activation, Initializer kernel, long seed) {
    List<Layer> layers = new ArrayList<>();
    layers.add(Input.shape(UNITS));
    for (int k = 1; k <= LAYERS; k++) {
      layers.add(hidden(k, activation, kernel));
    }
    return Sequential.of(layers).withName("init_" + activation.kerasName()).withSeed(seed);
  }

  private static Dense hidden(int k, ActivationFn activation, Initializer kernel) {
    return Dense.units(UNITS).withActivation(activation).withKernelInitializer(kernel).withName("hidden_" + k);
  }

  /** {@link #SAMPLES} samples of {@link #UNITS}-dimensional N(0, 1) data. */
  public static float[] inputs(long seed) {
    SeededRandom random = new SeededRandom(SeededRandom.derive(seed, "inputs"));
    float[] x = new float[SAMPLES * UNITS];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    return x;
  }

  /** Runs every activation × initializer on one backend and returns each hidden layer's statistics. */
  public static Result run(Backend backend, long seed) {
    float[] x = inputs(seed);
    List<Run> runs = new ArrayList<>();
    for (ActivationFn activation : ACTIVATIONS) {
      for (Init init : INITS) {
        runs.add(new Run(activation, init, layerStats(backend, activation, init.initializer(), x, seed)));
      }
    }
    return new Result(backend.name(), List.copyOf(runs));
  }

  /** Activation statistics of each hidden layer of one untrained model. */
  public static List<LayerStats> layerStats(Backend backend, ActivationFn activation, Initializer kernel,
      float[] inputs, long seed) {
    // The loss and optimizer are never used: nothing is trained.
    Loss loss = Loss.meanSquaredError();
    Optimizer optimizer = Optimizer.sgd(0.01);
    Map<String, NdValue> weights;
    try (CompiledModel full = model(activation, kernel, seed).compile(backend, optimizer, loss)) {
      weights = full.weights();
    }
    List<LayerStats> stats = new ArrayList<>();
    float[] a = inputs;
    for (int k = 1; k <= LAYERS; k++) {
      Sequential one = Sequential.of(Input.shape(UNITS), hidden(k, activation, kernel));
      try (CompiledModel m = one.compile(backend, optimizer, loss)) {
        Map<String, NdValue> own = new LinkedHashMap<>();
        for (String name : m.weightNames()) {
          own.put(name, weights.get(name));                          // hidden_k/kernel, hidden_k/bias
        }
        m.setWeights(own);
        a = m.predict(Dataset.featuresOnly(a, Shape.of(UNITS)), SAMPLES);
      }
      stats.add(stats(k, a));
    }
    return List.copyOf(stats);
  }

  private static LayerStats stats(int layer, float[] a) {
    double sum = 0;
    int saturated = 0;
    for (float v : a) {
      sum += v;
      saturated += Math.abs(v) > SATURATION ? 1 : 0;
    }
    double mean = sum / a.length;
    double squares = 0;
    for (float v : a) {
      squares += (v - mean) * (v - mean);
    }
    return new LayerStats(layer, mean, Math.sqrt(squares / a.length), (double) saturated / a.length);
  }

  /** The table: a row per hidden layer, a (mean, std) column pair per initializer; one block per activation. */
  public static String table(Result result) {
    StringBuilder b = new StringBuilder();
    for (ActivationFn activation : ACTIVATIONS) {
      b.append(activation.kerasName()).append(" — mean / std of each hidden layer's activations\n\n");
      b.append("| layer |");
      for (Init init : INITS) {
        b.append(' ').append(init.label()).append(" mean | std |");
      }
      b.append("\n|---:|");
      b.append("---:|---:|".repeat(INITS.size()));
      b.append('\n');
      for (int k = 1; k <= LAYERS; k++) {
        b.append("| ").append(k).append(" |");
        for (Init init : INITS) {
          LayerStats s = result.run(activation, init.label()).layer(k);
          b.append(' ').append(number(s.mean())).append(" | ").append(number(s.std())).append(" |");
        }
        b.append('\n');
      }
      b.append('\n');
      if (activation == ActivationFn.TANH) {
        b.append("share of saturated units (|a| > ").append(SATURATION).append(") in layer ").append(LAYERS)
            .append(':');
        for (Init init : INITS) {
          b.append(String.format(Locale.ROOT, " %s %.1f%%;", init.label(),
              100 * result.run(activation, init.label()).last().saturated()));
        }
        b.setLength(b.length() - 1);
        b.append("\n\n");
      }
    }
    return b.toString();
  }

  /** Three significant digits, in scientific notation outside [0.001, 1000). */
  static String number(double v) {
    double m = Math.abs(v);
    if (v == 0) {
      return "0";
    }
    return m >= 1e-3 && m < 1e3 ? String.format(Locale.ROOT, "%.3g", v)
        : String.format(Locale.ROOT, "%.2e", v);
  }

  /** Writes the plot as a PNG (XChart, headless): see {@link InitializationPlot}. */
  public static void plot(Result result, Path png) {
    InitializationPlot.write(result, png);
  }

  public static void main(String[] args) {
    String backend = "tensorflow";
    Path out = Path.of("target/initialization.png");
    long seed = 42;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("argument '" + args[i] + "' needs a value");
      }
      switch (args[i]) {
        case "--backend" -> backend = args[i + 1];
        case "--out" -> out = Path.of(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown argument '" + args[i]
            + "'; expected --backend, --out or --seed");
      }
    }
    PrintStream o = System.out;
    long start = System.nanoTime();
    Result result = run(Backend.named(backend), seed);
    o.print(table(result));
    plot(result, out);
    o.printf(Locale.ROOT, "%s backend, %.1f s; plot written to %s%n", result.backend(),
        (System.nanoTime() - start) / 1e9, out.toAbsolutePath());
  }
}
