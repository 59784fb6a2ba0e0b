package dev.layerwise.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.SavedModelExport;
import dev.layerwise.Sequential;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Softmax;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.Capability;
import dev.layerwise.testing.FakeBackend;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** A {@code Softmax} layer over the last axis counts as a softmax output, like {@code Activation(SOFTMAX)}. */
class CompileChecksSoftmaxLayerTest {
  @Test
  void softmaxLayerThenFromLogitsLossIsTheDoubleSoftmaxTrap() {
    Sequential model = Sequential.of(Input.shape(4), Dense.units(3), Softmax.create());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.compile(new FakeBackend(),
        Optimizer.sgd(0.1), Loss.sparseCategoricalCrossentropy().withFromLogits(true)));
    assertTrue(e.getMessage().contains("already applies softmax") && e.getMessage().contains("'softmax'"),
        e.getMessage());
  }

  @Test
  void softmaxLayerFeedsAProbabilityLossAndExportsProbabilities() {
    FakeBackend fake = new FakeBackend("fake", EnumSet.of(Capability.SAVED_MODEL_EXPORT));
    Sequential model = Sequential.of(Input.shape(4), Dense.units(3), Softmax.create());
    try (CompiledModel m = model.compile(fake, Optimizer.sgd(0.1), Loss.sparseCategoricalCrossentropy())) {
      m.exportSavedModel(SavedModelExport.to(Path.of("unused")));
      assertEquals("probabilities", fake.exports().get(0).options().outputName());
    }
  }

  @Test
  void softmaxOverAnotherAxisIsNotAProbabilityOutput() {
    Sequential model = Sequential.of(Input.shape(2, 3), Softmax.axis(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.compile(new FakeBackend(),
        Optimizer.sgd(0.1), Loss.categoricalCrossentropy()));
    assertTrue(e.getMessage().contains("expects probabilities"), e.getMessage());
  }
}
