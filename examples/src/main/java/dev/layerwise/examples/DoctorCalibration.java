package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.doctor.ActivationStatistics;
import dev.layerwise.doctor.Check;
import dev.layerwise.doctor.GradientNorms;
import dev.layerwise.doctor.UpdateRatios;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The calibration runs behind the thresholds of the doctor's probes at initialisation ({@link ActivationStatistics},
 * {@link GradientNorms}, {@link UpdateRatios}): healthy Fashion-MNIST set-ups (the 784-256-128-10 ReLU MLP with
 * Glorot kernels under Adam 1e-3 and SGD 0.01, the example CNN, a deep tanh net with Glorot kernels) and broken ones
 * (all-zero kernels, a deep tanh net with N(0, 0.01²) and with N(0, 1) kernels, ReLU biases of −1, Adam at 1e-2 and
 * at 1e-6). Prints every probe's numbers and checks per set-up, then a table of verdicts.
 *
 * <pre>
 * mvn -B -q -o -pl examples exec:exec -Dexample.main=dev.layerwise.examples.DoctorCalibration \
 *     -Dexample.args="--backend tensorflow"
 * </pre>
 */
public final class DoctorCalibration {
  private DoctorCalibration() {}

  /** One set-up: its name, and how to compile it. */
  record Setup(String name, Supplier<Sequential> model, Supplier<Optimizer> optimizer, boolean image, int pretrain) {
    Setup(String name, Supplier<Sequential> model, Supplier<Optimizer> optimizer, boolean image) {
      this(name, model, optimizer, image, 0);
    }
  }

  static Sequential mlp(Initializer kernels, Initializer biases) {
    return Sequential.of(Input.shape(28, 28), Flatten.create(),
        Dense.units(256).withActivation(ActivationFn.RELU).withKernelInitializer(kernels)
            .withBiasInitializer(biases),
        Dense.units(128).withActivation(ActivationFn.RELU).withKernelInitializer(kernels)
            .withBiasInitializer(biases),
        Dense.units(10).withKernelInitializer(kernels)).withName("mlp").withSeed(42);
  }

  /** 784 → seven tanh layers of 256 → 10 logits, every kernel from {@code kernels}. */
  static Sequential deepTanh(Initializer kernels) {
    List<Layer> layers = new ArrayList<>();
    layers.add(Input.shape(28, 28));
    layers.add(Flatten.create());
    for (int i = 0; i < 7; i++) {
      layers.add(Dense.units(256).withActivation(ActivationFn.TANH).withKernelInitializer(kernels));
    }
    layers.add(Dense.units(10).withKernelInitializer(kernels));
    return Sequential.of(layers.toArray(Layer[]::new)).withName("deep_tanh").withSeed(42);
  }

  static List<Setup> setups() {
    Initializer glorot = Initializer.glorotUniform();
    Initializer zero = Initializer.zeros();
    return List.of(
        new Setup("MLP Glorot, Adam 1e-3", () -> mlp(glorot, zero), () -> Optimizer.adam(1e-3), false),
        new Setup("MLP Glorot, SGD 0.01", () -> mlp(glorot, zero), () -> Optimizer.sgd(0.01), false),
        new Setup("CNN (FashionMnistCnn), Adam 1e-3", () -> FashionMnistCnn.model(42), () -> Optimizer.adam(1e-3),
            true),
        new Setup("deep tanh Glorot, Adam 1e-3", () -> deepTanh(Initializer.glorotUniform()),
            () -> Optimizer.adam(1e-3), false),
        new Setup("MLP all-zero kernels", () -> mlp(zero, zero), () -> Optimizer.adam(1e-3), false),
        new Setup("deep tanh N(0, 0.01²)", () -> deepTanh(Initializer.randomNormal(0.01)),
            () -> Optimizer.adam(1e-3), false),
        new Setup("deep tanh N(0, 1)", () -> deepTanh(Initializer.randomNormal(1.0)), () -> Optimizer.adam(1e-3),
            false),
        new Setup("MLP ReLU bias −1", () -> mlp(glorot, Initializer.constant(-1)), () -> Optimizer.adam(1e-3),
            false),
        new Setup("MLP Adam 1e-2 (10×)", () -> mlp(glorot, zero), () -> Optimizer.adam(1e-2), false),
        new Setup("MLP Adam 1e-6 (÷1000)", () -> mlp(glorot, zero), () -> Optimizer.adam(1e-6), false),
        new Setup("MLP Adam 1e-1 (100×)", () -> mlp(glorot, zero), () -> Optimizer.adam(1e-1), false),
        new Setup("MLP SGD 0.1", () -> mlp(glorot, zero), () -> Optimizer.sgd(0.1), false),
        new Setup("MLP SGD 1e-3", () -> mlp(glorot, zero), () -> Optimizer.sgd(1e-3), false),
        new Setup("MLP after 1 epoch at Adam 1e-1", () -> mlp(glorot, zero), () -> Optimizer.adam(1e-1), false,
            1));
  }

