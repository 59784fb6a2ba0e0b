package dev.layerwise.examples;

import dev.layerwise.Sequential;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.CenterCrop;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Normalization;
import dev.layerwise.layers.RandomRotation;
import dev.layerwise.layers.RandomZoom;
import dev.layerwise.layers.Rescaling;
import dev.layerwise.layers.Resizing;

/**
 * The code samples of the guide page {@code docs/preprocessing-and-augmentation.md}, verbatim between
 * {@code // region NAME} and {@code // endregion NAME}; {@code PreprocessingSnippetsTest} builds and runs them.
 */
public final class PreprocessingSnippets {
  private PreprocessingSnippets() {}

  /** Raw pixels in [0, 255] scaled to [0, 1] inside the model. */
  public static Sequential rescaling() {
    // region rescaling
    Sequential model = Sequential.of(
        Input.shape(28, 28, 1),
        Rescaling.of(1 / 255.0),                    // raw pixels in, [0, 1] out
        Flatten.create(),
        Dense.units(10));
    // endregion rescaling
    return model;
  }

  /** Per-channel statistics fitted on the training images, as VGG's mean subtraction. */
  public static Sequential adapted(Dataset trainImages) {
    // region normalization-adapt
    Normalization norm = Normalization.adaptedTo(trainImages);  // per channel: the last axis
    Sequential model = Sequential.of(
        Input.shape(28, 28, 1),
        norm,                                       // (x − μ) / max(√σ², 1e-7)
        Flatten.create(),
        Dense.units(10));
    // endregion normalization-adapt
    return model;
  }

  /** Statistics given rather than fitted, and mean-only centring. */
  public static Normalization[] given() {
    // region normalization-given
    Normalization imagenet = Normalization.of(
        new double[] {123.68, 116.78, 103.94},      // ImageNet's RGB means, in pixels
        new double[] {58.40 * 58.40, 57.12 * 57.12, 57.38 * 57.38});
    Normalization vgg = Normalization.meanOnly(new double[] {123.68, 116.78, 103.94});
    // endregion normalization-given
    return new Normalization[] {imagenet, vgg};
  }

  /** Images of another size brought to the model's: resized, then cropped to the centre. */
  public static Sequential resizeAndCrop() {
    // region resize-crop
    Sequential model = Sequential.of(
        Input.shape(36, 40, 3),
        Resizing.to(32, 32),                        // bilinear, TF's half-pixel centres
        CenterCrop.of(28, 28),                      // rows and columns 2..29
        Flatten.create(),
        Dense.units(10));
    // endregion resize-crop
    return model;
  }

  /** Rotation and zoom on the input, before any trainable layer, as the guide's rotation-and-zoom section shows. */
  public static Sequential rotationAndZoom() {
    // region rotation-zoom
    Sequential model = Sequential.of(
        Input.shape(28, 28, 1),
        Rescaling.of(1 / 255.0),
        RandomRotation.of(0.05),                    // up to ±18°, reflected fill, bilinear
        RandomZoom.of(0.1)                          // zoom 0.9–1.1, aspect ratio kept,
            .withFillValue(0),                      // black where the image ends
        Conv2D.of(16, 3),                           // the first trainable layer comes after them
        Flatten.create(),
        Dense.units(10));
    // endregion rotation-zoom
    return model;
  }
}
