package dev.layerwise.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.FitOptions;
import dev.layerwise.ForwardOptions;
import dev.layerwise.History;
import dev.layerwise.NdValue;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.Augmentation;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.FillMode;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Interpolation;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.RandomRotation;
import dev.layerwise.layers.RandomZoom;
import dev.layerwise.layers.Rescaling;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RandomRotation and RandomZoom on both backends in float64: the same fixed draws give the same warped batch
 * (within float32 rounding of the sample points, which TF's kernel computes in float32), inference is the identity
 * on both, and a model with the warp before its trainable layers trains alike on both.
 */
class RandomWarpAcrossBackendsTest {
  /** See ProjectiveTransformKernelTest: float32 sample points on images in [0, 1). */
  private static final double BILINEAR_TOLERANCE = 4e-6;
  private static final int N = 3;
  private static final Shape IMAGE = Shape.of(7, 9, 2);

  static Stream<Arguments> layers() {
    return Stream.of(
        Arguments.of(RandomRotation.of(0.5), new float[] {0.13f, -0.41f, 0.27f}),
        Arguments.of(RandomRotation.of(0.5).withFillMode(FillMode.WRAP).withInterpolation(Interpolation.NEAREST),
            new float[] {0.07f, -0.21f, 0.38f}),
        Arguments.of(RandomRotation.of(0.5).withFillValue(0.5), new float[] {0.5f, -0.11f, 0.19f}),
        Arguments.of(RandomRotation.of(0.5).withFillMode(FillMode.NEAREST), new float[] {-0.33f, 0.02f, 0.45f}),
        Arguments.of(RandomZoom.of(0.6, 0.6), new float[] {1.37f, 0.71f, 0.52f, 1.18f, 1.6f, 1.6f}),
        Arguments.of(RandomZoom.of(0.6).withFillMode(FillMode.CONSTANT).withInterpolation(Interpolation.NEAREST),
            new float[] {1.37f, 1.37f, 0.63f, 0.63f, 1.5f, 1.5f}),
        Arguments.of(RandomZoom.of(0.6, 0.6).withFillMode(FillMode.WRAP), new float[] {1.57f, 0.43f, 0.9f, 1.41f,
            1.2f, 0.8f}));
  }

  private static double[] images(long seed) {
    Random r = new Random(seed);
    double[] x = new double[N * IMAGE.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble();
    }
    return x;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void theSameDrawsWarpAlikeOnBothBackends(Augmentation layer, float[] draws) {
    Layer named = layer.withName("warp");
    Sequential model = Sequential.of(Input.shape(7, 9, 2), named);
    NdValue x = NdValue.of(Shape.of(N, 7, 9, 2), images(draws.length));
    ForwardOptions options = ForwardOptions.training().withRandomDraws(Map.of("warp",
        NdValue.of(Shape.of(N, layer.drawsPerSample()), draws)));
    NdValue ref = forward(Backend.named("reference"), model, x, options);
    NdValue tf = forward(Backend.named("tensorflow"), model, x, options);
    double tolerance = layer instanceof RandomRotation r && r.interpolation() == Interpolation.NEAREST
        || layer instanceof RandomZoom z && z.interpolation() == Interpolation.NEAREST ? 0 : BILINEAR_TOLERANCE;
    int moved = 0;
    for (int i = 0; i < x.size(); i++) {
      assertEquals(ref.getFlat(i), tf.getFlat(i), tolerance, "value " + i);
      moved += Math.abs(ref.getFlat(i) - x.getFlat(i)) > 1e-3 ? 1 : 0;
    }
    assertTrue(moved > x.size() / 2, "the draws warp the images: " + moved + " of " + x.size() + " values changed");
    for (Backend backend : new Backend[] {Backend.named("reference"), Backend.named("tensorflow")}) {
      NdValue inference = forward(backend, model, x, ForwardOptions.inference());
      for (int i = 0; i < x.size(); i++) {
        assertEquals(x.getFlat(i), inference.getFlat(i), 0, backend + ": inference is the identity");
      }
    }
  }

  private static NdValue forward(Backend backend, Sequential model, NdValue x, ForwardOptions options) {
    try (CompiledModel m = model.compile(backend, DType.FLOAT64)) {
      return m.forward(Dataset.featuresOnly(toDoubles(x), IMAGE), options).output();
    }
  }

  private static double[] toDoubles(NdValue v) {
    double[] d = new double[v.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = v.getFlat(i);
    }
    return d;
  }

  /**
   * The warp needs no gradient before the first trainable layer: a model that rotates and zooms its (rescaled)
   * input trains on both backends without asking TF for the warp's missing gradient, and from the same seed (the
   * same draws each step) both end with the same weights. {@code gradients}, which reports ∂L/∂x through the warp,
   * is refused alike on both, naming the layer.
   */
  @Test
  void aModelThatWarpsItsInputTrainsAlikeOnBothBackends() {
    Sequential model = Sequential.of(Input.shape(7, 9, 2), Rescaling.of(2, -1), RandomRotation.of(0.2),
        RandomZoom.of(0.3), Flatten.create(), Dense.units(3)).withSeed(5);
    double[] x = images(9);
    double[] y = new double[N * 3];
    for (int i = 0; i < y.length; i++) {
      y[i] = i % 3 - 1;
    }
    Dataset data = Dataset.of(x, IMAGE, y, Shape.of(3));
    TrainingConfig config = TrainingConfig.of(Optimizer.sgd(0.05), Loss.meanSquaredError()).withDType(DType.FLOAT64);
    Map<String, NdValue> weights = new java.util.HashMap<>();
    for (String backend : new String[] {"reference", "tensorflow"}) {
      try (CompiledModel m = model.compile(Backend.named(backend), config)) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.gradients(data));
        assertTrue(e.getMessage().contains("gradients: model 'sequential' would pass the gradient with respect to its"
            + " inputs back through RandomRotation 'random_rotation'"), e.getMessage());
        History h = m.fit(data, FitOptions.builder().epochs(3).batchSize(N).seed(11).build());
        assertTrue(Double.isFinite(h.last("loss")), backend + ": finite loss");
        weights.put(backend, m.weights().get("dense/kernel"));
      }
    }
    NdValue ref = weights.get("reference");
    NdValue tf = weights.get("tensorflow");
    NdValue initial;
    try (CompiledModel m = model.compile(Backend.named("reference"), config)) {
      initial = m.weights().get("dense/kernel");
    }
    double change = 0;
    for (int i = 0; i < ref.size(); i++) {
      assertEquals(ref.getFlat(i), tf.getFlat(i), 1e-5, "dense/kernel " + i);
      change = Math.max(change, Math.abs(ref.getFlat(i) - initial.getFlat(i)));
    }
    assertTrue(change > 1e-3, "training moved the kernel by " + change);
  }
}
