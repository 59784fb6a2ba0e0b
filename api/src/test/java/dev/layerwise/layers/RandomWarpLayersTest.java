package dev.layerwise.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.io.Json;
import dev.layerwise.io.RecordCodec;
import org.junit.jupiter.api.Test;

/**
 * RandomRotation's and RandomZoom's arguments (Keras's factor rules), draws and transforms: the transforms Keras's
 * tests imply (a half turn of a 5 × 5 image maps (x, y) to (4 − x, 4 − y); zooms 1.8 × 1.5 map it to
 * (1.8·x − 1.6, 1.5·y − 1)), and the bad arguments each named.
 */
class RandomWarpLayersTest {
  private static final Shape IMAGE = Shape.of(5, 5, 1);

  @Test
  void aHalfTurnAboutTheCentreReversesBothAxes() {
    double[] t = RandomRotation.of(0.5).transform(0.5, 5, 5);
    assertArrayEquals(new double[] {-1, 0, 4, 0, -1, 4, 0, 0}, t, 1e-12);
  }

  /** A quarter turn of a 3 × 5 image (h × w) about (2, 1): output (x, y) samples (2 − (y − 1), 1 + (x − 2)). */
  @Test
  void aQuarterTurnOfANonSquareImageTurnsAboutItsCentre() {
    double[] t = RandomRotation.of(0.25).transform(0.25, 3, 5);
    assertArrayEquals(new double[] {0, -1, 3, 1, 0, -1, 0, 0}, t, 1e-12);
  }

  @Test
  void zoomsScaleAboutTheCentreAsKerasTests() {
    RandomZoom zoom = RandomZoom.of(0.5, 0.8);
    assertArrayEquals(new double[] {1.8, 0, -1.6, 0, 1.5, -1, 0, 0}, zoom.transform(1.5, 1.8, 5, 5), 1e-12);
    assertArrayEquals(new double[] {0.5, 0, 1, 0, 0.5, 1, 0, 0}, zoom.transform(0.5, 0.5, 5, 5), 1e-12);
  }

  @Test
  void defaultsAreKerasDefaults() {
    RandomRotation r = RandomRotation.of(-0.2);
    assertEquals(-0.2, r.lower());
    assertEquals(0.2, r.upper());
    assertEquals(FillMode.REFLECT, r.fillMode());
    assertEquals(Interpolation.BILINEAR, r.interpolation());
    assertEquals(0, r.fillValue());
    RandomZoom z = RandomZoom.of(0.3);
    assertNull(z.widthLower());
    assertEquals(FillMode.CONSTANT, z.withFillValue(2).fillMode());
    assertEquals(IMAGE, r.outputShape(IMAGE));
    assertEquals(IMAGE, z.outputShape(IMAGE));
    assertFalse(r.gradientFlows());
    assertFalse(z.gradientFlows());
  }

  @Test
  void drawsStayInTheirRangesAndZoomKeepsTheAspectRatioWithoutAWidthFactor() {
    SeededRandom random = new SeededRandom(7);
    RandomRotation rotation = RandomRotation.of(0.1).withFactor(-0.05, 0.2);
    RandomZoom sameZoom = RandomZoom.of(0.4).withHeightFactor(-0.3, 0.1);
    RandomZoom twoZooms = sameZoom.withWidthFactor(0.2, 0.5);
    float[] d = new float[2];
    for (int i = 0; i < 200; i++) {
      rotation.draw(random, IMAGE, d, 0);
      assertTrue(d[0] >= -0.05f && d[0] <= 0.2f, "turns " + d[0]);
      rotation.checkDraw(IMAGE, d, 0);
      sameZoom.draw(random, IMAGE, d, 0);
      assertTrue(d[0] >= 0.7f && d[0] <= 1.1f, "zy " + d[0]);
      assertEquals(d[0], d[1]);
      sameZoom.checkDraw(IMAGE, d, 0);
      twoZooms.draw(random, IMAGE, d, 0);
      assertTrue(d[1] >= 1.2f && d[1] <= 1.5f, "zx " + d[1]);
      twoZooms.checkDraw(IMAGE, d, 0);
    }
  }

