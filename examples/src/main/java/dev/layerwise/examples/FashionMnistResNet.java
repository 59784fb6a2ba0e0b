package dev.layerwise.examples;

import com.sun.management.OperatingSystemMXBean;
import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.EpochLogs;
import dev.layerwise.Evaluation;
import dev.layerwise.FitCallback;
import dev.layerwise.FitOptions;
import dev.layerwise.Model;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Add;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.schedules.LearningRateSchedule;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small residual network on Fashion-MNIST, built with the functional API: a convolutional stem, two residual
 * blocks (the first widening the channels through a 1×1 projection on its skip path), and the dense head of
 * {@link FashionMnistCnn}. Each block adds its input back to what its two convolutions computed ({@code Add}), so
 * the blocks learn a correction to the identity.
 *
 * <pre>
 * mvn -q -pl examples exec:exec -Dexample.main=dev.layerwise.examples.FashionMnistResNet
 * mvn -q -pl examples exec:exec -Dexample.main=dev.layerwise.examples.FashionMnistResNet \
 *     -Dexample.args="--backend reference --epochs 1"
 * </pre>
 *
 * <p>Arguments: {@code --backend tensorflow|reference}, {@code --epochs N} (default {@value #DEFAULT_EPOCHS}),
 * {@code --batch-size N} (default {@value #DEFAULT_BATCH_SIZE}), {@code --train-samples N} (the first N training
 * images; default all 60,000), {@code --data DIR} (default the Debian package's folder or
 * {@code $FASHION_MNIST_DIR}), {@code --seed N}. {@code --draw PREFIX} only draws the model, into
 * {@code PREFIX.dot} and {@code PREFIX.png} (Graphviz's {@code dot} must be installed), and trains nothing: the
 * guide's picture is made so, {@code --draw ../docs/images/fashion-mnist-resnet}.
 */
public final class FashionMnistResNet {

  /**
   * The learning rate anneals to 0 over them. With seed 42 on TF: 0.913 test accuracy after 4 epochs (a hair above
   * {@link FashionMnistCnn}'s 0.911), 0.918 after 5 — hence 5, about 3.5 minutes of training on an idle 2-core
   * machine.
   */
  public static final int DEFAULT_EPOCHS = 5;
  public static final int DEFAULT_BATCH_SIZE = 32;
  /** Adam's starting rate, annealed along a cosine to 0 at the last step (which gains more than a longer run). */
  public static final double LEARNING_RATE = 1e-3;

  /**
   * What a run measured.
   *
   * @param secondsPerEpoch wall time of each epoch, as {@code fit} measured it
   * @param cpuSecondsPerEpoch the CPU time the process used in each epoch: with TF's one intra-op and one inter-op
   *     thread (the setting on 2 cores), about the wall time the epoch takes on an otherwise idle machine, so a
   *     fair measure on a shared one
   * @param trainLoss the training loss of each epoch
   */
  public record Outcome(double testAccuracy, double testLoss, List<Double> secondsPerEpoch,
      List<Double> cpuSecondsPerEpoch, List<Double> trainLoss) {
    public double meanSecondsPerEpoch() {
      return mean(secondsPerEpoch);
    }

    public double meanCpuSecondsPerEpoch() {
      return mean(cpuSecondsPerEpoch);
    }

    private static double mean(List<Double> xs) {
      return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
  }

  /**
   * Settings of a run.
   *
   * @param trainSamples how many of the training images to train on (the first ones), 0 for all
   * @param testSamples how many of the test images to evaluate, 0 for all
   */
  public record Settings(String backend, int epochs, int batchSize, Path dataDir, long seed, int trainSamples,
      int testSamples) {
    static Settings parse(String[] args) {
      String backend = "tensorflow";
      int epochs = DEFAULT_EPOCHS;
      int batch = DEFAULT_BATCH_SIZE;
      Path data = FashionMnist.defaultDirectory();
      long seed = 42;
      int train = 0;
      for (int i = 0; i < args.length; i += 2) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        if (value == null) {
          throw new IllegalArgumentException("argument '" + args[i] + "' needs a value");
        }
        switch (args[i]) {
          case "--backend" -> backend = value;
          case "--epochs" -> epochs = Integer.parseInt(value);
          case "--batch-size" -> batch = Integer.parseInt(value);
          case "--train-samples" -> train = Integer.parseInt(value);
          case "--data" -> data = Path.of(value);
          case "--seed" -> seed = Long.parseLong(value);
          default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; expected --backend,"
              + " --epochs, --batch-size, --train-samples, --data, --seed or --draw");
        }
      }
      return new Settings(backend, epochs, batch, data, seed, train, 0);
    }
  }

  private FashionMnistResNet() {}

  /**
   * image → [conv(16) → BN → ReLU] → max-pool → block(32) → max-pool → block(32) → Flatten → Dropout(0.3) →
   * Dense(128, relu) → Dropout(0.2) → Dense(10) logits: 28×28 images, blocks at 14×14 (widening 16 to 32 channels,
   * so its skip is a projection) and 7×7 (an identity skip). About 4 million multiply-adds per image, a little
   * fewer than {@link FashionMnistCnn}'s 4.2 million, most of them in the first block. As in
   * {@link FashionMnistCnn}: no convolution bias before batch normalisation, He-normal kernels before ReLUs, and a
   * batch-norm momentum of 0.9 for a short run.
   */
  public static Model model(long seed) {
    SymbolicTensor image = Input.shape(28, 28, 1).withName("image").tensor();
    SymbolicTensor x = relu(convBn(image, 16, 3, "stem"), "stem");                  // 28×28×16
    x = MaxPooling2D.of(2).withName("pool_1").apply(x);                             // 14×14×16
    x = residualBlock(x, 32, "block_1");                                           // 14×14×32, projected skip
    x = MaxPooling2D.of(2).withName("pool_2").apply(x);                             // 7×7×32
    x = residualBlock(x, 32, "block_2");                                           // 7×7×32, identity skip
    x = Flatten.create().apply(x);
    x = Dropout.rate(0.3).apply(x);
    x = Dense.units(128).withActivation(ActivationFn.RELU).withKernelInitializer(Initializer.heNormal()).apply(x);
    x = Dropout.rate(0.2).apply(x);
    SymbolicTensor logits = Dense.units(10).withName("logits").apply(x);
    return Model.of(image, logits).withName("fashion_mnist_resnet").withSeed(seed);
  }

  /**
   * {@code relu(bn(conv(relu(bn(conv(x))))) + skip(x))}, where {@code skip} is the identity when the channels stay
   * and a 1×1 convolution with batch normalisation when they change (the shapes of {@code Add}'s inputs must be
   * equal: it does not broadcast).
   */
  static SymbolicTensor residualBlock(SymbolicTensor x, int filters, String name) {
    SymbolicTensor y = relu(convBn(x, filters, 3, name + "_a"), name + "_a");
    y = convBn(y, filters, 3, name + "_b");
    SymbolicTensor skip = x.shape().last() == filters ? x : convBn(x, filters, 1, name + "_skip");
    return relu(Add.create().withName(name + "_add").apply(y, skip), name);
  }

  private static SymbolicTensor convBn(SymbolicTensor x, int filters, int kernel, String name) {
    SymbolicTensor c = Conv2D.of(filters, kernel).withPadding(Padding.SAME).withUseBias(false)
        .withKernelInitializer(Initializer.heNormal()).withName(name + "_conv").apply(x);
    return BatchNormalization.create().withMomentum(0.9).withName(name + "_bn").apply(c);
  }

  private static SymbolicTensor relu(SymbolicTensor x, String name) {
    return Activation.of(ActivationFn.RELU).withName(name + "_relu").apply(x);
  }

  public static Outcome run(Settings s, PrintStream out) {
    FashionMnist.Splits data = FashionMnist.load(s.dataDir());
    Shape image = Shape.of(28, 28, 1);                                 // NHWC: one grey channel
    Dataset train = data.train().withFeatureShape(image);
    Dataset test = data.test().withFeatureShape(image);
    train = s.trainSamples() > 0 ? train.take(s.trainSamples()) : train;
    test = s.testSamples() > 0 ? test.take(s.testSamples()) : test;
    Model model = model(s.seed());
    out.println(model.summary());
    Backend backend = Backend.named(s.backend());
    List<Double> seconds = new ArrayList<>();
    List<Double> cpuSeconds = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    FitCallback timer = new FitCallback() {
      private long cpuAtStart;

      @Override
      public void onEpochBegin(int epoch, int epochs) {
        cpuAtStart = os.getProcessCpuTime();
      }

      @Override
      public void onEpochEnd(EpochLogs logs) {
        seconds.add(logs.seconds());
        cpuSeconds.add((os.getProcessCpuTime() - cpuAtStart) / 1e9);
        losses.add(logs.get("loss"));
      }
    };
    long steps = (long) s.epochs() * ((train.size() + s.batchSize() - 1) / s.batchSize());
    Optimizer adam = Optimizer.adam(LearningRateSchedule.cosineDecay(LEARNING_RATE, steps));
    try (CompiledModel m = model.compile(backend, adam, Loss.sparseCategoricalCrossentropy().withFromLogits(true),
        Metric.ACCURACY)) {
      m.fit(train, FitOptions.builder().epochs(s.epochs()).batchSize(s.batchSize()).seed(s.seed())
          .callbacks(FashionMnistMlp.progress(out), timer).build());
      Evaluation eval = m.evaluate(test);
      Outcome o = new Outcome(eval.metric(Metric.ACCURACY), eval.loss(), List.copyOf(seconds),
          List.copyOf(cpuSeconds), List.copyOf(losses));
      out.printf(Locale.ROOT, "test accuracy %.4f, test loss %.4f after %d epochs at batch %d on %,d images (%s"
              + " backend, %.1f s/epoch, %.1f CPU s/epoch)%n", o.testAccuracy(), o.testLoss(), s.epochs(),
          s.batchSize(), train.size(), backend.name(), o.meanSecondsPerEpoch(), o.meanCpuSecondsPerEpoch());
      return o;
    }
  }

  /** Writes the model's graph as DOT text to {@code prefix.dot} and draws it to {@code prefix.png}. */
  public static void draw(Path prefix) throws IOException {
    Model model = model(42);
    Files.writeString(Path.of(prefix + ".dot"), model.toDot());
    model.plot(Path.of(prefix + ".png"));
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 2 && args[0].equals("--draw")) {
      draw(Path.of(args[1]));
      return;
    }
    run(Settings.parse(args), System.out);
  }
}
