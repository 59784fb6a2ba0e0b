package dev.layerwise.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.spi.DropoutMasks;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.RandomDraws;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The augmentation specs: what they draw, what they refuse (Keras's bad-factor cases among them), the crop's
 * inference window, and the per-step draws of a model.
 */
class AugmentationLayersTest {
  private static final Shape IMAGE = Shape.of(6, 5, 2);

  @Test
  void aFlipFlagIsOneAboutHalfTheTime() {
    RandomFlip flip = RandomFlip.of(FlipMode.HORIZONTAL);
    SeededRandom random = new SeededRandom(4);
    float[] flags = new float[10_000];
    for (int i = 0; i < flags.length; i++) {
      flip.draw(random, IMAGE, flags, i);
    }
    double ones = 0;
    for (float f : flags) {
      assertTrue(f == 0 || f == 1);
      ones += f;
    }
    assertEquals(0.5, ones / flags.length, 0.02); // 4 standard deviations of a fair coin over 10 000 draws
    assertTrue(FlipMode.HORIZONTAL_AND_VERTICAL.rows() && FlipMode.HORIZONTAL_AND_VERTICAL.columns());
    assertTrue(!FlipMode.HORIZONTAL.rows() && !FlipMode.VERTICAL.columns());
  }

  @Test
  void cropOffsetsCoverEveryWindowOfThePaddedImage() {
    RandomCrop crop = RandomCrop.of(5, 5).withPadding(1); // 6 × 5 padded to 8 × 7: tops 0..3, lefts 0..2
    SeededRandom random = new SeededRandom(2);
    int[] tops = new int[4];
    int[] lefts = new int[3];
    float[] d = new float[2];
    for (int i = 0; i < 2_000; i++) {
      crop.draw(random, IMAGE, d, 0);
      tops[(int) d[0]]++;
      lefts[(int) d[1]]++;
    }
    for (int t : tops) {
      assertTrue(t > 400, "every top row is drawn: " + java.util.Arrays.toString(tops));
    }
    for (int l : lefts) {
      assertTrue(l > 550, "every left column is drawn: " + java.util.Arrays.toString(lefts));
    }
    assertEquals(Shape.of(5, 5, 2), crop.outputShape(IMAGE));
  }

  @Test
  void theCropsInferenceWindowIsKerassLargestCentredOneOfTheTargetsAspect() {
    // 6 × 5 to 3 × 4: rows ⌊5·3/4⌋ = 3 from row 1, columns min(5, ⌊6·4/3⌋ = 8) = 5 from column 0
    assertArrayEquals(new int[] {1, 0, 3, 5}, RandomCrop.of(3, 4).inferenceWindow(IMAGE));
    // Keras's test_random_crop_partial at inference: 8 × 16 to 8 × 8 is the centred 8 × 8, no resize; and
    // test_random_crop_full: 8 × 16 to 8 × 16 is the whole image
    assertArrayEquals(new int[] {0, 4, 8, 8}, RandomCrop.of(8, 8).inferenceWindow(Shape.of(8, 16, 3)));
    assertArrayEquals(new int[] {0, 0, 8, 16}, RandomCrop.of(8, 16).inferenceWindow(Shape.of(8, 16, 3)));
    // 32 × 32 to 32 × 32 (the CIFAR recipe's inference): the whole image, a plain copy
    assertArrayEquals(new int[] {0, 0, 32, 32}, RandomCrop.of(32, 32).withPadding(4)
        .inferenceWindow(Shape.of(32, 32, 3)));
    double[] rows = RandomCrop.of(32, 32).inferenceRows(Shape.of(32, 32, 3));
    for (int i = 0; i < 32; i++) {
      for (int k = 0; k < 32; k++) {
        assertEquals(i == k ? 1 : 0, rows[i * 32 + k], 1e-15);
      }
    }
    // 4 × 4 to 2 × 2: the whole image, each output the mean of a 2 × 2 block (half-pixel bilinear)
    double[] half = RandomCrop.of(2, 2).inferenceRows(Shape.of(4, 4, 1));
    assertArrayEquals(new double[] {0.5, 0.5, 0, 0, 0, 0, 0.5, 0.5}, half, 1e-15);
  }

  @Test
  void badFactorsAreRefusedNamingTheArgument() {
    // Keras's test_random_translation_with_bad_factor: ±1.01
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RandomTranslation.of(1.01, 0));
    assertEquals("RandomTranslation: heightFactor must be in [0.0, 1.0], got 1.01", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RandomTranslation.of(0.1, 0.1)
        .withWidthFactor(-1.01, 0));
    assertEquals("RandomTranslation: widthFactor's lower bound must be in [-1.0, 1.0], got -1.01", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RandomTranslation.of(0.1, 0.1).withName("shift")
        .withHeightFactor(0.3, 0.1));
    assertEquals("RandomTranslation 'shift': heightFactor's upper bound must be in [0.3, 1.0], got 0.1",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RandomContrast.of(1.5));
    assertEquals("RandomContrast: the factor's lower bound must be in [0.0, 1.0], got 1.5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RandomContrast.of(0.2).withValueRange(1, 0));
    assertEquals("RandomContrast: the value range must be finite with low < high, got [1.0, 0.0]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RandomCrop.of(3, 3).withPadding(-1));
    assertEquals("RandomCrop: padding must be ≥ 0, got -1", e.getMessage());
  }

  @Test
  void aCropLargerThanThePaddedImageOrANonImageInputFailsWhenTheModelIsBuilt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Sequential.of(Input.shape(6, 5, 2), RandomCrop.of(9, 5).withPadding(1)).spec());
    assertTrue(e.getMessage().contains("RandomCrop 'random_crop': a 9 × 5 crop does not fit images of 6 × 5 padded"
        + " by 1 (8 × 7)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Sequential.of(Input.shape(784), RandomFlip.of(FlipMode.HORIZONTAL)).spec());
    assertTrue(e.getMessage().contains("RandomFlip 'random_flip' expects rank-4 NHWC input"), e.getMessage());
  }

  @Test
  void drawsOutsideWhatTheLayerCouldDrawAreRefused() {
    RandomFlip flip = RandomFlip.of(FlipMode.VERTICAL).withName("flip");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> flip.checkDraw(IMAGE, new float[] {0.5f}, 0));
    assertEquals("RandomFlip 'flip': the flip flag must be 0 or 1, got 0.5", e.getMessage());
    RandomCrop crop = RandomCrop.of(5, 5).withName("crop");
    e = assertThrows(IllegalArgumentException.class, () -> crop.checkDraw(IMAGE, new float[] {0, 1.5f}, 0));
    assertEquals("RandomCrop 'crop': the crop's left column must be a whole number in [0, 0], got 1.5",
        e.getMessage());
    RandomContrast contrast = RandomContrast.of(0.2);
    contrast.checkDraw(IMAGE, new float[] {0.8f}, 0); // the bounds themselves are drawable
    contrast.checkDraw(IMAGE, new float[] {1.2f}, 0);
    assertThrows(IllegalArgumentException.class, () -> contrast.checkDraw(IMAGE, new float[] {1.3f}, 0));
  }

  @Test
  void aModelsDrawsComeByNodeNameAndLeaveItsDropoutMasksAsTheyWere() {
    ModelSpec withoutFlip = Sequential.of(Input.shape(4, 4, 1), Flatten.create(), Dropout.rate(0.5)).spec();
    ModelSpec withFlip = Sequential.of(Input.shape(4, 4, 1), RandomFlip.of(FlipMode.HORIZONTAL), Flatten.create(),
        Dropout.rate(0.5)).spec();
    Map<String, float[]> masks = new DropoutMasks(withoutFlip).draw(8, 11);
    Map<String, float[]> draws = new RandomDraws(withFlip).draw(8, 11);
    assertArrayEquals(masks.get("dropout"), draws.get("dropout"), "the dropout mask does not move");
    assertEquals(8, draws.get("random_flip").length, "one flag per sample");
    assertArrayEquals(draws.get("random_flip"), new RandomDraws(withFlip).draw(8, 11).get("random_flip"),
        "the same seed, the same flags");
    assertNotEquals(java.util.Arrays.toString(draws.get("random_flip")),
        java.util.Arrays.toString(new RandomDraws(withFlip).draw(8, 12).get("random_flip")), "another step, others");
    assertEquals(Shape.of(1), RandomDraws.sampleShape(withFlip.node("random_flip")));
    assertEquals(Shape.of(16), RandomDraws.sampleShape(withFlip.node("dropout")));
    assertEquals(null, RandomDraws.sampleShape(withFlip.node("flatten")));
  }
}
