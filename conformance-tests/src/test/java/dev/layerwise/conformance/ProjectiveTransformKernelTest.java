package dev.layerwise.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.layers.FillMode;
import dev.layerwise.layers.Interpolation;
import dev.layerwise.layers.WarpTransforms;
import dev.layerwise.reference.layers.ProjectiveTransform;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ImageProjectiveTransformV3;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

/**
 * The reference backend's {@link ProjectiveTransform} (float64) against TF's own {@code ImageProjectiveTransformV3}
 * kernel on random images and random rotation, zoom (near and far beyond the image) and projective transforms, in
 * every fill mode and both
 * interpolations, with float32 and float64 images.
 *
 * <p>TF's kernel reads the transform as float32 and computes the sample points and bilinear weights in float32
 * even for float64 images, so bilinear agrees to float32 rounding of the sample points (values in [0, 1) differ by
 * less than {@link #BILINEAR_TOLERANCE}), nearest exactly (the random transforms put
 * no sample point within float32 rounding of a half pixel).
 */
class ProjectiveTransformKernelTest {
  /**
   * float32 rounding of sample points up to ~10 pixels from the origin (≈ 6e-7 of a pixel) times a pixel step of at
   * most 1, plus float32 rounding of the value; the largest difference seen over these cases is 7e-7.
   */
  private static final double BILINEAR_TOLERANCE = 4e-6;

  private static final int N = 3;
  private static final int H = 7;
  private static final int W = 9;
  private static final int C = 2;

  @ParameterizedTest(name = "{0} {1} {2} float64 images: {3}")
  @CsvSource({
      "rotation, BILINEAR, REFLECT, false", "rotation, BILINEAR, WRAP, false", "rotation, BILINEAR, CONSTANT, false",
      "rotation, BILINEAR, NEAREST, false", "rotation, NEAREST, REFLECT, false", "rotation, NEAREST, WRAP, false",
      "rotation, NEAREST, CONSTANT, false", "rotation, NEAREST, NEAREST, false",
      "zoom, BILINEAR, REFLECT, false", "zoom, BILINEAR, WRAP, false", "zoom, BILINEAR, CONSTANT, false",
      "zoom, BILINEAR, NEAREST, false", "zoom, NEAREST, REFLECT, false", "zoom, NEAREST, WRAP, false",
      "zoom, NEAREST, CONSTANT, false", "zoom, NEAREST, NEAREST, false",
      "projective, BILINEAR, REFLECT, false", "projective, BILINEAR, CONSTANT, false",
      "projective, NEAREST, WRAP, false",
      "farzoom, NEAREST, REFLECT, false", "farzoom, NEAREST, WRAP, false", "farzoom, BILINEAR, WRAP, false",
      "farzoom, BILINEAR, REFLECT, false", "farzoom, BILINEAR, CONSTANT, false",
      "rotation, BILINEAR, REFLECT, true", "zoom, BILINEAR, WRAP, true", "rotation, NEAREST, CONSTANT, true",
      "zoom, BILINEAR, CONSTANT, true"})
  void referenceMatchesTfsKernel(String kind, Interpolation interpolation, FillMode fillMode, boolean float64) {
    Random r = new Random(kind.hashCode() * 31L + interpolation.ordinal() * 7L + fillMode.ordinal());
    double[] images = new double[N * H * W * C];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) r.nextDouble();
    }
    double[] transforms = new double[8 * N];
    for (int b = 0; b < N; b++) {
      double[] t = transform(kind, r);
      for (int i = 0; i < 8; i++) {
        transforms[8 * b + i] = (float) t[i]; // what TF reads
      }
    }
    double fillValue = 0.25;
    double[] expected = ProjectiveTransform.apply(images, N, H, W, C, transforms, interpolation, fillMode, fillValue);
    double[] actual = tf(images, transforms, interpolation, fillMode, fillValue, float64);
    double tolerance = interpolation == Interpolation.NEAREST ? 0 : BILINEAR_TOLERANCE;
    int filled = 0;
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance, "value " + i);
      filled += expected[i] == fillValue ? 1 : 0;
    }
    if (fillMode == FillMode.CONSTANT && !kind.equals("projective")) {
      // the transforms do reach outside the image, so the fill value is exercised
      assertEquals(true, filled > 0, "some pixels filled");
    }
  }

  private static double[] transform(String kind, Random r) {
    switch (kind) {
      case "rotation":
        return WarpTransforms.rotation((r.nextDouble() * 2 - 1) * Math.PI, H, W);
      case "zoom":
        return WarpTransforms.zoom(0.4 + 1.2 * r.nextDouble(), 0.4 + 1.2 * r.nextDouble(), H, W);
      case "farzoom": // sample points up to three image widths outside: TF's WRAP and REFLECT far from the image
        return WarpTransforms.zoom(2.5 + r.nextDouble(), 2.5 + r.nextDouble(), H, W);
      case "projective":
        double[] t = WarpTransforms.rotation(r.nextDouble() - 0.5, H, W);
        t[6] = (r.nextDouble() - 0.5) * 0.05;
        t[7] = (r.nextDouble() - 0.5) * 0.05;
        return t;
      default:
        throw new IllegalArgumentException(kind);
    }
  }

  private static double[] tf(double[] images, double[] transforms, Interpolation interpolation, FillMode fillMode,
      double fillValue, boolean float64) {
    float[] t = new float[transforms.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = (float) transforms[i];
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Shape shape = Shape.of(N, H, W, C);
      Operand<? extends TNumber> image;
      if (float64) {
        image = tf.constant(shape, DataBuffers.of(images, true, false));
      } else {
        float[] f = new float[images.length];
        for (int i = 0; i < f.length; i++) {
          f[i] = (float) images[i];
        }
        image = tf.constant(shape, DataBuffers.of(f, true, false));
      }
      ImageProjectiveTransformV3<? extends TNumber> warped = tf.image.imageProjectiveTransformV3(image,
          tf.constant(Shape.of(N, 8), DataBuffers.of(t, true, false)), tf.constant(new int[] {H, W}),
          tf.constant((float) fillValue), interpolation.name(),
          ImageProjectiveTransformV3.fillMode(fillMode.name()));
      double[] out = new double[images.length];
      try (Result res = s.runner().fetch(warped).run()) {
        if (float64) {
          ((TFloat64) res.get(0)).copyTo(DataBuffers.of(out, false, false));
        } else {
          float[] f = new float[out.length];
          ((TFloat32) res.get(0)).copyTo(DataBuffers.of(f, false, false));
          for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
          }
        }
      }
      return out;
    }
  }
}