  public static void main(String[] args) {
    String backendName = args.length >= 2 && args[0].equals("--backend") ? args[1] : "tensorflow";
    run(Backend.named(backendName), System.out);
  }

  static void run(Backend backend, PrintStream out) {
    FashionMnist.Splits data = FashionMnist.load();
    Dataset flat = data.train();
    Dataset image = flat.withFeatureShape(Shape.of(28, 28, 1));
    List<String> table = new ArrayList<>();
    for (Setup s : setups()) {
      Dataset train = s.image() ? image : flat;
      out.println("=== " + s.name());
      try (CompiledModel m = s.model().get().compile(backend, s.optimizer().get(),
          Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
        if (s.pretrain() > 0) {
          try {
            m.fit(train, FitOptions.builder().epochs(s.pretrain()).batchSize(32).seed(1).quiet().build());
          } catch (RuntimeException e) {
            out.println("pre-training stopped: " + e.getMessage());
          }
        }
        long t0 = System.nanoTime();
        ActivationStatistics a = ActivationStatistics.measure(m, train);
        long t1 = System.nanoTime();
        GradientNorms gr = GradientNorms.measure(m, train);
        long t2 = System.nanoTime();
        UpdateRatios u = UpdateRatios.measure(m, train, 32);
        long t3 = System.nanoTime();
        out.printf(Locale.ROOT, "time: activations %.2f s, gradients %.2f s, update ratios (%d steps) %.2f s%n",
            (t1 - t0) / 1e9, (t2 - t1) / 1e9, u.steps(), (t3 - t2) / 1e9);
        out.println("means " + a.means());
        out.println("stds " + a.stds());
        out.println("saturated " + a.saturated());
        out.println("dead " + a.dead());
        out.println("grad norms " + gr.norms());
        out.println("grad relative " + gr.relative());
        out.println("update peaks " + u.peaks());
        for (Map.Entry<String, double[]> e : u.perStep().entrySet()) {
          double[] r = e.getValue();
          out.printf(Locale.ROOT, "  %s steps 1,2,5,10,%d: %s%n", e.getKey(), r.length, pick(r));
        }
        List<Check> checks = new ArrayList<>(a.checks());
        checks.addAll(gr.checks());
        checks.addAll(u.checks());
        StringBuilder verdicts = new StringBuilder();
        for (Check c : checks) {
          out.println(c.toText());
          verdicts.append(c.name()).append('=').append(c.verdict()).append("; ");
        }
        table.add(s.name() + " | " + verdicts);
      }
    }
    out.println("=== verdicts");
    table.forEach(out::println);
  }

  private static String pick(double[] r) {
    StringBuilder b = new StringBuilder();
    for (int i : new int[] {0, 1, 4, 9, r.length - 1}) {
      if (i < r.length) {
        b.append(String.format(Locale.ROOT, "%.3g ", r[i]));
      }
    }
    return b.toString();
  }
}
