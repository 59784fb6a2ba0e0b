package dev.layerwise.examples;

import dev.layerwise.Backend;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.check.GradientCheck;
import dev.layerwise.check.GradientCheckReport;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.losses.Loss;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Gradient-checks the two Fashion-MNIST models of the examples, the MLP and the CNN (batch norm, ReLU, max
 * pooling, dropout), on real images at their seeded initial weights, and prints both reports.
 *
 * <pre>
 *   mvn -q -pl examples exec:exec -Dexample.main=dev.layerwise.examples.GradientCheckExample \
 *       -Dexample.args="--backend reference --samples 8"
 * </pre>
 */
public final class GradientCheckExample {
  private GradientCheckExample() {}

  /** The reports of the MLP and the CNN. */
  public record Outcome(GradientCheckReport mlp, GradientCheckReport cnn) {}

  public static Outcome run(String backend, int samples, Path dataDir, PrintStream out) {
    Backend on = Backend.named(backend);
    FashionMnist.Splits data = FashionMnist.load(dataDir);
    Loss loss = Loss.sparseCategoricalCrossentropy().withFromLogits(true);
    GradientCheckReport mlp = check(FashionMnistMlp.model(42), loss, data.train(), on, samples);
    out.println(mlp);
    Dataset images = data.train().withFeatureShape(Shape.of(28, 28, 1));
    GradientCheckReport cnn = check(FashionMnistCnn.model(42), loss, images, on, samples);
    out.println(cnn);
    return new Outcome(mlp, cnn);
  }

  private static GradientCheckReport check(Sequential model, Loss loss, Dataset data, Backend on, int samples) {
    return GradientCheck.of(model, loss).data(data).samples(samples).onBackend(on).run();
  }

  public static void main(String[] args) {
    String backend = "reference";
    int samples = 8;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--backend" -> backend = value(args, ++i, "--backend");
        case "--samples" -> samples = Integer.parseInt(value(args, ++i, "--samples"));
        default -> throw new IllegalArgumentException("unknown argument '" + args[i]
            + "'; expected --backend reference|tensorflow, --samples N");
      }
    }
    Outcome o = run(backend, samples, FashionMnist.defaultDirectory(), System.out);
    System.exit(o.mlp().passed() && o.cnn().passed() ? 0 : 1);
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }
}
