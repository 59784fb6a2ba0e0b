package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.Sequential;
import dev.layerwise.TrainingConfig;
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
import dev.layerwise.layers.LeakyReLU;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.Maxout;
import dev.layerwise.layers.PReLU;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.Reshape;
import dev.layerwise.layers.Softmax;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.GradientClipping;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.regularizers.Regularizer;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.DropoutMasks;
import dev.layerwise.spi.StepResult;
import dev.layerwise.tf.GradientPreflight.Finding;
import dev.layerwise.tf.GradientPreflight.Reason;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The preflight on whole models: every layer, loss and regularizer the TF backend lowers leaves the loss
 * differentiable (and compiling with every optimizer, which runs the preflight, succeeds), while a Hardmax model
 * gets its blocking ops named, by op, type and layer, without being compiled.
 */
class TfGradientPreflightTest {
  private static final TfBackend TF = new TfBackend();

  /** Between them, every layer type, every activation and all three regularizers; each ends in 3 units. */
  static List<Sequential> models() {
    return List.of(
        Sequential.of(Input.shape(4),
            Dense.units(6).withActivation(ActivationFn.RELU).withKernelRegularizer(Regularizer.l1(0.01))
                .withBiasRegularizer(Regularizer.l2(0.01)),
            Dense.units(6).withActivation(ActivationFn.SIGMOID), Dense.units(6).withActivation(ActivationFn.TANH),
            Dense.units(6).withActivation(ActivationFn.ELU), Dense.units(6).withActivation(ActivationFn.SELU),
            Dense.units(6).withActivation(ActivationFn.LINEAR), Dense.units(3).withActivation(ActivationFn.SOFTMAX))
            .withName("activations"),
        Sequential.of(Input.shape(4), Dense.units(6).withKernelRegularizer(Regularizer.l1l2(0.01, 0.02)),
            LeakyReLU.alpha(0.2), PReLU.perChannel(), ELU.alpha(0.5), Maxout.of(4, 2), Dropout.rate(0.3),
            BatchNormalization.create(), Dense.units(3), Softmax.create()).withName("rectifiers"),
        Sequential.of(Input.shape(6, 6, 1),
            Conv2D.of(2, 3).withPadding(Padding.SAME).withKernelRegularizer(Regularizer.l2(0.01)),
            BatchNormalization.create(), Activation.of(ActivationFn.RELU), MaxPooling2D.of(2),
            AveragePooling2D.of(1), Conv2D.of(2, 2), GlobalAveragePooling2D.create(), Dense.units(3))
            .withName("cnn"),
        Sequential.of(Input.shape(6), Dense.units(6), Reshape.to(2, 3), Softmax.axis(0), Flatten.create(),
            Dense.units(3), Softmax.create()).withName("reshape"));
  }

