package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.AveragePooling2D;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.CenterCrop;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.ELU;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.GlobalAveragePooling2D;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.LeakyReLU;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.Maxout;
import dev.layerwise.layers.Normalization;
import dev.layerwise.layers.PReLU;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.Rescaling;
import dev.layerwise.layers.Reshape;
import dev.layerwise.layers.Resizing;
import dev.layerwise.layers.FlipMode;
import dev.layerwise.layers.Interpolation;
import dev.layerwise.layers.RandomContrast;
import dev.layerwise.layers.RandomCrop;
import dev.layerwise.layers.RandomFlip;
import dev.layerwise.layers.RandomTranslation;
import dev.layerwise.layers.Softmax;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.regularizers.Regularizer;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.RandomDraws;
import dev.layerwise.spi.StepResult;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layer inside a small trainable model, in float32 and float64: the graph builds, every SPI call runs with
 * finite results, and in float64 the weight gradients of the training loss agree with central finite differences
 * (so the whole lowered chain, forward and TF's backward, is consistent); in float32 the exported SavedModel
 * predicts the same. Inputs are random, so no kink or tie is hit except with probability ~0.
 */
class TfEveryLayerTest {
  @TempDir Path dir;
  private static final int BATCH = 3;
  private static final double H = 1e-6;
  /** Central differences in float64: truncation ~h², rounding ~1e-16/h. */
  private static final double FD_TOLERANCE = 1e-6;
  private static final int ENTRIES_PER_WEIGHT = 4;

  record Case(String name, Shape input, List<Layer> layers) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case dense(String name, Layer... middle) {
    List<Layer> layers = new ArrayList<>();
    layers.add(Dense.units(6).withKernelRegularizer(Regularizer.l2(0.01)));
    layers.addAll(List.of(middle));
    layers.add(Flatten.create());
    layers.add(Dense.units(2));
    return new Case(name, Shape.of(4), layers);
  }

  private static Case image(String name, Layer... middle) {
    List<Layer> layers = new ArrayList<>();
    layers.add(Conv2D.of(3, 2).withPadding(Padding.SAME));
    layers.addAll(List.of(middle));
    layers.add(Flatten.create());
    layers.add(Dense.units(2));
    return new Case(name, Shape.of(5, 4, 2), layers);
  }

  static Stream<Case> cases() {
    return Stream.of(
        dense("leaky_relu", LeakyReLU.alpha(0.2)),
        dense("prelu", PReLU.perChannel().withAlphaInitializer(Initializer.constant(0.25))),
        dense("elu", ELU.alpha(0.7)),
        dense("elu_activation", Activation.of(ActivationFn.ELU)),
        dense("selu", Activation.of(ActivationFn.SELU)),
        dense("softmax_last", Softmax.create()),
        new Case("softmax_axis0", Shape.of(4), List.of(Dense.units(6), Reshape.to(2, 3), Softmax.axis(0),
            Flatten.create(), Dense.units(2))),
        dense("maxout", Maxout.of(3, 3).withKernelRegularizer(Regularizer.l1(0.01))),
        dense("dropout", Dropout.rate(0.3)),
        dense("rescaling", Rescaling.of(0.5, 1)),
        dense("normalization", Normalization.of(new double[] {0, 1, 2, 3, 4, 5}, new double[] {1, 2, 3, 4, 0.25, 0.5})),
        dense("batch_norm_dense", BatchNormalization.create().withMomentum(0.9)),
        image("conv_valid_stride2", Conv2D.of(2, 3).withStrides(2)),
        image("batch_norm_conv", BatchNormalization.create(), Activation.of(ActivationFn.RELU)),
        image("max_pool_same", MaxPooling2D.of(3).withStrides(2).withPadding(Padding.SAME)),
        image("avg_pool_same", AveragePooling2D.of(2).withPadding(Padding.SAME)),
        image("global_average", GlobalAveragePooling2D.create()),
        image("center_crop", CenterCrop.of(3, 3)),
        image("resizing_bilinear", Resizing.to(3, 6)),
        image("random_flip", RandomFlip.of(FlipMode.HORIZONTAL_AND_VERTICAL)),
        image("random_crop_padded", RandomCrop.of(4, 3).withPadding(1)),
        image("random_translation", RandomTranslation.of(0.4, 0.3)),
        image("random_translation_constant_nearest", RandomTranslation.of(0.4, 0.3).withFillValue(0.5)
            .withInterpolation(Interpolation.NEAREST)),
        image("random_contrast", RandomContrast.of(0.5).withValueRange(-100, 100)),
        image("normalization_mean_image", Normalization.meanOnly(new double[60]).withAxes(0, 1, 2)),
        image("normalization_axis0", Normalization.meanOnly(new double[] {1, 2, 3, 4, 5}).withAxes(0)),
        image("reshape", Reshape.to(-1, 6)),
        image("maxout_on_images", Maxout.of(2, 2)),
        image("cnn", BatchNormalization.create().withScale(false), Activation.of(ActivationFn.RELU),
            MaxPooling2D.of(2), Dropout.rate(0.5)));
  }

  static Stream<Arguments> casesByType() {
    return cases().flatMap(c -> Stream.of(Arguments.of(c, DType.FLOAT32), Arguments.of(c, DType.FLOAT64)));
  }

  private static CompiledModel compile(Case c, DType dtype) {
    List<Layer> layers = new ArrayList<>();
    layers.add(Input.shape(c.input().dims()));
    layers.addAll(c.layers());
    return Sequential.of(layers).withName(c.name()).withSeed(9).compile(TfHarness.tf(),
        TrainingConfig.of(Optimizer.adam(0.01), Loss.meanSquaredError()).withDType(dtype));
  }

  private static Batch batch(CompiledModel m) {
    Random r = new Random(17);
    float[] x = new float[BATCH * m.spec().inputShape().size()];
    float[] y = new float[BATCH * m.spec().outputShape().size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (2 * r.nextDouble() - 1);
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) r.nextGaussian();
    }
    return new Batch(x, y, BATCH, new RandomDraws(m.spec()).draw(BATCH, 5));
  }

  private static void finite(double[] values, String what) {
    assertTrue(Arrays.stream(values).allMatch(Double::isFinite), what + " is not finite: " + Arrays.toString(values));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("casesByType")
  void everySpiCallRuns(Case c, DType dtype) {
    try (CompiledModel m = compile(c, dtype)) {
      BackendModel b = m.backendModel();
      Batch batch = batch(m);
      Shape out = m.spec().outputShape().withBatch(BATCH);
      assertEquals(out, b.forward(batch, true).shape());
      finite(b.forward(batch, false).data(), "inference output");
      Gradients g = b.lossGradients(batch);
      assertEquals(m.spec().trainableWeightNames(), List.copyOf(g.weightGradients().keySet()));
      g.weightGradients().forEach((k, v) -> finite(v.data(), "d" + k));
      finite(g.inputGradient().data(), "dx");
      TensorValue r = TfHarness.ones(out);
      finite(b.outputGradients(batch, r, true).inputGradient().data(), "training VJP");
      finite(b.outputGradients(batch, r, false).inputGradient().data(), "inference VJP");
      StepResult s = b.trainStep(batch, 0.01, 1);
      assertTrue(Double.isFinite(s.loss()) && s.loss() >= s.regularizationLoss());
      assertTrue(Double.isFinite(b.evaluate(batch).loss()));
      b.weights().forEach((k, v) -> finite(v.data(), k));
      if (dtype == DType.FLOAT32) {
        exportsTheSamePredictions(m, batch);
      }
    }
  }

  /** The inference-only SavedModel graph lowers the layer the same way (no masks, moving statistics). */
  private void exportsTheSamePredictions(CompiledModel m, Batch batch) {
    float[] expected = m.backendModel().predict(Batch.features(batch.x(), BATCH));
    try (TfSavedModel served = TfSavedModel.load(m.exportSavedModel(dir.resolve(m.spec().name())))) {
      float[] got = served.predict(batch.x(), BATCH);
      for (int i = 0; i < got.length; i++) {
        assertEquals(expected[i], got[i], 1e-6 * Math.max(1, Math.abs(expected[i])), "exported output " + i);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void float64GradientsMatchFiniteDifferences(Case c) {
    try (CompiledModel m = compile(c, DType.FLOAT64)) {
      BackendModel b = m.backendModel();
      Batch batch = batch(m);
      Gradients g = b.lossGradients(batch);
      Map<String, TensorValue> w0 = b.weights();
      for (String name : m.spec().trainableWeightNames()) {
        TensorValue v = w0.get(name);
        double[] analytic = g.weightGradients().get(name).data();
        for (int k = 0; k < Math.min(ENTRIES_PER_WEIGHT, v.size()); k++) {
          int i = (int) ((long) k * 7919 % v.size());
          double plus = lossWith(b, batch, name, v, i, H);
          double minus = lossWith(b, batch, name, v, i, -H);
          double fd = (plus - minus) / (2 * H);
          assertTrue(Math.abs(fd - analytic[i]) <= FD_TOLERANCE * Math.max(1, Math.abs(fd)),
              c.name() + " d" + name + "[" + i + "]: TF " + analytic[i] + ", finite differences " + fd);
        }
        b.setWeights(Map.of(name, v));
      }
    }
  }

  private static double lossWith(BackendModel b, Batch batch, String name, TensorValue v, int i, double delta) {
    double[] d = v.data().clone();
    d[i] += delta;
    Map<String, TensorValue> w = new LinkedHashMap<>();
    w.put(name, new TensorValue(v.shape(), d));
    b.setWeights(w);
    return b.lossGradients(batch).loss();
  }
}