  @Test
  void drawsOutsideTheRangeAreRefusedNamingTheParameter() {
    IllegalArgumentException turn = assertThrows(IllegalArgumentException.class,
        () -> RandomRotation.of(0.1).withName("spin").checkDraw(IMAGE, new float[] {0.3f}, 0));
    assertTrue(turn.getMessage().contains("RandomRotation 'spin': the rotation must be a fraction of a full turn in"
        + " [-0.1, 0.1], got 0.3"), turn.getMessage());
    IllegalArgumentException aspect = assertThrows(IllegalArgumentException.class,
        () -> RandomZoom.of(0.5).checkDraw(IMAGE, new float[] {1.2f, 1.3f}, 0));
    assertTrue(aspect.getMessage().contains("width zoom must be the height zoom 1.2"), aspect.getMessage());
  }

  /** Keras: a rotation factor in [−1, 1]; a zoom factor in (−1, 1] (a zoom of 1 + factor must stay positive). */
  @Test
  void factorsOutsideKerasRangesAreRefusedNamingTheArgument() {
    assertMessage("RandomRotation: factor (a fraction of a full turn) must be in [-1.0, 1.0], got 1.5",
        () -> RandomRotation.of(1.5));
    assertMessage("RandomRotation: factor's upper bound (a fraction of a full turn) must be in [0.3, 1.0], got 0.2",
        () -> RandomRotation.of(0).withFactor(0.3, 0.2));
    assertMessage("RandomZoom: heightFactor must be in (-1, 1]", () -> RandomZoom.of(-1));
    assertMessage("RandomZoom: widthFactor must be in (-1, 1]", () -> RandomZoom.of(0.2, 1.5));
    assertMessage("RandomZoom: heightFactor's lower bound must be in (-1, 1]",
        () -> RandomZoom.of(0.2).withHeightFactor(-1, 0));
    assertMessage("RandomZoom: widthFactor's upper bound must be in [0.4, 1], got 0.1",
        () -> RandomZoom.of(0.2).withWidthFactor(0.4, 0.1));
    assertMessage("RandomZoom: widthFactor needs both bounds or neither",
        () -> new RandomZoom(null, 0, 0, 0.1, null, FillMode.REFLECT, Interpolation.BILINEAR, 0));
    assertMessage("RandomRotation: fillValue must be finite, got NaN",
        () -> RandomRotation.of(0.1).withFillValue(Double.NaN));
  }

  @Test
  void nonImageInputIsRefusedNamingTheLayer() {
    assertMessage("RandomRotation 'r' expects rank-4 NHWC input [batch, height, width, channels], got shape",
        () -> RandomRotation.of(0.1).withName("r").outputShape(Shape.of(784)));
    assertMessage("RandomZoom expects rank-4 NHWC input", () -> RandomZoom.of(0.1).outputShape(Shape.of(28, 28)));
  }

  /** After a trainable layer training would need the warp's gradient, which TF lacks: refused when built. */
  @Test
  void aWarpAfterATrainableLayerIsRefusedWhereAsOnTheInputItIsAllowed() {
    assertMessage("model 'sequential': RandomRotation 'random_rotation' follows Conv2D 'conv2d', which has trainable"
        + " weights, so training would need a gradient through it",
        () -> Sequential.of(Input.shape(8, 8, 1), Conv2D.of(2, 3), RandomRotation.of(0.1)).spec());
    assertMessage("RandomZoom 'random_zoom' follows Dense 'dense'",
        () -> Sequential.of(Input.shape(8, 8, 1), Dense.units(4), RandomZoom.of(0.1)).spec());
    // before every trainable layer, after other preprocessing: allowed
    Sequential.of(Input.shape(8, 8, 1), Rescaling.of(1 / 255.0), RandomZoom.of(0.2), RandomRotation.of(0.1),
        Conv2D.of(2, 3)).spec();
  }

  /** The configs a saved model keeps: every argument, the zoom's absent width factor included. */
  @Test
  void configsRoundTripThroughTheArchiveCodec() {
    for (Layer layer : new Layer[] {
        RandomRotation.of(0.1).withFactor(-0.05, 0.2).withFillMode(FillMode.WRAP).withName("spin"),
        RandomRotation.of(0.3).withFillValue(-1.5).withInterpolation(Interpolation.NEAREST),
        RandomZoom.of(0.4), RandomZoom.of(0.2, 0.5).withFillMode(FillMode.NEAREST).withName("zoom")}) {
      Object json = RecordCodec.toJson(layer);
      assertEquals(layer, RecordCodec.fromJson(Json.parse(Json.write(json)), Layer.class, "layer"));
    }
  }

  private static void assertMessage(String expected, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