  static List<Loss> losses() {
    return List.of(Loss.meanSquaredError(), Loss.binaryCrossentropy(),
        Loss.binaryCrossentropy().withFromLogits(true), Loss.categoricalCrossentropy(),
        Loss.categoricalCrossentropy().withFromLogits(true), Loss.sparseCategoricalCrossentropy(),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true));
  }

  static Stream<Arguments> catalogue() {
    return models().stream().flatMap(m -> losses().stream().flatMap(loss -> Arrays.stream(DType.values())
        .map(dtype -> Arguments.of(m.name(), m, loss, dtype))));
  }

  @ParameterizedTest(name = "{0} {2} {3}")
  @MethodSource("catalogue")
  void everyLayerLossAndRegularizerIsDifferentiable(String name, Sequential model, Loss loss, DType dtype) {
    assertEquals(List.of(), TF.gradientPreflight(model.spec(), TrainingConfig.of(Optimizer.sgd(0.1), loss)
        .withDType(dtype)));
  }

  static List<Optimizer> optimizers() {
    return List.of(Optimizer.sgd(0.1).withNesterov(0.9).withClipping(GradientClipping.byGlobalNorm(1)),
        Optimizer.adam(0.01), Optimizer.adagrad(0.01), Optimizer.rmsprop(0.01), Optimizer.adadelta(1),
        Optimizer.adamax(0.01), Optimizer.nadam(0.01), Optimizer.adamW(0.01, 0.001));
  }

  /** Compiling runs the preflight before addGradients; each model must pass it and then train a step. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void compilingWithEveryOptimizerPassesThePreflight(Optimizer optimizer) {
    Sequential model = models().get(1);
    try (CompiledModel m = model.withSeed(3).compile(TF, TrainingConfig.of(optimizer, Loss.meanSquaredError()))) {
      float[] x = new float[2 * 4];
      Arrays.fill(x, 0.5f);
      x[1] = -1;
      Batch batch = new Batch(x, new float[2 * 3], 2, new DropoutMasks(m.spec()).draw(2, 1));
      StepResult s = m.backendModel().trainStep(batch, 0.01, 1);
      assertTrue(Double.isFinite(s.loss()), optimizer + ": loss " + s.loss());
    }
  }

  private static Sequential hardmaxModel(boolean inTheMiddle) {
    return inTheMiddle
        ? Sequential.of(Input.shape(4), Dense.units(3), Hardmax.create(), Dense.units(3))
        : Sequential.of(Input.shape(4), Dense.units(5), Dense.units(3), Hardmax.create());
  }

  private static final List<Finding> HARDMAX = List.of(
      new Finding("train/hardmax/ArgMax", "ArgMax", "hardmax", Reason.NON_FLOATING_OUTPUT),
      new Finding("train/hardmax/OneHot", "OneHot", "hardmax", Reason.REGISTERED_NON_DIFFERENTIABLE));

  /** The loss's own OneHot (class labels) is off the path from the weights, so only Hardmax's ops are named. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(DType.class)
  void aHardmaxModelNamesItsOpsAndLayer(DType dtype) {
    for (Loss loss : List.of(Loss.meanSquaredError(), Loss.sparseCategoricalCrossentropy())) {
      for (boolean middle : new boolean[] {false, true}) {
        List<Finding> found = TF.gradientPreflight(hardmaxModel(middle).spec(),
            TrainingConfig.of(Optimizer.adam(0.01), loss).withDType(dtype));
        assertEquals(HARDMAX, found, loss + (middle ? ", Hardmax in the middle" : ""));
      }
    }
  }

  @Test
  void theMessageNamesEachOpAndOnlyOffersTheReferenceBackendForRegistryGaps() {
    String hardmax = GradientPreflight.message("model 'm'", HARDMAX);
    assertEquals("model 'm': these ops of the model have no usable gradient in TensorFlow's C++ gradient registry"
        + " (the one TF Java's addGradients uses), so training cannot differentiate through them:"
        + " 'train/hardmax/ArgMax' (ArgMax, layer hardmax: integer or boolean output, which carries no gradient),"
        + " 'train/hardmax/OneHot' (OneHot, layer hardmax: registered as non-differentiable); remove or replace the"
        + " layer", hardmax);
    String gap = GradientPreflight.message("model 'm'",
        List.of(new Finding("train/conv3d/Conv3D", "Conv3D", "conv3d", Reason.NOT_REGISTERED)));
    assertTrue(gap.contains("'train/conv3d/Conv3D' (Conv3D, layer conv3d: no gradient in the registry)"), gap);
    assertTrue(gap.endsWith("train on the reference backend, whose gradients do not depend on TensorFlow's"
        + " registry"), gap);
    assertFalse(hardmax.contains("reference backend"));
  }

  @Test
  void aModelWithoutTrainableWeightsHasNothingToCheck() {
    assertEquals(List.of(), TF.gradientPreflight(Sequential.of(Input.shape(3), Softmax.create()).spec(),
        TrainingConfig.of(Optimizer.sgd(0.1), Loss.meanSquaredError())));
  }
}
