package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.check.GradientCheck;
import dev.layerwise.check.GradientCheckReport;
import dev.layerwise.check.ParameterCheck;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.losses.Loss;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Fashion-MNIST MLP and CNN pass the gradient check on real images (Debian's dataset-fashion-mnist): every
 * trainable tensor, on the reference backend, and the MLP on TensorFlow in float64.
 */
class GradientCheckExampleTest {
  @Test
  void theMlpAndTheCnnPassOnTheReferenceBackend() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    GradientCheckExample.Outcome o = GradientCheckExample.run("reference", 4, FashionMnist.defaultDirectory(),
        new PrintStream(buffer, true, StandardCharsets.UTF_8));
    System.out.print(buffer.toString(StandardCharsets.UTF_8));
    assertTrue(o.mlp().passed(), o.mlp().toString());
    assertTrue(o.cnn().passed(), o.cnn().toString());
    assertEquals(List.of("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"), weights(o.mlp()));
    assertEquals(List.of("conv2d/kernel", "batch_normalization/gamma", "batch_normalization/beta", "conv2d_1/kernel",
        "batch_normalization_1/gamma", "batch_normalization_1/beta", "dense/kernel", "dense/bias", "dense_1/kernel",
        "dense_1/bias"), weights(o.cnn()));
    assertTrue(buffer.toString(StandardCharsets.UTF_8).contains("10 passed, 0 failed, 0 inconclusive"));
  }

  @Test
  void theMlpPassesOnTensorflowInFloat64() {
    FashionMnist.Splits data = FashionMnist.load(FashionMnist.defaultDirectory());
    GradientCheckReport r = GradientCheck.of(FashionMnistMlp.model(42),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true)).data(data.test()).onBackend("tensorflow").run();
    assertTrue(r.passed(), r.toString());
    assertEquals("tensorflow", r.backend());
    assertEquals(4, r.checks().size());
  }

  private static List<String> weights(GradientCheckReport r) {
    return r.checks().stream().map(ParameterCheck::weight).toList();
  }
}
