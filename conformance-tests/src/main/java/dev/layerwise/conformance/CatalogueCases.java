package dev.layerwise.conformance;

import dev.layerwise.Shape;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.AveragePooling2D;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.ELU;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.GlobalAveragePooling2D;
import dev.layerwise.layers.Hardmax;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.LeakyReLU;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.Maxout;
import dev.layerwise.layers.PReLU;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.Reshape;
import dev.layerwise.layers.Size2D;
import dev.layerwise.layers.Softmax;
import dev.layerwise.losses.Loss;
import dev.layerwise.losses.SparseCategoricalCrossentropy;
import dev.layerwise.optimizers.Adam;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.regularizers.Regularizer;
import java.util.List;

/**
 * The cases of the layer catalogue (activations, normalisation, dropout, convolution, pooling, regularizers),
 * research/conformance.md §6 rows 3–16, and the conventions at exact kinks and ties (§6a).
 */
final class CatalogueCases {
  private static final int BATCH = 4;
  /** ReLU-like kinks stay this far from every input: 100 input FD steps. */
  private static final double KINK = Tolerances.KINK_MARGIN_STEPS * FiniteDifference.Step.FLOAT32_INPUT.relative();

  private CatalogueCases() {}

  static List<ConformanceCase> activations() {
    CaseData.Generator kinked = CaseData.awayFromZero(KINK, 2);
    CaseData.Generator wide = CaseData.uniform(-3, 3);
    return List.of(
        LayerCase.of("leaky_relu", BATCH, kinked, Input.shape(6), LeakyReLU.alpha(0.2)),
        LayerCase.of("prelu_per_channel", BATCH, kinked, Input.shape(2, 3), PReLU.perChannel()),
        LayerCase.of("prelu_shared", BATCH, kinked, Input.shape(5), PReLU.shared()),
        LayerCase.of("prelu_broadcast_3x1", BATCH, kinked, Input.shape(2, 3, 2),
            PReLU.perChannel().withAlphaShape(Shape.of(3, 1))),
        LayerCase.of("elu_alpha1", BATCH, kinked, Input.shape(6), ELU.create()),
        LayerCase.of("elu_alpha0.5", BATCH, kinked, Input.shape(6), ELU.alpha(0.5)),
        LayerCase.of("activation_elu", BATCH, kinked, Input.shape(6), Activation.of(ActivationFn.ELU)),
        LayerCase.of("activation_selu", BATCH, kinked, Input.shape(6), Activation.of(ActivationFn.SELU)),
        LayerCase.of("softmax_axis_last", BATCH, wide, Input.shape(2, 4), Softmax.create()),
        LayerCase.of("softmax_axis0", BATCH, wide, Input.shape(3, 4), Softmax.axis(0)),
        LayerCase.of("maxout_k3", BATCH, CaseData.uniform(-1, 1), Input.shape(5), Maxout.of(3, 3))
            .withValidator(Margins.maxoutGap(KINK)),
        LayerCase.of("maxout_k2_no_bias", BATCH, CaseData.uniform(-1, 1), Input.shape(4),
            Maxout.of(2, 2).withUseBias(false)).withValidator(Margins.maxoutGap(KINK)),
        LayerCase.of("hardmax", BATCH, wide, Input.shape(5), Hardmax.create()).asForwardOnly(),
        LayerCase.of("hardmax_ties", BATCH, CaseData.fromSet(-1f, 0f, 1f), Input.shape(5), Hardmax.create())
            .asForwardOnly());
  }

  static List<ConformanceCase> normalizationAndDropout() {
    CaseData.Generator unit = CaseData.uniform(-1, 1);
    return List.of(
        LayerCase.of("dropout_train", BATCH, unit, Input.shape(6), Dropout.rate(0.3)),
        LayerCase.of("dropout_inference_identity", BATCH, unit, Input.shape(6), Dropout.rate(0.3))
            .inInferenceMode(),
        LayerCase.of("batchnorm_dense_train", 8, unit, Input.shape(6), BatchNormalization.create())
            .withX32(Tolerances.X32_BATCHNORM, Tolerances.X32_BATCHNORM),
        LayerCase.of("batchnorm_conv_train", BATCH, unit, Input.shape(5, 5, 3), BatchNormalization.create())
            .withX32(Tolerances.X32_BATCHNORM, Tolerances.X32_BATCHNORM),
        LayerCase.of("batchnorm_no_center_no_scale", 8, unit, Input.shape(6),
            BatchNormalization.create().withCenter(false).withScale(false))
            .withX32(Tolerances.X32_BATCHNORM, Tolerances.X32_BATCHNORM),
        LayerCase.of("batchnorm_stress_mean1000", 16, CaseData.normal(1000, 1), Input.shape(4),
            BatchNormalization.create()).withX32(Tolerances.X32_BATCHNORM_STRESS, Tolerances.X32_BATCHNORM_STRESS),
        LayerCase.of("batchnorm_inference", BATCH, unit, Input.shape(6), BatchNormalization.create())
            .inInferenceMode(),
        LayerCase.of("dense_no_bias_batchnorm_relu", 8, unit, Input.shape(5), Dense.units(4).withUseBias(false),
            BatchNormalization.create(), Activation.of(ActivationFn.TANH))
            .withX32(Tolerances.X32_BATCHNORM, Tolerances.X32_BATCHNORM));
  }

