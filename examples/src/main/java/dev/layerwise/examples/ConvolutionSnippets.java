package dev.layerwise.examples;

import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.AveragePooling2D;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.GlobalAveragePooling2D;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.Reshape;
import java.util.List;

/**
 * The code samples of the guide page {@code docs/convolution.md}, verbatim between {@code // region NAME} and {@code //
 * endregion NAME}. {@code DocSnippetsTest} checks that each {@code java} block of the page shows exactly these lines;
 * {@code ConvolutionSnippetsTest} builds or runs each sample as the page describes it.
 */
public final class ConvolutionSnippets {
  private ConvolutionSnippets() {}

  /** The Fashion-MNIST CNN of {@link FashionMnistCnn}. */
  public static Sequential cnn() {
    // region cnn
    Sequential model = Sequential.of(
        Input.shape(28, 28, 1),                                          // NHWC: one grey channel
        Conv2D.of(32, 3).withPadding(Padding.SAME).withUseBias(false)    // kernel [3, 3, 1, 32] (HWIO)
            .withKernelInitializer(Initializer.heNormal()),
        BatchNormalization.create().withMomentum(0.9),
        Activation.of(ActivationFn.RELU),
        MaxPooling2D.of(2),                                              // 28×28 → 14×14
        Conv2D.of(64, 3).withPadding(Padding.SAME).withUseBias(false)    // kernel [3, 3, 32, 64]
            .withKernelInitializer(Initializer.heNormal()),
        BatchNormalization.create().withMomentum(0.9),
        Activation.of(ActivationFn.RELU),
        MaxPooling2D.of(2),                                              // 14×14 → 7×7
        Flatten.create(),                                                // 7·7·64 = 3,136 values
        Dropout.rate(0.3),
        Dense.units(128).withActivation(ActivationFn.RELU).withKernelInitializer(Initializer.heNormal()),
        Dropout.rate(0.2),
        Dense.units(10));                                                // logits
    // endregion cnn
    return model;
  }

  /** Images as NHWC datasets. */
  public static Dataset imageData() {
    // region image-data
    FashionMnist.Splits data = FashionMnist.load();
    Dataset train = data.train().withFeatureShape(Shape.of(28, 28, 1));   // the same floats, seen as [28, 28, 1]
    // endregion image-data
    return train;
  }

  /** Output sizes of convolutions and pooling. */
  public static List<Object> convShapes() {
    // region conv-shapes
    Shape in = Shape.of(28, 28, 3);
    Shape a = Conv2D.of(16, 3).outputShape(in);                                          // [26, 26, 16]
    Shape b = Conv2D.of(16, 3).withPadding(Padding.SAME).outputShape(in);                // [28, 28, 16]
    Shape c = Conv2D.of(16, 3).withStrides(2).withPadding(Padding.SAME).outputShape(in); // [14, 14, 16]
    Shape d = Conv2D.of(16, 5).withStrides(2).outputShape(in);                           // [12, 12, 16]
    Shape e = MaxPooling2D.of(2).outputShape(Shape.of(7, 7, 16));                        // [3, 3, 16]
    Shape f = MaxPooling2D.of(2).withPadding(Padding.SAME).outputShape(Shape.of(7, 7, 16)); // [4, 4, 16]
    int total = Padding.SAME.totalPadding(28, 3, 2);                                     // 1
    int top = Padding.SAME.padBefore(28, 3, 2);                                          // 0: the 1 goes below
    // endregion conv-shapes
    return List.of(a, b, c, d, e, f, total, top);
  }

  /** Global average pooling instead of Flatten + a big Dense layer. */
  public static Sequential globalAveragePooling() {
    // region gap-head
    Sequential model = Sequential.of(
        Input.shape(28, 28, 1),
        Conv2D.of(32, 3).withPadding(Padding.SAME).withActivation(ActivationFn.RELU),
        Conv2D.of(64, 3).withStrides(2).withPadding(Padding.SAME)
            .withActivation(ActivationFn.RELU),                 // [14, 14, 64]
        GlobalAveragePooling2D.create(),                        // [64]: the mean of each channel
        Dense.units(10));
    // endregion gap-head
    return model;
  }

  /** Flat pixels reshaped into an image inside the model. */
  public static Sequential reshapeInput() {
    // region reshape-input
    Sequential model = Sequential.of(
        Input.shape(784),                                       // flat pixels
        Reshape.to(28, 28, 1),                                  // row-major: pixel (i, j) is value 28·i + j
        Conv2D.of(16, 5).withActivation(ActivationFn.RELU),     // [24, 24, 16]
        AveragePooling2D.of(2),                                 // [12, 12, 16]
        Flatten.create(),
        Dense.units(10));
    // endregion reshape-input
    return model;
  }
}
