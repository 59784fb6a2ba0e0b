package dev.layerwise.conformance;

import dev.layerwise.layers.CenterCrop;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Interpolation;
import dev.layerwise.layers.Normalization;
import dev.layerwise.layers.Rescaling;
import dev.layerwise.layers.Resizing;
import java.util.List;

/**
 * The preprocessing layers (issue 16): forward and the input gradient they pass through, some in front of a
 * trainable layer so a weight gradient is checked through them. Resizing's sample points (its interpolation
 * matrices) are computed in float64 by the api for both backends, so interpolation is compared like any other
 * linear map; where those points sit is checked against TF's own resize kernels by tf-backend's
 * TfResizingKernelTest. Normalization's statistics are drawn like every other weight (its variance from
 * [0.5, 1.5], as {@link CaseData#weightsFrom} keeps variances positive); its ε floor is a unit test's, not a
 * case's (a divisor of 1e-7 leaves finite differences no usable step).
 */
final class PreprocessingCases {
  private static final int BATCH = 4;
  private static final double[] THREE = {0, 0, 0};

  private PreprocessingCases() {}

  static List<ConformanceCase> cases() {
    CaseData.Generator pixels = CaseData.uniform(0, 255);
    CaseData.Generator unit = CaseData.uniform(-1, 1);
    return List.of(
        LayerCase.of("rescaling_pixels", BATCH, pixels, Input.shape(2, 2, 3), Rescaling.of(1 / 127.5, -1)),
        LayerCase.of("rescaling_then_dense", BATCH, pixels, Input.shape(6), Rescaling.of(1 / 255.0), Dense.units(3)),
        LayerCase.of("normalization_last_axis", BATCH, unit, Input.shape(2, 2, 3), Normalization.of(THREE, THREE)),
        LayerCase.of("normalization_axis0", BATCH, unit, Input.shape(3, 2), Normalization.of(THREE, THREE)
            .withAxes(0)),
        LayerCase.of("normalization_mean_image", BATCH, unit, Input.shape(2, 3, 2),
            Normalization.of(new double[12], new double[12]).withAxes(0, 1, 2)),
        LayerCase.of("normalization_axes_0_and_2", BATCH, unit, Input.shape(2, 3, 2),
            Normalization.of(new double[4], new double[4]).withAxes(0, 2)),
        LayerCase.of("normalization_mean_only", BATCH, unit, Input.shape(2, 3), Normalization.meanOnly(THREE)),
        LayerCase.of("normalization_then_dense", BATCH, unit, Input.shape(2, 3), Normalization.of(THREE, THREE),
            Flatten.create(), Dense.units(2)),
        LayerCase.of("normalization_inference", BATCH, unit, Input.shape(3), Normalization.of(THREE, THREE))
            .inInferenceMode(),
        // odd and even margins: 5 → 2 starts at row 1, 6 → 3 at column 1
        LayerCase.of("center_crop_then_dense", 2, unit, Input.shape(5, 6, 2), CenterCrop.of(2, 3), Flatten.create(),
            Dense.units(2)),
        LayerCase.of("resizing_bilinear_down_5x7_to_3x4", 2, unit, Input.shape(5, 7, 2), Resizing.to(3, 4)),
        LayerCase.of("resizing_bilinear_up_3x2_to_5x6", 2, unit, Input.shape(3, 2, 2), Resizing.to(5, 6)),
        LayerCase.of("resizing_nearest_4x4_to_3x6", 2, unit, Input.shape(4, 4, 1),
            Resizing.to(3, 6).withInterpolation(Interpolation.NEAREST)),
        LayerCase.of("resizing_then_conv", 2, unit, Input.shape(3, 3, 1), Resizing.to(4, 4),
            Conv2D.of(2, 3)));
  }
}
