package dev.layerwise.tf;

import static dev.layerwise.tf.TfHarness.assertClose;
import static dev.layerwise.tf.TfHarness.compile;
import static dev.layerwise.tf.TfHarness.floats;
import static dev.layerwise.tf.TfHarness.infer;
import static dev.layerwise.tf.TfHarness.set;
import static dev.layerwise.tf.TfHarness.tolerance;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.Shape;
import dev.layerwise.layers.AveragePooling2D;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.GlobalAveragePooling2D;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.Reshape;
import dev.layerwise.spi.TensorValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Conv2D, pooling and reshaping against direct evaluations of their formulas on small NHWC images: the expected
 * values here come from loops over the definition (zero padding ⌊p/2⌋ before, the rest after).
 */
class TfConvPoolingTest {

  /** A 1 × h × w × c image with distinct, exactly representable values. */
  private static double[] image(int h, int w, int c) {
    double[] x = new double[h * w * c];
    for (int i = 0; i < x.length; i++) {
      x[i] = ((i * 7) % 11 - 5) * 0.25;
    }
    return x;
  }

  /** y[i, j, f] = Σ_{a,b,c} x[i·s + a − pt, j·s + b − pl, c]·K[a, b, c, f] + bias[f], out-of-range x = 0. */
  private static double[] conv(double[] x, int h, int w, int c, double[] k, int kh, int kw, int filters,
      double[] bias, int s, Padding padding) {
    int oh = padding.outputLength(h, kh, s);
    int ow = padding.outputLength(w, kw, s);
    int pt = padding.padBefore(h, kh, s);
    int pl = padding.padBefore(w, kw, s);
    double[] y = new double[oh * ow * filters];
    for (int i = 0; i < oh; i++) {
      for (int j = 0; j < ow; j++) {
        for (int f = 0; f < filters; f++) {
          double sum = bias[f];
          for (int a = 0; a < kh; a++) {
            for (int b = 0; b < kw; b++) {
              int r = i * s + a - pt;
              int q = j * s + b - pl;
              if (r < 0 || r >= h || q < 0 || q >= w) {
                continue;
              }
              for (int ch = 0; ch < c; ch++) {
                sum += x[(r * w + q) * c + ch] * k[((a * kw + b) * c + ch) * filters + f];
              }
            }
          }
          y[(i * ow + j) * filters + f] = sum;
        }
      }
    }
    return y;
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void conv2dValidOnA3x3ImageWithA2x2Kernel(DType dtype) {
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    double[] k = {1, 2, 3, 4};
    try (CompiledModel m = compile(dtype, Input.shape(3, 3, 1), Conv2D.of(1, 2))) {
      set(m, "conv2d/kernel", Shape.of(2, 2, 1, 1), k);
      set(m, "conv2d/bias", Shape.of(1), 0.5);
      // By hand: [1·1+2·2+4·3+5·4, 2+6+15+24, 4+10+21+32, 5+12+24+36] + 0.5
      assertClose(new double[] {37.5, 47.5, 67.5, 77.5}, infer(m, floats(x)), Shape.of(1, 2, 2, 1),
          tolerance(dtype), "conv VALID");
    }
  }

  /** Two input channels and three filters check the HWIO kernel layout; SAME with stride 2 pads bottom/right. */
  @ParameterizedTest
  @EnumSource(DType.class)
  void conv2dSameWithStrideTwoAndSeveralChannels(DType dtype) {
    int h = 5;
    int w = 4;
    double[] x = image(h, w, 2);
    double[] k = new double[3 * 3 * 2 * 3];
    for (int i = 0; i < k.length; i++) {
      k[i] = ((i * 5) % 7 - 3) * 0.125;
    }
    double[] bias = {0.25, -0.5, 0};
    try (CompiledModel m = compile(dtype, Input.shape(h, w, 2), Conv2D.of(3, 3).withStrides(2)
        .withPadding(Padding.SAME))) {
      assertEquals(Shape.of(3, 2, 3), m.spec().outputShape());
      set(m, "conv2d/kernel", Shape.of(3, 3, 2, 3), k);
      set(m, "conv2d/bias", Shape.of(3), bias);
      assertClose(conv(x, h, w, 2, k, 3, 3, 3, bias, 2, Padding.SAME), infer(m, floats(x)), Shape.of(1, 3, 2, 3),
          tolerance(dtype), "conv SAME stride 2");
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void maxPoolingValidAndOverlappingSame(DType dtype) {
    double[] x = image(4, 5, 2);
    try (CompiledModel m = compile(dtype, Input.shape(4, 5, 2), MaxPooling2D.of(2))) {
      double[] expected = new double[2 * 2 * 2];
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          for (int c = 0; c < 2; c++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < 2; a++) {
              for (int b = 0; b < 2; b++) {
                best = Math.max(best, x[((2 * i + a) * 5 + 2 * j + b) * 2 + c]);
              }
            }
            expected[(i * 2 + j) * 2 + c] = best;
          }
        }
      }
      assertClose(expected, infer(m, floats(x)), Shape.of(1, 2, 2, 2), 0, "max pool 2×2 VALID");
    }
    try (CompiledModel m = compile(dtype, Input.shape(4, 5, 2), MaxPooling2D.of(3).withStrides(2)
        .withPadding(Padding.SAME))) {
      // out ⌈4/2⌉ × ⌈5/2⌉ = 2 × 3; padding rows 1 (0 before), columns 2 (1 before); padding never wins.
      assertEquals(Shape.of(2, 3, 2), m.spec().outputShape());
      double[] expected = new double[2 * 3 * 2];
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 3; j++) {
          for (int c = 0; c < 2; c++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < 3; a++) {
              for (int b = 0; b < 3; b++) {
                int r = 2 * i + a;
                int q = 2 * j + b - 1;
                if (r < 4 && q >= 0 && q < 5) {
                  best = Math.max(best, x[(r * 5 + q) * 2 + c]);
                }
              }
            }
            expected[(i * 3 + j) * 2 + c] = best;
          }
        }
      }
      assertClose(expected, infer(m, floats(x)), Shape.of(1, 2, 3, 2), 0, "max pool 3×3/2 SAME");
    }
  }

  /** SAME average pooling divides each window by its count of real positions, not by the window size. */
  @ParameterizedTest
  @EnumSource(DType.class)
  void averagePoolingSameAveragesOnlyRealPositionsAtTheBorder(DType dtype) {
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    try (CompiledModel m = compile(dtype, Input.shape(3, 3, 1), AveragePooling2D.of(2).withPadding(Padding.SAME))) {
      assertEquals(Shape.of(2, 2, 1), m.spec().outputShape());
      // Windows (pad 1 at bottom/right): {1,2,4,5}, {3,6}, {7,8}, {9}.
      assertClose(new double[] {3, 4.5, 7.5, 9}, infer(m, floats(x)), Shape.of(1, 2, 2, 1), tolerance(dtype),
          "avg pool SAME");
    }
    try (CompiledModel m = compile(dtype, Input.shape(3, 3, 1), AveragePooling2D.of(2).withStrides(1))) {
      assertClose(new double[] {3, 4, 6, 7}, infer(m, floats(x)), Shape.of(1, 2, 2, 1), tolerance(dtype),
          "avg pool VALID stride 1");
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void globalAveragePoolingIsThePerChannelMean(DType dtype) {
    double[] x = image(3, 2, 3);
    double[] expected = new double[3];
    for (int i = 0; i < x.length; i++) {
      expected[i % 3] += x[i] / 6;
    }
    try (CompiledModel m = compile(dtype, Input.shape(3, 2, 3), GlobalAveragePooling2D.create())) {
      assertClose(expected, infer(m, floats(x)), Shape.of(1, 3), tolerance(dtype), "global average");
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void reshapeKeepsRowMajorOrderAndInfersMinusOne(DType dtype) {
    double[] x = image(1, 1, 12);
    try (CompiledModel m = compile(dtype, Input.shape(12), Reshape.to(2, -1, 2))) {
      TensorValue y = infer(m, floats(x));
      assertClose(x, y, Shape.of(1, 2, 3, 2), 0, "reshape");
    }
    try (CompiledModel m = compile(dtype, Input.shape(2, 6), Reshape.to(3, 4))) {
      assertClose(x, infer(m, floats(x)), Shape.of(1, 3, 4), 0, "reshape");
    }
  }
}
