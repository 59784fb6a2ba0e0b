package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Adadelta;
import dev.layerwise.optimizers.Adagrad;
import dev.layerwise.optimizers.Adam;
import dev.layerwise.optimizers.AdamW;
import dev.layerwise.optimizers.Adamax;
import dev.layerwise.optimizers.GradientClipping;
import dev.layerwise.optimizers.Nadam;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.optimizers.RMSprop;
import dev.layerwise.optimizers.Sgd;
import dev.layerwise.optimizers.UpdateFormula;
import dev.layerwise.schedules.CyclicalLearningRate;
import dev.layerwise.schedules.LearningRateSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The samples of {@code docs/optimizers.md} ({@link OptimizerSnippets}) build and run as the page says. */
class OptimizerSnippetsTest {
  @Test
  void theOptimizerSamplesSetWhatTheySay() {
    LearningRateSchedule constant = LearningRateSchedule.constant(0.01);
    GradientClipping none = GradientClipping.NONE;
    try (CompiledModel m = OptimizerSnippets.compileWithOptimizer(FashionMnistMlp.model(1),
        Backend.named("reference"))) {
      assertEquals(new Sgd(constant, 0.9, false, UpdateFormula.KERAS, 0, none), m.config().optimizer());
      assertEquals(List.of(Metric.ACCURACY), m.config().metrics());
    }
    assertEquals(List.of(new Sgd(LearningRateSchedule.constant(0.1), 0, false, UpdateFormula.KERAS, 0, none),
        new Sgd(constant, 0.9, false, UpdateFormula.KERAS, 0, none),
        new Sgd(constant, 0.9, true, UpdateFormula.KERAS, 0, none),
        new Sgd(constant, 0.9, false, UpdateFormula.TF_OP, 0, none)), OptimizerSnippets.sgdVariants());
    LearningRateSchedule milliRate = LearningRateSchedule.constant(1e-3);
    assertEquals(List.of(new Sgd(constant, 0.9, false, UpdateFormula.KERAS, 5e-4, none),
        new AdamW(milliRate, 0.004, 0.9, 0.999, 1e-7, false, none),
        new Adam(milliRate, 0.9, 0.999, 1e-7, true, 0, none)), OptimizerSnippets.weightDecayAndAmsgrad());

    LearningRateSchedule milli = LearningRateSchedule.constant(0.001);
    assertEquals(List.of(new Adagrad(constant, 0.1, 1e-7, UpdateFormula.KERAS, 0, none),
        new RMSprop(milli, 0.9, 0, 1e-7, false, 0, 0, none),
        new RMSprop(milli, 0.9, 0.9, 1e-7, true, 0, 0, none),
        new Adadelta(LearningRateSchedule.constant(1.0), 0.95, 1e-7, 0, none)), OptimizerSnippets.adaptiveRates());
    List<Optimizer> tfJava = OptimizerSnippets.tfJavaSettings();
    assertEquals(new Adagrad(milli, 0.01, 1e-7, UpdateFormula.KERAS, 0, none), tfJava.get(0));
    assertEquals(0.01, tfJava.get(0).slotInitialValue("accumulator"));
    assertEquals(new RMSprop(milli, 0.9, 0, 1e-10, false, 1.0, 0, none), tfJava.get(1));
    assertEquals(1.0, tfJava.get(1).slotInitialValue("rms"));

    assertEquals(List.of(new Adam(milli, 0.9, 0.999, 1e-7, false, 0, none),
        new Adamax(LearningRateSchedule.constant(2e-3), 0.9, 0.999, 1e-7, 0, none),
        new Nadam(milli, 0.9, 0.999, 1e-7, UpdateFormula.KERAS, 0, none),
        new AdamW(milli, 0.004, 0.9, 0.999, 1e-7, false, none),
        new Adam(milli, 0.9, 0.999, 1e-8, false, 0, none)), OptimizerSnippets.adamFamily());

    assertEquals(List.of(GradientClipping.byValue(0.5), GradientClipping.byNorm(1.0),
        GradientClipping.byGlobalNorm(1.0)), OptimizerSnippets.clipping().stream().map(Optimizer::clipping).toList());
  }

