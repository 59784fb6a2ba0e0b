package dev.layerwise.conformance;

import dev.layerwise.layers.Dense;
import dev.layerwise.layers.FillMode;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Interpolation;
import dev.layerwise.layers.RandomRotation;
import dev.layerwise.layers.RandomZoom;
import dev.layerwise.layers.Rescaling;
import java.util.List;

/**
 * RandomRotation and RandomZoom (issue 16) in training mode, with the draws fixed from each case's seed and fed to
 * both backends: forward only, since TF's warp ({@code ImageProjectiveTransformV3}) has no gradient and the layers
 * are allowed only where none is needed. TF computes the sample points in float32 even in a float64 graph, so both
 * modes compare within {@link Tolerances#WARP}; nearest sampling agrees exactly unless a point lies within float32
 * rounding of a half pixel, which these draws avoid. Every fill mode and both interpolations appear; the kernel
 * itself is checked against the reference's equations by ProjectiveTransformKernelTest. At inference both layers
 * are the identity, with the gradient passing through: a full case.
 */
final class WarpCases {
  private static final int BATCH = 4;

  private WarpCases() {}

  static List<ConformanceCase> cases() {
    CaseData.Generator unit = CaseData.uniform(-1, 1);
    return List.of(
        warp(LayerCase.of("random_rotation_reflect_bilinear", BATCH, unit, Input.shape(7, 9, 2),
            RandomRotation.of(0.5))),
        warp(LayerCase.of("random_rotation_wrap_nearest", BATCH, unit, Input.shape(7, 9, 2),
            RandomRotation.of(0.5).withFillMode(FillMode.WRAP).withInterpolation(Interpolation.NEAREST))),
        warp(LayerCase.of("random_rotation_constant_bilinear", BATCH, unit, Input.shape(6, 6, 1),
            RandomRotation.of(0.3).withFillValue(0.25))),
        warp(LayerCase.of("random_rotation_nearest_fill", BATCH, unit, Input.shape(5, 8, 2),
            RandomRotation.of(1).withFillMode(FillMode.NEAREST))),
        warp(LayerCase.of("random_zoom_reflect_bilinear", BATCH, unit, Input.shape(7, 9, 2),
            RandomZoom.of(0.5, 0.5))),
        warp(LayerCase.of("random_zoom_constant_nearest", BATCH, unit, Input.shape(6, 7, 1),
            RandomZoom.of(0.6).withFillValue(-0.5).withInterpolation(Interpolation.NEAREST))),
        warp(LayerCase.of("random_zoom_wrap_bilinear", BATCH, unit, Input.shape(7, 9, 2),
            RandomZoom.of(0.6, 0.3).withFillMode(FillMode.WRAP))),
        warp(LayerCase.of("random_rotation_zoom_then_dense", BATCH, CaseData.uniform(0, 255), Input.shape(5, 6, 2),
            Rescaling.of(1 / 255.0), RandomRotation.of(0.1), RandomZoom.of(0.2), Flatten.create(), Dense.units(3))),
        LayerCase.of("random_rotation_zoom_inference", BATCH, unit, Input.shape(4, 5, 2), RandomRotation.of(0.2),
            RandomZoom.of(0.3), Flatten.create(), Dense.units(2)).inInferenceMode());
  }

  private static LayerCase warp(LayerCase c) {
    return c.asForwardOnly().withFloat32Kernel(Tolerances.WARP);
  }
}
