package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.data.Dataset;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The samples of {@code docs/training.md}'s callbacks and resuming sections ({@link CallbackSnippets}) run. */
class CallbackSnippetsTest {
  static final Dataset TRAIN = CallbackSnippets.noisySine(24, 1);
  static final Dataset VAL = CallbackSnippets.noisySine(24, 2);
  @TempDir Path dir;

  static CompiledModel compile(Backend backend) {
    return CallbackSnippets.model().compile(backend, Optimizer.adam(0.02), Loss.meanSquaredError());
  }

  /** What the early-stopping sample prints, on the reference backend (the guide's output block). */
  static String earlyStoppingOutput(Path dir) {
    try (CompiledModel m = compile(Backend.named("reference"))) {
      return CallbackSnippets.earlyStopping(m, TRAIN, VAL, dir).stopReason();
    }
  }

  /** The CSV log after the resumed session, on the reference backend (the guide's output block). */
  static String resumeCsv(Path dir) {
    CallbackSnippets.resume(Backend.named("reference"), TRAIN, VAL, dir);
    try {
      return Files.readString(dir.resolve("log.csv")).replace("\r\n", "\n").strip();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void earlyStoppingStopsAndRestoresTheBestEpoch(String backend) throws IOException {
    try (CompiledModel m = compile(Backend.named(backend))) {
      History h = CallbackSnippets.earlyStopping(m, TRAIN, VAL, dir);
      assertTrue(h.stopReason().startsWith("EarlyStopping: val_loss did not improve for 5 epochs"), h.stopReason());
      assertTrue(h.epochCount() < 200, "stopped early");
      double[] val = h.get("val_loss");
      double best = java.util.Arrays.stream(val).min().orElseThrow();
      assertEquals(best, m.evaluate(VAL, 8).loss(), 1e-6, "the best epoch's weights are back");
      List<String> csv = Files.readAllLines(dir.resolve("training.csv"));
      assertEquals(h.epochCount() + 1, csv.size());
      assertEquals("epoch,learning_rate,loss,val_loss", csv.get(0));
      double[] rates = h.get("learning_rate");
      assertTrue(rates[rates.length - 1] < rates[0], "the plateau lowered the rate");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void theSchedulerWarmsUpThenDecays(String backend) {
    try (CompiledModel m = compile(Backend.named(backend))) {
      History h = CallbackSnippets.schedulerAndLambda(m, TRAIN);
      assertArrayEquals(new double[] {0.01, 0.02, 0.03, 0.027, 0.0243}, h.get("learning_rate"), 1e-15);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void theCustomCallbackStopsBetweenSteps(String backend) {
    try (CompiledModel m = compile(Backend.named(backend))) {
      FitOptions options = FitOptions.builder().epochs(3).batchSize(8).verbose(0)
          .callbacks(new CallbackSnippets.StopBelow(100)).build();
      assertTrue(options.needsEveryStep());
      History h = m.fit(TRAIN, options);
      assertEquals(1, h.learningRates().length, "one step, then the stop");
      assertTrue(h.stopReason().startsWith("StopBelow: step 1 of epoch 1 had loss "), h.stopReason());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void theResumedSessionsLogIsTheUninterruptedOne(String backend) throws IOException {
    History rest = CallbackSnippets.resume(Backend.named(backend), TRAIN, VAL, dir);
    assertEquals(4, rest.epochNumbers()[0]);
    Path whole = dir.resolve("whole.csv");
    try (CompiledModel m = compile(Backend.named(backend))) {
      m.fit(TRAIN, CallbackSnippets.resumableOptions(6, VAL, whole, false).build());
    }
    assertEquals(Files.readAllLines(whole), Files.readAllLines(dir.resolve("log.csv")));
  }
}
