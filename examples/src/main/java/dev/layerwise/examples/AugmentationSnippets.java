package dev.layerwise.examples;

import dev.layerwise.Sequential;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.FillMode;
import dev.layerwise.layers.FlipMode;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.RandomContrast;
import dev.layerwise.layers.RandomCrop;
import dev.layerwise.layers.RandomFlip;
import dev.layerwise.layers.RandomTranslation;
import dev.layerwise.layers.Rescaling;

/**
 * The augmentation samples of the guide page {@code docs/preprocessing-and-augmentation.md}, verbatim between
 * {@code // region NAME} and {@code // endregion NAME}; {@code AugmentationSnippetsTest} builds and runs them.
 */
public final class AugmentationSnippets {
  private AugmentationSnippets() {}

  /** Fashion-MNIST: mirrored left–right and shifted a little, never turned upside down. */
  public static Sequential clothes() {
    // region augment-clothes
    Sequential model = Sequential.of(
        Input.shape(28, 28, 1),
        RandomFlip.of(FlipMode.HORIZONTAL),         // a mirrored shirt is still a shirt
        RandomTranslation.of(0.1, 0.1),             // up to ±2.8 pixels each way, reflected edges
        Rescaling.of(1 / 255.0),
        Conv2D.of(32, 3).withActivation(ActivationFn.RELU),
        MaxPooling2D.of(2),
        Flatten.create(),
        Dense.units(10));
    // endregion augment-clothes
    return model;
  }

  /** The CIFAR recipe: pad by 4, crop back to 32 × 32, flip left–right; some contrast jitter. */
  public static Sequential cifar() {
    // region augment-cifar
    Sequential model = Sequential.of(
        Input.shape(32, 32, 3),
        RandomCrop.of(32, 32).withPadding(4),       // inference: the image itself
        RandomFlip.of(FlipMode.HORIZONTAL),
        RandomContrast.of(0.2),                     // factor in [0.8, 1.2], clipped to [0, 255]
        Rescaling.of(1 / 255.0),
        Conv2D.of(32, 3).withActivation(ActivationFn.RELU),
        Flatten.create(),
        Dense.units(10));
    // endregion augment-cifar
    return model;
  }

  /** Translation options: a one-sided range, a constant fill. */
  public static RandomTranslation translationOptions() {
    // region augment-translation
    RandomTranslation shift = RandomTranslation.of(0.1, 0.2)
        .withHeightFactor(-0.2, 0)                  // up to a fifth of the height upwards, never down
        .withFillMode(FillMode.CONSTANT)            // outside the image: the fill value
        .withFillValue(0);                          // (black; REFLECT and NEAREST need none)
    // endregion augment-translation
    return shift;
  }
}
