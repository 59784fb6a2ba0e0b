package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.Model;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Add;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.DropoutMasks;
import dev.layerwise.spi.NonFiniteStepException;
import dev.layerwise.spi.TensorValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the TF lowering of a graph adds to a chain's: a SavedModel of a graph with one input and one output, a
 * dropout mask per dropout node (a shared Dropout has two), and the step guard on a model with two outputs.
 */
class TfGraphModelTest {

  @Test
  void aResidualModelExportsAsOneInputOneOutputSavedModel(@TempDir Path dir) {
    SymbolicTensor image = Input.shape(4, 4, 1).tensor();
    SymbolicTensor x = Conv2D.of(2, 3).withPadding(Padding.SAME).withActivation(ActivationFn.RELU).apply(image);
    SymbolicTensor r = Add.create().apply(x, Conv2D.of(2, 3).withPadding(Padding.SAME).apply(x));
    Model model = Model.of(image, Dense.units(3).apply(Flatten.create().apply(r))).withSeed(4);
    float[] pixels = new float[2 * 16];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) Math.sin(i);
    }
    try (CompiledModel m = model.compile(TfHarness.tf(), Optimizer.sgd(0.1),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      float[] expected = m.predict(pixels);
      Path exported = m.exportSavedModel(dir);
      try (TfSavedModel served = TfSavedModel.load(exported)) {
        assertEquals(java.util.Set.of("x"), served.signature().inputNames());
        assertEquals(java.util.Set.of("logits"), served.outputNames("serving_default"));
        assertArrayEquals(expected, served.predict(pixels, 2), 1e-6f);
      }
    }
  }

  @Test
  void aSharedDropoutHasAMaskPerApplication() {
    Dropout drop = Dropout.rate(0.5);
    SymbolicTensor x = Input.shape(2).tensor();
    Model model = Model.of(x, drop.apply(drop.apply(x))).withSeed(1);
    try (CompiledModel m = model.compile(TfHarness.tf(), Optimizer.sgd(0.1), Loss.meanSquaredError())) {
      assertEquals(List.of("dropout", "dropout/call_1"), List.copyOf(new DropoutMasks(m.spec()).draw(1, 1)
          .keySet()));
      BackendModel b = m.backendModel();
      float[] in = {1, 2};
      Map<String, float[]> keepBoth = Map.of("dropout", new float[] {1, 1}, "dropout/call_1", new float[] {1, 1});
      // each kept value is scaled by 1/(1 − 0.5) per application
      assertArrayEquals(new double[] {4, 8}, b.forward(new Batch(in, null, 1, keepBoth), true).data(), 1e-6);
      Map<String, float[]> secondDrops = Map.of("dropout", new float[] {1, 1}, "dropout/call_1",
          new float[] {0, 1});
      assertArrayEquals(new double[] {0, 8}, b.forward(new Batch(in, null, 1, secondDrops), true).data(), 1e-6);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> b.forward(new Batch(in, null, 1, Map.of("dropout", new float[2])), true));
      assertTrue(e.getMessage().contains("Dropout 'dropout' runs in training mode and needs its mask"),
          e.getMessage());
    }
  }

  @Test
  void aNonFiniteStepOfATwoOutputModelIsRefusedWithTheModelIntact() {
    SymbolicTensor x = Input.shape(2).tensor();
    SymbolicTensor h = Dense.units(3).withActivation(ActivationFn.TANH).apply(x);
    Model model = Model.of(List.of(x), List.of(Dense.units(1).withName("a").apply(h),
        Dense.units(1).withName("b").apply(h))).withSeed(2);
    try (CompiledModel m = model.compile(TfHarness.tf(), TrainingConfig.of(Optimizer.sgd(0.1),
        Loss.meanSquaredError()))) {
      Map<String, TensorValue> before = m.backendModel().weights();
      Batch poisoned = new Batch(List.of(new float[] {1, 2}), List.of(new float[] {0}, new float[] {Float.NaN}), 1,
          Map.of());
      NonFiniteStepException e = assertThrows(NonFiniteStepException.class,
          () -> m.backendModel().trainStep(poisoned, 0.1, 1));
      assertTrue(e.getMessage().contains("loss"), e.getMessage());
      assertEquals(before, m.backendModel().weights());
      Dataset fine = Dataset.builder().features(m.spec().inputs().get(0), new float[] {1, 2}, Shape.of(2))
          .targets("a", new float[] {0}, Shape.of(1)).targets("b", new float[] {1}, Shape.of(1)).build();
      m.fit(fine, 1, 1);
      assertEquals(1, m.iterations());
    }
  }
}