  @Test
  void theScheduleSamplesGiveTheRatesTheirCommentsSay() {
    List<LearningRateSchedule> s = OptimizerSnippets.schedules();
    LearningRateSchedule notes = s.get(0);
    assertEquals(0.1, notes.at(0));
    assertEquals(0.05, notes.at(1000), 1e-15);                      // 0.1 / (1 + 0.001·1000)
    LearningRateSchedule stepDecay = s.get(1);
    assertEquals(List.of(0.1, 0.1, 0.01, 0.01, 0.001), List.of(stepDecay.at(0), stepDecay.at(1875),
        stepDecay.at(1876), stepDecay.at(3750), stepDecay.at(3751)));
    LearningRateSchedule halving = s.get(2);
    assertEquals(List.of(0.1, 0.1, 0.05, 0.025), List.of(halving.at(0), halving.at(1874), halving.at(1875),
        halving.at(3750)));
    LearningRateSchedule linear = s.get(3);
    assertEquals(0.1, linear.at(0), 1e-15);
    assertEquals((0.1 - 1e-4) / 2 + 1e-4, linear.at(5000), 1e-15);
    assertEquals(1e-4, linear.at(20_000), 1e-15);
    LearningRateSchedule cosine = s.get(4);
    assertEquals(1e-3, cosine.at(0), 1e-15);
    assertEquals(2e-3, cosine.at(250), 1e-15);                      // half-way up the warm-up
    assertEquals(3e-3, cosine.at(500), 1e-15);                      // the peak
    assertEquals(1.5e-3, cosine.at(5500), 1e-15);                   // half-way down
    assertEquals(0, cosine.at(10_500), 1e-15);
    LearningRateSchedule fromZero = s.get(5);
    assertEquals(0, fromZero.at(0));
    assertEquals(1.5e-3, fromZero.at(250), 1e-15);                  // half-way up the warm-up from 0
    assertEquals(3e-3, fromZero.at(500), 1e-15);
    LearningRateSchedule restarts = s.get(6);
    assertEquals(0.05, restarts.at(0), 1e-15);
    assertEquals(0.025, restarts.at(500), 1e-15);                   // half-way down the first period
    assertEquals(0.05, restarts.at(1000), 1e-15);                   // the restart
    assertEquals(0.025, restarts.at(2000), 1e-15);                  // half-way down the second, twice as long
    assertEquals(0.05, restarts.at(3000), 1e-15);
    LearningRateSchedule cyclical = s.get(7);
    assertEquals(1e-4, cyclical.at(0), 1e-15);
    assertEquals(1e-2, cyclical.at(2000), 1e-15);                   // the first peak
    assertEquals(1e-4 + (1e-2 - 1e-4) / 2, cyclical.at(6000), 1e-15); // the second, at half the amplitude
    assertEquals(CyclicalLearningRate.Mode.TRIANGULAR2, ((CyclicalLearningRate) cyclical).mode());
    assertEquals(cosine, s.get(8), "the optimizer takes the cosine schedule");
  }

  @Test
  void theErrorMessagesQuotedOnTheOptimizersPageAreWhatTheCodeSays() throws IOException {
    String page = Files.readString(GuidePages.DOCS.resolve("optimizers.md"));
    List<String> messages = List.of(
        assertThrows(IllegalArgumentException.class, () -> Optimizer.adam(1e-3).withBeta2(1.0)).getMessage(),
        assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(0.01).withMomentum(1.5)).getMessage(),
        assertThrows(IllegalArgumentException.class, () -> Optimizer.rmsprop(0.01).withWeightDecay(-1e-4))
            .getMessage(),
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.byNorm(0)).getMessage());
    for (String message : messages) {
      // the page wraps long lines: compare with runs of white space collapsed
      assertTrue(page.replaceAll("\\s+", " ").contains("`" + message + "`"),
          "optimizers.md should quote: " + message);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void fitReportsTheRateOfEveryUpdateAsTheScheduleGivesIt(String name) {
    SeededRandom r = new SeededRandom(5);
    float[] x = new float[10 * 2];
    float[] y = new float[10];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = x[2 * i] - 0.5f * x[2 * i + 1];
    }
    Sequential model = Sequential.of(Input.shape(2), Dense.units(1)).withSeed(3);
    History h = OptimizerSnippets.scheduleHistory(model, Backend.named(name),
        Dataset.of(x, Shape.of(2), y, Shape.of(1)));
    // 10 samples in batches of 4: 3 updates per epoch; update t used 0.1 · 0.5^(t − 1)
    assertArrayEquals(new double[] {0.1, 0.05, 0.025, 0.0125, 0.00625, 0.003125}, h.learningRates(), 1e-15);
    assertArrayEquals(new double[] {0.025, 0.003125}, h.get("learning_rate"), 1e-15);
    assertTrue(h.last("loss") < h.get("loss")[0], "the loss should fall: " + Arrays.toString(h.get("loss")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void underARateDropKerasKeepsTheOldRateInTheVelocityAndTfRescalesIt(String name) {
    // 0.396 and 0.234 as the page works them out
    double[] w = OptimizerSnippets.momentumUnderASchedule(Backend.named(name));
    assertEquals(0.396, w[0], 1e-6);
    assertEquals(0.234, w[1], 1e-6);
  }

  /** 64 samples of 4 Gaussian features, the target their sum: a line any sane rate fits. */
  static Dataset divergingData() {
    SeededRandom r = new SeededRandom(8);
    float[] x = new float[64 * 4];
    float[] y = new float[64];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
      y[i / 4] += x[i];
    }
    return Dataset.of(x, Shape.of(4), y, Shape.of(1));
  }

  static Sequential divergingModel() {
    return Sequential.of(Input.shape(4), Dense.units(1)).withSeed(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void aDivergedRunReportsKeepsAFiniteModelAndTheEpochsDone(String name, @TempDir Path dir) {
    Backend backend = Backend.named(name);
    Path keep = dir.resolve("before-divergence.layerwise");
    History h = OptimizerSnippets.divergedRun(divergingModel(), backend, divergingData(), keep);
    assertTrue(h.epochCount() < 20, "stopped early: " + h);
    try (CompiledModel kept = CompiledModel.load(keep, backend)) {
      assertEquals(h.epochCount(), kept.trainingState().epochs(), "the epochs done before the stop");
      // The backend's own values: a reference run's kernel may hold finite doubles beyond float32's range.
      kept.backendModel().weights().forEach((k, v) -> assertTrue(Arrays.stream(v.data()).allMatch(Double::isFinite),
          k));
    }
  }
}