  static List<ConformanceCase> convolution() {
    CaseData.Generator unit = CaseData.uniform(-1, 1);
    CaseData.Generator grid = CaseData.shuffledGrid(KINK * 1.05);
    return List.of(
        LayerCase.of("conv2d_3x3_valid_s1_odd", 2, unit, Input.shape(5, 5, 2), Conv2D.of(3, 3)),
        LayerCase.of("conv2d_3x3_same_s1_even", 2, unit, Input.shape(6, 6, 2),
            Conv2D.of(3, 3).withPadding(Padding.SAME)),
        LayerCase.of("conv2d_3x3_same_s2_odd", 2, unit, Input.shape(5, 5, 2),
            Conv2D.of(3, 3).withPadding(Padding.SAME).withStrides(2)),
        // Even input, stride 2, SAME: the single padded row/column goes at the bottom/right.
        LayerCase.of("conv2d_3x3_same_s2_even", 2, unit, Input.shape(6, 6, 2),
            Conv2D.of(3, 3).withPadding(Padding.SAME).withStrides(2)),
        LayerCase.of("conv2d_3x3_valid_s2_even", 2, unit, Input.shape(6, 6, 2), Conv2D.of(3, 3).withStrides(2)),
        LayerCase.of("conv2d_2x3_kernel_no_bias", 2, unit, Input.shape(4, 5, 3),
            Conv2D.of(2, Size2D.of(2, 3)).withUseBias(false)),
        LayerCase.of("maxpool_2x2_valid", 2, grid, Input.shape(4, 4, 2), MaxPooling2D.of(2)),
        LayerCase.of("maxpool_3x3_s2_same_overlapping", 2, grid, Input.shape(5, 5, 2),
            MaxPooling2D.of(3).withStrides(2).withPadding(Padding.SAME)),
        LayerCase.of("avgpool_2x2_valid", 2, unit, Input.shape(4, 4, 2), AveragePooling2D.of(2)),
        LayerCase.of("avgpool_3x3_s2_same_borders", 2, unit, Input.shape(5, 5, 2),
            AveragePooling2D.of(3).withStrides(2).withPadding(Padding.SAME)),
        LayerCase.of("global_average_pooling2d", 2, unit, Input.shape(3, 4, 2), GlobalAveragePooling2D.create()),
        LayerCase.of("reshape_then_dense", BATCH, unit, Input.shape(6), Reshape.to(2, -1), Dense.units(2)),
        // Flattening an NHWC map in another order would scramble the asymmetric Dense weights after it.
        LayerCase.of("conv_flatten_dense", 2, unit, Input.shape(4, 4, 2), Conv2D.of(3, 3).withPadding(Padding.SAME),
            Flatten.create(), Dense.units(2)));
  }

  /** Exact kinks and ties: the backends must agree on the convention; finite differences do not apply. */
  static List<ConformanceCase> conventions() {
    CaseData.Generator zeros = CaseData.withZeros(CaseData.uniform(-1, 1), 2);
    return List.of(
        LayerCase.of("relu_at_zero", BATCH, zeros, Input.shape(6), Activation.of(ActivationFn.RELU)).asConvention(),
        LayerCase.of("leaky_relu_at_zero", BATCH, zeros, Input.shape(6), LeakyReLU.alpha(0.2)).asConvention(),
        LayerCase.of("elu_at_zero", BATCH, zeros, Input.shape(6), ELU.alpha(0.5)).asConvention(),
        LayerCase.of("selu_at_zero", BATCH, zeros, Input.shape(6), Activation.of(ActivationFn.SELU))
            .asConvention(),
        LayerCase.of("prelu_at_zero", BATCH, zeros, Input.shape(6), PReLU.perChannel()).asConvention(),
        LayerCase.of("maxout_exact_ties", BATCH, CaseData.uniform(-1, 1), Input.shape(4), Maxout.of(2, 3))
            .withWeights(tiedPieces()).asConvention(),
        LayerCase.of("maxpool_ties", 2, CaseData.fromSet(-1f, 0f, 1f), Input.shape(4, 4, 2), MaxPooling2D.of(2))
            .asConvention());
  }

