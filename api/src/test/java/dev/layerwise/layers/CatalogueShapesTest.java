package dev.layerwise.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.testing.VisitorProbe;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Output shapes and weight lists of the catalogue's layers, with the expected numbers worked out by hand. */
class CatalogueShapesTest {
  private static Shape out(Layer layer, int... in) {
    return layer.outputShape(Shape.of(in));
  }

  @Test
  void convolutionOutputSizes() {
    // VALID: ⌊(in − k)/s⌋ + 1; SAME: ⌈in/s⌉.
    assertEquals(Shape.of(26, 26, 32), out(Conv2D.of(32, 3), 28, 28, 1));
    assertEquals(Shape.of(28, 28, 32), out(Conv2D.of(32, 3).withPadding(Padding.SAME), 28, 28, 1));
    assertEquals(Shape.of(3, 3, 4), out(Conv2D.of(4, 3).withPadding(Padding.SAME).withStrides(2), 5, 5, 2));
    assertEquals(Shape.of(2, 2, 4), out(Conv2D.of(4, 3).withStrides(2), 6, 6, 2));
    assertEquals(Shape.of(3, 3, 2), out(Conv2D.of(2, Size2D.of(2, 3)), 4, 5, 3));
  }

  @Test
  void samePaddingPutsTheExtraRowAtTheBottom() {
    // in 6, k 3, s 2: out 3, total padding (3−1)·2 + 3 − 6 = 1: 0 before, 1 after.
    assertEquals(1, Padding.SAME.totalPadding(6, 3, 2));
    assertEquals(0, Padding.SAME.padBefore(6, 3, 2));
    // in 5, k 3, s 1: out 5, padding 2: 1 before, 1 after.
    assertEquals(1, Padding.SAME.padBefore(5, 3, 1));
    assertEquals(0, Padding.VALID.padBefore(5, 3, 1));
  }

  @Test
  void convolutionWeightsAreHwio() {
    List<WeightSpec> w = Conv2D.of(8, Size2D.of(3, 5)).weights(Shape.of(10, 10, 4));
    assertEquals(Shape.of(3, 5, 4, 8), w.get(0).shape());
    assertEquals(Shape.of(8), w.get(1).shape());
    assertEquals(1, Conv2D.of(8, 3).withUseBias(false).weights(Shape.of(5, 5, 1)).size());
  }

  @Test
  void poolingShapes() {
    assertEquals(Shape.of(14, 14, 32), out(MaxPooling2D.of(2), 28, 28, 32));
    assertEquals(Shape.of(3, 3, 2), out(MaxPooling2D.of(3).withStrides(2).withPadding(Padding.SAME), 5, 5, 2));
    assertEquals(Shape.of(2, 2, 2), out(AveragePooling2D.of(3).withStrides(2), 5, 5, 2));
    assertEquals(Shape.of(7), out(GlobalAveragePooling2D.create(), 4, 4, 7));
  }

  @Test
  void maxoutHasKPiecesPerUnit() {
    List<WeightSpec> w = Maxout.of(4, 3).weights(Shape.of(6));
    assertEquals(Shape.of(6, 12), w.get(0).shape());
    assertEquals(Shape.of(12), w.get(1).shape());
    assertEquals(Shape.of(4), out(Maxout.of(4, 3), 6));
  }

  @Test
  void batchNormalizationOwnsScaleShiftAndMovingStatistics() {
    List<WeightSpec> w = BatchNormalization.create().weights(Shape.of(5, 5, 3));
    assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"),
        w.stream().map(WeightSpec::name).toList());
    assertTrue(w.get(0).trainable() && w.get(1).trainable());
    assertFalse(w.get(2).trainable() || w.get(3).trainable());
    w.forEach(s -> assertEquals(Shape.of(3), s.shape()));
    assertEquals(List.of("moving_mean", "moving_variance"), BatchNormalization.create().withCenter(false)
        .withScale(false).weights(Shape.of(4)).stream().map(WeightSpec::name).toList());
  }

  @Test
  void preluAlphaShapes() {
    assertEquals(Shape.of(16), PReLU.perChannel().weights(Shape.of(28, 28, 16)).get(0).shape());
    assertEquals(Shape.of(1), PReLU.shared().weights(Shape.of(28, 28, 16)).get(0).shape());
  }

  @Test
  void reshapeInfersOneDimension() {
    assertEquals(Shape.of(2, 3), out(Reshape.to(2, -1), 6));
    assertEquals(Shape.of(28, 28, 1), out(Reshape.to(28, 28, 1), 784));
  }

  @Test
  void softmaxAxisAndElementwiseLayersKeepShapes() {
    assertEquals(1, Softmax.axis(-2).resolvedAxis(Shape.of(2, 3, 4)));
    assertEquals(Shape.of(2, 3), out(Softmax.axis(0), 2, 3));
    assertEquals(Shape.of(5), out(LeakyReLU.create(), 5));
    assertEquals(Shape.of(5), out(ELU.create(), 5));
    assertEquals(Shape.of(5), out(Dropout.rate(0.5), 5));
    assertEquals(Shape.of(5), out(Hardmax.create(), 5));
  }

  @Test
  void conv2dWithActivationDesugars() {
    ModelSpec spec = Sequential.of(Input.shape(8, 8, 1),
        Conv2D.of(4, 3).withActivation(ActivationFn.RELU)).spec();
    assertEquals(List.of("input_layer", "conv2d", "conv2d_relu"), spec.nodes().stream().map(n -> n.name()).toList());
  }

  @Test
  void onlyHardmaxIsNotDifferentiable() {
    assertFalse(Hardmax.create().differentiable());
    assertTrue(Softmax.create().differentiable() && Dropout.rate(0.1).differentiable());
  }

  @Test
  void everyRecordDispatchesToItsOwnVisitMethod() {
    List<Layer> layers = List.of(LeakyReLU.create(), PReLU.shared(), ELU.create(), Softmax.create(),
        Maxout.of(2, 2), Hardmax.create(), Dropout.rate(0.1), BatchNormalization.create(), Conv2D.of(1, 1),
        MaxPooling2D.of(2), AveragePooling2D.of(2), GlobalAveragePooling2D.create(), Reshape.to(-1),
        Rescaling.of(2), Normalization.meanOnly(new double[] {1}), CenterCrop.of(1, 1),
        Resizing.to(2, 2), RandomFlip.of(FlipMode.VERTICAL), RandomTranslation.of(0.1, 0.1), RandomCrop.of(1, 1),
        RandomContrast.of(0.1));
    for (Layer l : layers) {
      assertEquals("visit" + l.getClass().getSimpleName(), l.accept(VisitorProbe.methodName(), null));
    }
  }
}
