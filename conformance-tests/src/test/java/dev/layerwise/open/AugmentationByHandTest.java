package dev.layerwise.open;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.ForwardOptions;
import dev.layerwise.ForwardResult;
import dev.layerwise.NdValue;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.FlipMode;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Interpolation;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.RandomContrast;
import dev.layerwise.layers.RandomCrop;
import dev.layerwise.layers.RandomFlip;
import dev.layerwise.layers.RandomTranslation;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The augmentation layers on small images worked by hand, on both backends, with fixed draws passed to
 * {@code forward} in training mode; the translations are Keras's own numeric tests ({@code random_translation_test}),
 * and inference passes the image through (the crop: its centred window).
 */
class AugmentationByHandTest {
  private static final float[] ONE_TO_NINE = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  /** Draws reach the backends in float32: 0.2·5 is 1 up to float32 rounding, so whole-pixel shifts are ~1e-7 off. */
  private static final double TOLERANCE = 1e-5;

  private static float[] training(String backend, Shape image, Layer layer, float[] x, float... draws) {
    int n = x.length / image.size();
    NdValue fixed = NdValue.of(Shape.of(n, draws.length / n), draws);
    try (CompiledModel m = Sequential.of(Input.shape(image.dims()), layer).compile(Backend.named(backend),
        Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      String name = m.spec().nodes().get(1).name();
      ForwardResult r = m.forward(Dataset.featuresOnly(x, image), ForwardOptions.training()
          .withRandomDraws(Map.of(name, fixed)));
      assertEquals(fixed.shape(), r.dropoutMasks().get(name).shape(), "the draws used are reported back");
      return r.output().toFloatArray();
    }
  }

  private static float[] inference(String backend, Shape image, Layer layer, float[] x) {
    try (CompiledModel m = Sequential.of(Input.shape(image.dims()), layer).compile(Backend.named(backend),
        Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      return m.predict(Dataset.featuresOnly(x, image));
    }
  }

  private static float[] range(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
    }
    return v;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void flipsA3x3Image(String backend) {
    Shape image = Shape.of(3, 3, 1);
    float[] two = new float[18];
    System.arraycopy(ONE_TO_NINE, 0, two, 0, 9);
    System.arraycopy(ONE_TO_NINE, 0, two, 9, 9);
    // the first sample flips, the second does not
    assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7, 1, 2, 3, 4, 5, 6, 7, 8, 9},
        training(backend, image, RandomFlip.of(FlipMode.HORIZONTAL), two, 1, 0));
    assertArrayEquals(new float[] {7, 8, 9, 4, 5, 6, 1, 2, 3},
        training(backend, image, RandomFlip.of(FlipMode.VERTICAL), ONE_TO_NINE, 1));
    assertArrayEquals(new float[] {9, 8, 7, 6, 5, 4, 3, 2, 1},
        training(backend, image, RandomFlip.of(FlipMode.HORIZONTAL_AND_VERTICAL), ONE_TO_NINE, 1));
    assertArrayEquals(ONE_TO_NINE, inference(backend, image, RandomFlip.of(FlipMode.HORIZONTAL), ONE_TO_NINE));
    // Keras's test_random_flip_horizontal: one row of two RGB pixels swaps them
    assertArrayEquals(new float[] {5, 6, 7, 2, 3, 4}, training(backend, Shape.of(1, 2, 3),
        RandomFlip.of(FlipMode.HORIZONTAL), new float[] {2, 3, 4, 5, 6, 7}, 1));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void translatesByWholePixelsAsKerassTests(String backend) {
    Shape five = Shape.of(5, 5, 1);
    RandomTranslation shift = RandomTranslation.of(0.2, 0.2);
    // up one row (a = −0.2), reflect: the last row repeats
    assertArrayEquals(new float[] {5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 20, 21,
        22, 23, 24}, training(backend, five, shift, range(25), -0.2f, 0), (float) TOLERANCE);
    // up one row, constant fill 0
    assertArrayEquals(new float[] {5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 0, 0, 0,
        0, 0}, training(backend, five, shift.withFillValue(0), range(25), -0.2f, 0), (float) TOLERANCE);
    // down one row, reflect: the first row repeats
    assertArrayEquals(new float[] {0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
        19}, training(backend, five, shift, range(25), 0.2f, 0), (float) TOLERANCE);
    // left one column, reflect: the last column repeats
    assertArrayEquals(new float[] {1, 2, 3, 4, 4, 6, 7, 8, 9, 9, 11, 12, 13, 14, 14, 16, 17, 18, 19, 19, 21, 22, 23,
        24, 24}, training(backend, five, shift, range(25), 0, -0.2f), (float) TOLERANCE);
    // an 8 × 2 image down half its height, reflect: rows 3, 2, 1, 0 mirrored above rows 0..3
    assertArrayEquals(new float[] {6, 7, 4, 5, 2, 3, 0, 1, 0, 1, 2, 3, 4, 5, 6, 7},
        training(backend, Shape.of(8, 2, 1), RandomTranslation.of(0.5, 0), range(16), 0.5f, 0), (float) TOLERANCE);
    assertArrayEquals(range(25), inference(backend, five, shift, range(25)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void translatesByHalfAPixel(String backend) {
    Shape row = Shape.of(1, 4, 1);
    float[] x = {0, 10, 20, 30};
    RandomTranslation right = RandomTranslation.of(0, 0.25); // 0.125·4 = ½ pixel right: column j samples j − ½
    // bilinear, reflect: −½ reflects to −½ and clamps to 0, the others average neighbours
    assertArrayEquals(new float[] {0, 5, 15, 25}, training(backend, row, right, x, 0, 0.125f), (float) TOLERANCE);
    // bilinear, constant 100: column 0 takes half of x₀ and half the fill
    assertArrayEquals(new float[] {50, 5, 15, 25}, training(backend, row, right.withFillValue(100), x, 0, 0.125f),
        (float) TOLERANCE);
    // nearest rounds halves away from zero: −½ → −1 (the fill), ½ → 1, 1½ → 2, 2½ → 3
    assertArrayEquals(new float[] {100, 10, 20, 30}, training(backend, row, right.withFillValue(100)
        .withInterpolation(Interpolation.NEAREST), x, 0, 0.125f), (float) TOLERANCE);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void cropsThePaddedImage(String backend) {
    Shape image = Shape.of(3, 3, 1);
    RandomCrop crop = RandomCrop.of(3, 3).withPadding(1);
    // the window at the padded image's corner: a row and a column of zeros
    assertArrayEquals(new float[] {0, 0, 0, 0, 1, 2, 0, 4, 5}, training(backend, image, crop, ONE_TO_NINE, 0, 0));
    // from padded row 2, column 1: image rows 1..2 and a padding row, image columns 0..2
    assertArrayEquals(new float[] {4, 5, 6, 7, 8, 9, 0, 0, 0}, training(backend, image, crop, ONE_TO_NINE, 2, 1));
    assertArrayEquals(new float[] {5, 6}, training(backend, image, RandomCrop.of(1, 2), ONE_TO_NINE, 1, 1));
    // inference: no padding; a window as large as the image is the image
    assertArrayEquals(ONE_TO_NINE, inference(backend, image, crop, ONE_TO_NINE));
    // inference 4 × 4 → 2 × 2: the whole image resized, each output the mean of a 2 × 2 block
    float[] sixteen = new float[16];
    for (int i = 0; i < 16; i++) {
      sixteen[i] = i + 1;
    }
    assertArrayEquals(new float[] {3.5f, 5.5f, 11.5f, 13.5f}, inference(backend, Shape.of(4, 4, 1),
        RandomCrop.of(2, 2), sixteen), (float) TOLERANCE);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void scalesContrastAboutEachChannelsMean(String backend) {
    Shape image = Shape.of(2, 2, 2);
    // channel 0 holds 0, 2, 4, 6 (mean 3); channel 1 is constant 10, which no factor changes
    float[] x = {0, 10, 2, 10, 4, 10, 6, 10};
    // f = 2: (x − 3)·2 + 3 = −3, 1, 5, 9, and −3 clips to Keras's default low bound 0
    assertArrayEquals(new float[] {0, 10, 1, 10, 5, 10, 9, 10}, training(backend, image, RandomContrast.of(1), x, 2),
        (float) TOLERANCE);
    // f = 0.5: 1.5, 2.5, 3.5, 4.5; the value range [0, 4] clips the last
    assertArrayEquals(new float[] {1.5f, 4, 2.5f, 4, 3.5f, 4, 4, 4}, training(backend, image, RandomContrast.of(0.5)
        .withValueRange(0, 4), x, 0.5f), (float) TOLERANCE);
    assertArrayEquals(x, inference(backend, image, RandomContrast.of(0.5), x));
  }
}
