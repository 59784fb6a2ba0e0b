package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.schedules.LearningRateSchedule;
import dev.layerwise.spi.TensorValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A non-finite step never poisons the model", run by each backend's test module against itself: a step whose
 * loss, gradients or updated values go non-finite is refused, and the model is bit for bit what it was before the
 * step — predictions, weights, optimizer slots, batch-norm statistics and the update count — on both backends.
 * Where the divergence comes from float32 overflow, the float64 reference backend diverges later; the tests step
 * one update at a time so each backend is compared with itself just before its own refused step.
 */
public abstract class DivergenceContractTest {
  /** The rate from update {@link #SANE_UPDATES} + 1 on: float32-representable, it blows any model up. */
  protected static final double HUGE_RATE = 1e38;
  private static final int SANE_UPDATES = 3;

  @TempDir Path dir;

  protected abstract Backend backend();

  /** Dense → BatchNormalization → ReLU → Dense, mean squared error: weights, slots and moving statistics to check. */
  private static Sequential regression() {
    return Sequential.of(Input.shape(4), Dense.units(6).withUseBias(false), BatchNormalization.create(),
        dev.layerwise.layers.Activation.of(ActivationFn.RELU), Dense.units(2)).withSeed(5);
  }

  /** Eight samples (one batch) with targets far from the initial outputs, so gradients are large. */
  protected static Dataset eightSamples(float scale) {
    float[] x = new float[8 * 4];
    float[] y = new float[8 * 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = scale * ((i * 7 % 11) - 5) / 5f;
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = 40 * ((i * 5 % 7) - 3);
    }
    return Dataset.of(x, Shape.of(4), y, Shape.of(2));
  }

  private static final FitOptions ONE_STEP = FitOptions.builder().batchSize(8).quiet().build();

  /** What must come back exactly after a refused step. */
  private record Snapshot(float[] predictions, Map<String, TensorValue> weights, Map<String, TensorValue> slots,
      long iterations, double loss) {
    static Snapshot of(CompiledModel m, Dataset data) {
      return new Snapshot(m.predict(data), m.backendModel().weights(), m.backendModel().optimizerSlots(),
          m.iterations(), m.evaluate(data).loss());
    }

    void assertSameAs(Snapshot now) {
      assertArrayEquals(predictions, now.predictions, "predictions, bit for bit");
      weights.forEach((k, v) -> assertArrayEquals(v.data(), now.weights.get(k).data(), k));
      slots.forEach((k, v) -> assertArrayEquals(v.data(), now.slots.get(k).data(), k));
      assertEquals(iterations, now.iterations, "update count");
      assertEquals(loss, now.loss, 0.0, "evaluated loss");
    }
  }

  /**
   * Fits one update at a time until the backend refuses one; returns the refusal after checking the model against
   * its state just before that update.
   */
  private static TrainingDivergedException stepUntilRefused(CompiledModel m, Dataset data, int maxUpdates) {
    for (int k = 0; k < maxUpdates; k++) {
      Snapshot before = Snapshot.of(m, data);
      try {
        m.fit(data, ONE_STEP);
      } catch (TrainingDivergedException e) {
        before.assertSameAs(Snapshot.of(m, data));
        assertEquals(before.iterations() + 1, e.step());
        assertEquals(1, e.epoch());
        assertEquals(1, e.batch());
        assertEquals(0, e.history().epochCount(), "the interrupted fit completed no epoch");
        return e;
      }
    }
    return fail("no update was refused in " + maxUpdates);
  }

  @Test
  void aDivergingRunStopsAtTheFirstNonFiniteStepWithTheModelAsBefore() {
    Optimizer sgd = Optimizer.sgd(LearningRateSchedule.piecewiseConstant(new long[] {SANE_UPDATES},
        new double[] {0.01, HUGE_RATE})).withMomentum(0.9);
    Dataset data = eightSamples(1);
    try (CompiledModel m = regression().compile(backend(), sgd, Loss.meanSquaredError())) {
      TrainingDivergedException e = stepUntilRefused(m, data, 40);
      assertTrue(e.step() > SANE_UPDATES, "the sane updates are applied: " + e.getMessage());
      assertEquals(HUGE_RATE, e.learningRate(), 0.0);
      assertTrue(e.reason().matches("the (loss|gradient of '[a-z_0-9/]+'|updated '[a-z_0-9/]+') (has .+ values|is not"
          + " finite)"), e.reason());
      assertTrue(e.getMessage().contains("learning rate 1.0E38"), e.getMessage());
      Snapshot after = Snapshot.of(m, data);
      assertThrows(TrainingDivergedException.class, () -> m.fit(data, ONE_STEP), "the same update again");
      after.assertSameAs(Snapshot.of(m, data));
    }
  }

  /**
   * Update 1 at a rate whose product with the gradient overflows on both backends (it is +∞ once rounded to
   * float32): the loss and gradients are finite, the optimizer's result is not. Caught after the update, undone.
   */
  @Test
  void anUpdateThatOverflowsIsUndone() throws Exception {
    Sequential linear = Sequential.of(Input.shape(4), Dense.units(2)).withSeed(3);
    try (CompiledModel m = linear.compile(backend(), Optimizer.sgd(1e308), Loss.meanSquaredError())) {
      Dataset data = eightSamples(100);
      TrainingDivergedException e = stepUntilRefused(m, data, 1);
      assertTrue(e.reason().startsWith("the updated 'dense/kernel' "), e.reason());
      m.save(dir.resolve("intact.layerwise")); // finite, so save accepts it
      assertTrue(Files.size(dir.resolve("intact.layerwise")) > 0);
    }
  }

  @Test
  void nanFeaturesAreRefusedBeforeTheBackendAndCleanDataThenTrains() {
    try (CompiledModel m = regression().compile(backend(), Optimizer.adam(0.01), Loss.meanSquaredError())) {
      Dataset clean = eightSamples(1);
      Snapshot before = Snapshot.of(m, clean);
      float[] x = new float[8 * 4];
      x[13] = Float.NaN;
      Dataset poisoned = Dataset.of(x, Shape.of(4), new float[16], Shape.of(2));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.fit(poisoned, ONE_STEP));
      assertEquals("fit: every feature must be finite, but feature 1 of sample 3 is NaN", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> m.predict(poisoned));
      assertThrows(IllegalArgumentException.class, () -> m.evaluate(poisoned));
      before.assertSameAs(Snapshot.of(m, clean));
      History h = m.fit(clean, FitOptions.builder().epochs(20).batchSize(8).quiet().build());
      assertTrue(h.last("loss") < h.get("loss")[0], "the loss goes down on clean data: " + h);
    }
  }

  @Test
  void saveRefusesANonFiniteSlotAndWritesItWhenAllowed() throws Exception {
    try (CompiledModel m = regression().compile(backend(), Optimizer.adam(0.01), Loss.meanSquaredError())) {
      m.fit(eightSamples(1), ONE_STEP);
      double[] v = m.backendModel().optimizerSlots().get("dense_1/bias/v").data().clone();
      v[1] = Double.POSITIVE_INFINITY;
      m.backendModel().setOptimizerSlots(Map.of("dense_1/bias/v", new TensorValue(Shape.of(2), v)));
      Path file = dir.resolve("inf.layerwise");
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.save(file));
      assertTrue(e.getMessage().contains("(optimizer slot 'dense_1/bias/v' [2] element 1 is Infinity)"),
          e.getMessage());
      assertTrue(Files.notExists(file));
      m.save(file, NonFinite.ALLOW);
      assertTrue(Files.size(file) > 0);
    }
  }
}
