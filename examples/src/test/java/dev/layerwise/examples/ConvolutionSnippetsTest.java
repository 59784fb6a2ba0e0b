package dev.layerwise.examples;

import static dev.layerwise.examples.SnippetAssertions.assertClose;
import static dev.layerwise.examples.SnippetAssertions.outputShape;
import static dev.layerwise.examples.SnippetAssertions.parameterCount;
import static dev.layerwise.examples.SnippetAssertions.predict;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.Backend;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.AveragePooling2D;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.GlobalAveragePooling2D;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.Reshape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The samples of {@code docs/convolution.md} ({@link ConvolutionSnippets}) build and run as the page says. */
class ConvolutionSnippetsTest {
  @Test
  void theConvolutionSamplesHaveTheDocumentedShapes() {
    assertEquals(List.of(Shape.of(26, 26, 16), Shape.of(28, 28, 16), Shape.of(14, 14, 16), Shape.of(12, 12, 16),
        Shape.of(3, 3, 16), Shape.of(4, 4, 16), 1, 0), ConvolutionSnippets.convShapes());
    assertEquals(1, Padding.SAME.padBefore(28, 3, 1));              // (b): p = 2, one above and one below
    assertEquals(2, Padding.SAME.totalPadding(28, 3, 1));

    assertEquals(FashionMnistCnn.model(0).layers(), ConvolutionSnippets.cnn().layers(),
        "the guide shows the example's CNN");
    assertEquals(Shape.of(3136), outputShape(ConvolutionSnippets.cnn(), "flatten"));

    Sequential gap = ConvolutionSnippets.globalAveragePooling();
    assertEquals(Shape.of(64), outputShape(gap, "global_average_pooling2d"));
    assertEquals(650, parameterCount(gap, "dense"));
    assertEquals(125_450, Sequential.of(Input.shape(14, 14, 64), Flatten.create(), Dense.units(10)).spec()
        .parameterCount());

    Sequential reshape = ConvolutionSnippets.reshapeInput();
    assertEquals(Shape.of(24, 24, 16), outputShape(reshape, "conv2d"));
    assertEquals(Shape.of(12, 12, 16), outputShape(reshape, "average_pooling2d"));
    assertEquals(Shape.of(8, 4), Reshape.to(-1, 4).outputShape(Shape.of(2, 4, 4)));
  }

  @Test
  void imagesAreTheSameFloatsSeenAsNhwc() {
    Dataset train = ConvolutionSnippets.imageData();
    assertEquals(Shape.of(28, 28, 1), train.featureShape());
    assertEquals(60_000, train.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void flattenAndReshapeKeepRowMajorOrder(String name) {
    Backend backend = Backend.named(name);
    float[] x = new float[2 * 24];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    // [2, 3, 4] (H, W, C) flattened: value (i, j, c) at (i·W + j)·C + c, i.e. unchanged
    assertArrayEquals(x, predict(backend, Sequential.of(Input.shape(2, 3, 4), Flatten.create()), x));
    assertArrayEquals(x, predict(backend, Sequential.of(Input.shape(24), Reshape.to(2, -1, 4), Flatten.create()), x));
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void samePaddingPutsTheExtraRowAndColumnAtTheBottomRight(String name) {
    Backend backend = Backend.named(name);
    float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};                        // a 3×3 image, one channel
    // a 2×2 window of ones, stride 1, SAME: p = 1, nothing before, one row/column after
    Sequential conv = Sequential.of(Input.shape(3, 3, 1), Conv2D.of(1, 2).withPadding(Padding.SAME)
        .withUseBias(false).withKernelInitializer(Initializer.ones()));
    assertClose(new float[] {12, 16, 9, 24, 28, 15, 15, 17, 9}, predict(backend, conv, x), 1e-6, "conv SAME");

    float[] neg = new float[9];
    for (int i = 0; i < 9; i++) {
      neg[i] = -x[i];
    }
    // 2×2 windows, stride 2, SAME on 3×3: out 2×2, the last window row/column holds one real row/column
    Sequential max = Sequential.of(Input.shape(3, 3, 1), MaxPooling2D.of(2).withPadding(Padding.SAME));
    assertClose(new float[] {-1, -3, -7, -9}, predict(backend, max, neg), 1e-6, "max pooling ignores padding");
    Sequential avg = Sequential.of(Input.shape(3, 3, 1), AveragePooling2D.of(2).withPadding(Padding.SAME));
    assertClose(new float[] {-3, -4.5f, -7.5f, -9}, predict(backend, avg, neg), 1e-6,
        "average pooling divides by the real positions");
    Sequential gap = Sequential.of(Input.shape(3, 3, 1), GlobalAveragePooling2D.create());
    assertClose(new float[] {-5}, predict(backend, gap, neg), 1e-6, "global average");
  }
}