  /** Maxout weights whose pieces 0 and 1 are identical in every unit: exact ties everywhere. */
  private static CaseData.WeightGenerator tiedPieces() {
    CaseData.WeightGenerator base = CaseData.weightsFrom(CaseData.uniform(-1, 1));
    int pieces = 3;
    return (name, shape, r) -> {
      float[] v = base.generate(name, shape, r);
      int cols = shape.dim(-1);
      for (int row = 0; row < v.length / cols; row++) {
        for (int c = 0; c < cols; c += pieces) {
          v[row * cols + c + 1] = v[row * cols + c];
        }
      }
      return v;
    };
  }

  static List<ConformanceCase> regularization() {
    // |w| ≥ 100 weight steps for L1's kink at 0.
    CaseData.Generator awayFromZero = CaseData.awayFromZero(100 * FiniteDifference.Step.FLOAT64_WEIGHT.relative(), 1);
    Loss mse = Loss.meanSquaredError();
    return List.of(
        ObjectiveCase.regularized("l1_kernel", List.of(Input.shape(5),
            Dense.units(3).withKernelRegularizer(Regularizer.l1(0.01))), mse, BATCH, awayFromZero, false, 301),
        ObjectiveCase.regularized("l2_kernel_and_bias", List.of(Input.shape(5),
            Dense.units(3).withKernelRegularizer(Regularizer.l2(0.01)).withBiasRegularizer(Regularizer.l2(0.1))),
            mse, BATCH, awayFromZero, false, 302),
        ObjectiveCase.regularized("l1l2_kernel", List.of(Input.shape(5),
            Dense.units(3).withKernelRegularizer(Regularizer.l1l2(0.01, 0.02))), mse, BATCH, awayFromZero, false,
            303),
        ObjectiveCase.regularized("l1l2_maxout_and_conv", List.of(Input.shape(4, 4, 1),
            Conv2D.of(2, 3).withKernelRegularizer(Regularizer.l1l2(0.005, 0.01)), Flatten.create(),
            Maxout.of(2, 2).withKernelRegularizer(Regularizer.l2(0.02))), mse, BATCH, awayFromZero, false, 304),
        // Weights exactly 0: L1's subgradient there is taken as 0 by both backends.
        ObjectiveCase.regularized("l1_at_zero", List.of(Input.shape(5),
            Dense.units(3).withKernelRegularizer(Regularizer.l1(0.01))), mse, BATCH,
            CaseData.withZeros(CaseData.uniform(-1, 1), 2), true, 305));
  }

  static List<ConformanceCase> training() {
    double lr = (double) 0.05f;
    Adam adam = Optimizer.adam(lr).withBeta1((double) 0.9f).withBeta2((double) 0.999f).withEpsilon((double) 1e-7f);
    List<Layer> cnn = List.of(Input.shape(6, 6, 1),
        Conv2D.of(4, 3).withPadding(Padding.SAME).withUseBias(false), BatchNormalization.create(),
        Activation.of(ActivationFn.RELU), MaxPooling2D.of(2), Flatten.create(), Dropout.rate(0.25),
        Dense.units(3).withKernelRegularizer(Regularizer.l2(0.01)));
    List<Layer> bnMlp = List.of(Input.shape(4), Dense.units(5).withUseBias(false), BatchNormalization.create(),
        Activation.of(ActivationFn.TANH), Dense.units(2));
    return List.of(
        new TrainingCase("train_small_cnn_bn_dropout_l2_adam", cnn, new SparseCategoricalCrossentropy(true), adam, 8,
            5, CaseData.classes(3), 401),
        new TrainingCase("batchnorm_moving_statistics_one_step", bnMlp, Loss.meanSquaredError(), Optimizer.sgd(lr),
            8, 1, CaseData.uniform(-1, 1), 402));
  }
}
