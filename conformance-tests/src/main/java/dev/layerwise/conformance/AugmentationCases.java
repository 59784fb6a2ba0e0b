package dev.layerwise.conformance;

import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.FillMode;
import dev.layerwise.layers.FlipMode;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Interpolation;
import dev.layerwise.layers.RandomContrast;
import dev.layerwise.layers.RandomCrop;
import dev.layerwise.layers.RandomFlip;
import dev.layerwise.layers.RandomTranslation;
import java.util.List;

/**
 * The augmentation layers (issue 16) in training mode, with the draws fixed: each case draws them once from its seed
 * in Java ({@code RandomDraws}) and feeds the same values to both backends, so the forward outputs, the input
 * gradient and, behind a trainable layer, its weight gradient compare like any deterministic layer's, and finite
 * differences hold the draws fixed. Every transformation is linear in x for given draws (the contrast's clip aside),
 * so there are no kinks to keep away from: the clipping case is a convention. The batch of 6 gives flips of both
 * kinds with these seeds. The crop's inference path (its centred window, resized) has a case of its own.
 */
final class AugmentationCases {
  private static final int BATCH = 6;

  private AugmentationCases() {}

  static List<ConformanceCase> cases() {
    CaseData.Generator unit = CaseData.uniform(-1, 1);
    return List.of(
        LayerCase.of("random_flip_horizontal", BATCH, unit, Input.shape(3, 4, 2), RandomFlip.of(FlipMode.HORIZONTAL)),
        LayerCase.of("random_flip_vertical_then_dense", BATCH, unit, Input.shape(3, 2, 2),
            RandomFlip.of(FlipMode.VERTICAL), Flatten.create(), Dense.units(3)),
        LayerCase.of("random_flip_both", BATCH, unit, Input.shape(2, 3, 1),
            RandomFlip.of(FlipMode.HORIZONTAL_AND_VERTICAL)),
        LayerCase.of("random_crop_padded_then_dense", BATCH, unit, Input.shape(4, 5, 2),
            RandomCrop.of(4, 3).withPadding(2), Flatten.create(), Dense.units(2)),
        LayerCase.of("random_crop_inference_window_resized", 2, unit, Input.shape(6, 5, 2), RandomCrop.of(3, 4))
            .inInferenceMode(),
        LayerCase.of("random_translation_reflect_bilinear", BATCH, unit, Input.shape(4, 5, 2),
            RandomTranslation.of(0.5, 0.4)),
        LayerCase.of("random_translation_constant_nearest", BATCH, unit, Input.shape(5, 4, 1),
            RandomTranslation.of(0.6, 0.6).withFillValue(0.25).withInterpolation(Interpolation.NEAREST)),
        LayerCase.of("random_translation_constant_bilinear_then_conv", BATCH, unit, Input.shape(4, 4, 1),
            RandomTranslation.of(0.5, 0.5).withFillValue(-0.5), Conv2D.of(2, 3)),
        LayerCase.of("random_translation_nearest_fill", BATCH, unit, Input.shape(3, 5, 2),
            RandomTranslation.of(1, 0.8).withFillMode(FillMode.NEAREST)),
        LayerCase.of("random_contrast_then_dense", BATCH, unit, Input.shape(3, 3, 2),
            RandomContrast.of(0.5).withValueRange(-10, 10), Flatten.create(), Dense.units(2)),
        // a narrow value range: some outputs clip (the gradient is 0 there, a kink at the bound)
        LayerCase.of("random_contrast_clipping", BATCH, unit, Input.shape(3, 3, 2),
            RandomContrast.of(0.9).withValueRange(-0.6, 0.6)).asConvention());
  }
}
