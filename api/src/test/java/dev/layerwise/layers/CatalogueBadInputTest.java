package dev.layerwise.layers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.regularizers.Regularizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every bad argument of the layer catalogue fails in Java, naming the layer or argument, what was expected and
 * what was given.
 */
class CatalogueBadInputTest {
  private static void fails(Executable e, String... fragments) {
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
    for (String f : fragments) {
      assertTrue(x.getMessage().contains(f), "'" + f + "' missing from: " + x.getMessage());
    }
  }

  @Test
  void dropoutRateOutsideTheUnitInterval() {
    fails(() -> Dropout.rate(1.0), "Dropout", "[0, 1)", "1.0");
    fails(() -> Dropout.rate(-0.1), "Dropout", "[0, 1)", "-0.1");
    fails(() -> new Dropout("drop", 1.5), "Dropout 'drop'", "1.5");
  }

  @Test
  void conv2dOnInputThatIsNotAnImage() {
    fails(() -> Sequential.of(Input.shape(784), Conv2D.of(8, 3)), "Conv2D 'conv2d'",
        "rank-4 NHWC input [batch, height, width, channels]", "(None, 784)");
    fails(() -> Sequential.of(Input.shape(28, 28), Conv2D.of(8, 3)), "Conv2D", "(None, 28, 28)");
  }

  @Test
  void aKernelLargerThanTheInputWithValidPadding() {
    fails(() -> Sequential.of(Input.shape(4, 4, 1), Conv2D.of(8, 5)), "Conv2D 'conv2d'", "window of 5",
        "height of 4", "VALID");
    // SAME padding makes it legal.
    Sequential.of(Input.shape(4, 4, 1), Conv2D.of(8, 5).withPadding(Padding.SAME));
    fails(() -> Sequential.of(Input.shape(2, 2, 1), MaxPooling2D.of(3)), "MaxPooling2D", "window of 3");
  }

  @Test
  void stridesMustBePositive() {
    fails(() -> Conv2D.of(8, 3).withStrides(0), "Conv2D", "strides must be positive", "0×0");
    fails(() -> Conv2D.of(8, 3).withStrides(2, -1), "Conv2D", "strides must be positive", "2×-1");
    fails(() -> MaxPooling2D.of(2).withStrides(0), "MaxPooling2D", "strides must be positive", "0×0");
    fails(() -> AveragePooling2D.of(2).withStrides(-2), "AveragePooling2D", "strides must be positive", "-2×-2");
    fails(() -> Conv2D.of(0, 3), "Conv2D", "filters must be positive", "0");
  }

  @Test
  void batchNormalizationMomentumAndEpsilon() {
    fails(() -> BatchNormalization.create().withMomentum(1.0), "BatchNormalization", "momentum", "[0, 1)", "1.0");
    fails(() -> BatchNormalization.create().withMomentum(-0.5), "momentum", "-0.5");
    fails(() -> BatchNormalization.create().withEpsilon(0), "BatchNormalization", "epsilon must be positive", "0.0");
    fails(() -> BatchNormalization.create().withName("bn").withEpsilon(-1e-3), "BatchNormalization 'bn'",
        "-0.001");
  }

  @Test
  void maxoutNeedsAtLeastTwoPieces() {
    fails(() -> Maxout.of(4, 1), "Maxout", "pieces must be at least 2", "got 1");
    fails(() -> Maxout.of(0, 2), "Maxout", "units must be positive", "0");
  }

  @Test
  void regularizationFactorsMustBeNonNegative() {
    fails(() -> Regularizer.l1(-0.01), "L1", "l1", "non-negative", "-0.01");
    fails(() -> Regularizer.l2(-1), "L2", "l2", "-1.0");
    fails(() -> Regularizer.l1l2(0.01, -0.5), "L1L2", "l2", "-0.5");
    fails(() -> Regularizer.l1(Double.NaN), "L1", "NaN");
  }

  @Test
  void preluAlphaShapeMustFitTheInput() {
    fails(() -> Sequential.of(Input.shape(28, 28, 16), PReLU.perChannel().withAlphaShape(Shape.of(3))),
        "PReLU 'p_re_lu'", "alpha shape [3]", "does not fit input [28, 28, 16]");
    fails(() -> Sequential.of(Input.shape(4), PReLU.perChannel().withAlphaShape(Shape.of(2, 4))), "PReLU",
        "[2, 4]");
    // Right-aligned broadcasting: [16], [1, 16] and [28, 1, 1] fit [28, 28, 16].
    Sequential.of(Input.shape(28, 28, 16), PReLU.perChannel().withAlphaShape(Shape.of(1, 16)));
    Sequential.of(Input.shape(28, 28, 16), PReLU.perChannel().withAlphaShape(Shape.of(28, 1, 1)));
  }

  @Test
  void otherActivationParameters() {
    fails(() -> LeakyReLU.alpha(-0.1), "LeakyReLU", "alpha", "-0.1");
    fails(() -> ELU.alpha(0), "ELU", "alpha must be positive", "0.0");
    fails(() -> Sequential.of(Input.shape(3, 4), Softmax.axis(2)), "Softmax 'softmax'", "axis 2",
        "[3, 4]");
    fails(() -> Reshape.to(2, -1, -1), "Reshape", "at most one", "-1");
    fails(() -> Sequential.of(Input.shape(6), Reshape.to(4, 2)), "Reshape 'reshape'", "[6]", "[4, 2]");
  }
}
