package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.io.Npy;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.testing.FakeBackend;
import dev.layerwise.testing.ZipEdit;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code CompiledModel.load} and {@code save} on files and paths a user should not get a crash from. */
class CompiledModelHostileFilesTest {
  private static final TrainingConfig CONFIG = TrainingConfig.of(Optimizer.sgd(0.1), Loss.meanSquaredError());

  @TempDir Path dir;

  /** A saved two-weight model whose kernel's element 1 is then replaced by {@code value} in the file. */
  private Path savedWith(double value) {
    Path file = dir.resolve("m.layerwise");
    TensorValue kernel;
    try (CompiledModel m = Sequential.of(Input.shape(2), Dense.units(1)).withSeed(3).compile(new FakeBackend(),
        CONFIG)) {
      kernel = m.backendModel().weights().get("dense/kernel");
      m.save(file);
    }
    double[] d = kernel.data().clone();
    d[1] = value;
    return ZipEdit.replace(file, dir.resolve("poisoned.layerwise"), "weights/dense/kernel.npy",
        Npy.write(new TensorValue(kernel.shape(), d)));
  }

  @Test
  void aModelWithANanWeightIsRefusedBeforeCompilingUnlessAllowed() {
    Path poisoned = savedWith(Double.NaN);
    FakeBackend fake = new FakeBackend();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CompiledModel.load(poisoned, fake));
    assertEquals(poisoned + "!weights/dense/kernel.npy: dense/kernel holds NaN at element 1 of [2, 1]; a model with"
        + " non-finite weights is poisoned (it predicts NaN or nonsense). To load it anyway, e.g. to inspect a"
        + " diverged run, pass NonFinite.ALLOW.", e.getMessage());
    assertEquals(List.of(), fake.models(), "nothing was compiled");
    assertThrows(IllegalArgumentException.class, () -> CompiledModel.load(poisoned, fake, NonFinite.REFUSE));

    try (CompiledModel m = CompiledModel.load(poisoned, new FakeBackend(), NonFinite.ALLOW)) {
      assertTrue(Double.isNaN(m.weight("dense/kernel").getFlat(1)));
    }
  }

  @Test
  void anInfiniteWeightIsRefusedToo() {
    Path poisoned = savedWith(Double.POSITIVE_INFINITY);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CompiledModel.load(poisoned, new FakeBackend()));
    assertTrue(e.getMessage().contains("dense/kernel holds Infinity at element 1 of [2, 1]"), e.getMessage());
  }

  @Test
  void savingToTheRootFolderIsAnIllegalArgumentNotANullPointer() {
    try (CompiledModel m = Sequential.of(Input.shape(2), Dense.units(1)).withSeed(3).compile(new FakeBackend(),
        CONFIG)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.save(Path.of("/")));
      assertTrue(e.getMessage().startsWith("cannot write to '/': the path has no file name"), e.getMessage());
    }
  }
}
