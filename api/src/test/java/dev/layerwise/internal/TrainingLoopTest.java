package dev.layerwise.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.BatchLogs;
import dev.layerwise.CompiledModel;
import dev.layerwise.EpochLogs;
import dev.layerwise.Evaluation;
import dev.layerwise.FitCallback;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.TrainingDivergedException;
import dev.layerwise.TrainingState;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.testing.FakeBackend;
import dev.layerwise.testing.FakeBackend.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared training loop, driven through {@code CompiledModel} on a backend that records what it is sent. */
class TrainingLoopTest {
  private static final double LEARNING_RATE = 0.0025;

  private final FakeBackend fake = new FakeBackend();
  private CompiledModel model;

  /** Samples with ids {@code from .. from+n-1}: features (id, 0.5), label id mod 3. */
  private static Dataset ids(int from, int n) {
    float[] x = new float[2 * n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = from + i;
      x[2 * i + 1] = 0.5f;
      labels[i] = (from + i) % 3;
    }
    return Dataset.withClassLabels(x, Shape.of(2), labels);
  }

  private static int id(Call call, int sample) {
    return (int) call.feature(sample, 0);
  }

  /** One-hot logits: the right class (id mod 3) for ids below 7, a wrong one, (id + 1) mod 3, from 7 on. */
  private static float[] rightBelowSeven(Call call, int outputSize) {
    float[] out = new float[call.size() * outputSize];
    for (int i = 0; i < call.size(); i++) {
      int id = id(call, i);
      out[i * outputSize + (id < 7 ? id % 3 : (id + 1) % 3)] = 1;
    }
    return out;
  }

  @BeforeEach
  void compile() {
    fake.outputs(TrainingLoopTest::rightBelowSeven);
    model = Sequential.of(Input.shape(2), Dense.units(3)).withSeed(11).compile(fake, Optimizer.adam(LEARNING_RATE),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY);
  }

  @AfterEach
  void close() {
    model.close();
  }

  private FakeBackend.FakeModel backend() {
    return fake.onlyModel();
  }

  private static FitOptions.Builder quiet(int epochs, int batchSize) {
    return FitOptions.builder().epochs(epochs).batchSize(batchSize).quiet();
  }

  private static List<Integer> batchIds(Call call) {
    return IntStream.range(0, call.size()).mapToObj(i -> id(call, i)).toList();
  }

  @Test
  void trainStepsAreEpochsTimesTheCeilingOfSizeOverBatch() {
    model.fit(ids(0, 10), quiet(3, 4).build());
    assertEquals(3 * 3, backend().calls("trainStep").size());
    model.fit(ids(0, 10), quiet(2, 3).build());
    assertEquals(3 * 3 + 2 * 4, backend().calls("trainStep").size());
  }

  @Test
  void stepIndicesCountFromOneAndContinueAcrossFits() {
    model.fit(ids(0, 10), quiet(2, 4).build());
    model.fit(ids(0, 10), quiet(1, 4).build());
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L),
        backend().calls("trainStep").stream().map(Call::step).toList());
    assertEquals(9, model.iterations());
  }

  @Test
  void everyStepGetsTheOptimizersLearningRate() {
    model.fit(ids(0, 10), quiet(2, 4).build());
    backend().calls("trainStep").forEach(c -> assertEquals(LEARNING_RATE, c.learningRate(), 0.0));
  }

  @Test
  void batchesAreFullExceptTheLastOfEachEpoch() {
    model.fit(ids(0, 10), quiet(2, 4).build());
    assertEquals(List.of(4, 4, 2, 4, 4, 2), backend().calls("trainStep").stream().map(Call::size).toList());
  }

  @Test
  void labelsTravelWithTheirFeatures() {
    model.fit(ids(0, 10), quiet(1, 4).build());
    for (Call c : backend().calls("trainStep")) {
      for (int i = 0; i < c.size(); i++) {
        assertEquals(id(c, i) % 3, c.label(i, 0), 0f);
      }
    }
  }

  @Test
  void eachShuffledEpochSeesEverySampleOnceInANewOrder() {
    model.fit(ids(0, 10), quiet(3, 4).build());
    List<Call> steps = backend().calls("trainStep");
    List<List<Integer>> epochs = new ArrayList<>();
    for (int e = 0; e < 3; e++) {
      List<Integer> order = steps.subList(3 * e, 3 * e + 3).stream().flatMap(c -> batchIds(c).stream()).toList();
      assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), order.stream().sorted().toList(), "epoch " + (e + 1));
      epochs.add(order);
    }
    assertNotEquals(epochs.get(0), epochs.get(1));
    assertNotEquals(epochs.get(1), epochs.get(2));
  }

  @Test
  void shufflingIsReproducibleForAFixedSeed() {
    FitOptions options = quiet(1, 10).seed(5).build();
    model.fit(ids(0, 10), options);
    FakeBackend other = new FakeBackend();
    try (CompiledModel again = Sequential.of(Input.shape(2), Dense.units(3)).withSeed(11).compile(other,
        Optimizer.adam(LEARNING_RATE), Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      again.fit(ids(0, 10), options);
    }
    assertEquals(batchIds(backend().calls("trainStep").get(0)), batchIds(other.onlyModel().calls("trainStep").get(0)));
  }

  @Test
  void aSecondFitDrawsANewShuffle() {
    FitOptions options = quiet(1, 10).seed(5).build();
    model.fit(ids(0, 10), options);
    model.fit(ids(0, 10), options);
    List<Call> steps = backend().calls("trainStep");
    assertNotEquals(batchIds(steps.get(0)), batchIds(steps.get(1)));
  }

  @Test
  void withoutShufflingBatchesFollowTheDatasetOrder() {
    model.fit(ids(0, 10), quiet(2, 4).shuffle(false).build());
    List<Call> steps = backend().calls("trainStep");
    assertEquals(List.of(0, 1, 2, 3), batchIds(steps.get(0)));
    assertEquals(List.of(8, 9), batchIds(steps.get(2)));
    assertEquals(List.of(0, 1, 2, 3), batchIds(steps.get(3)));
  }

  @Test
  void historyHoldsBatchSizeWeightedMeansOfWhatTheBackendReturned() {
    fake.trainLoss(Call::step); // losses 1, 2, 3 in epoch 1 and 4, 5, 6 in epoch 2
    fake.evaluateLoss(c -> c.size() == 4 ? 0.5 : 3.0);
    History h = model.fit(ids(0, 10), quiet(2, 4).validationData(ids(5, 5)).build());

    assertEquals(List.of("loss", "accuracy", "learning_rate", "val_loss", "val_accuracy"), List.copyOf(h.keys()));
    // batches of 4, 4, 2: (4·1 + 4·2 + 2·3) / 10 and (4·4 + 4·5 + 2·6) / 10
    assertArrayEquals(new double[] {1.8, 4.8}, h.get("loss"), 1e-12);
    // ids 0..6 of 0..9 are predicted right, whatever the order
    assertArrayEquals(new double[] {0.7, 0.7}, h.get("accuracy"), 1e-12);
    // validation batches of 4 and 1: (4·0.5 + 1·3.0) / 5
    assertArrayEquals(new double[] {1.0, 1.0}, h.get("val_loss"), 1e-12);
    // validation ids 5..9: 5 and 6 right
    assertArrayEquals(new double[] {0.4, 0.4}, h.get("val_accuracy"), 1e-12);
  }

  @Test
  void validationRunsAfterEachEpochInInferenceModeAndInOrder() {
    model.fit(ids(0, 10), quiet(2, 4).validationData(ids(5, 5)).build());
    List<String> steps = backend().methods().stream().filter(m -> m.equals("trainStep") || m.equals("evaluate"))
        .toList();
    assertEquals(List.of("trainStep", "trainStep", "trainStep", "evaluate", "evaluate",
        "trainStep", "trainStep", "trainStep", "evaluate", "evaluate"), steps);
    List<Call> evals = backend().calls("evaluate");
    assertEquals(List.of(5, 6, 7, 8), batchIds(evals.get(0)));
    assertEquals(List.of(9), batchIds(evals.get(1)));
    assertEquals(List.of(2f, 0f, 1f, 2f), List.of(evals.get(0).label(0, 0), evals.get(0).label(1, 0),
        evals.get(0).label(2, 0), evals.get(0).label(3, 0)), "validation labels (id mod 3) are sent");
  }

  @Test
  void withoutValidationThereAreNoValKeys() {
    History h = model.fit(ids(0, 10), quiet(1, 4).build());
    assertEquals(List.of("loss", "accuracy", "learning_rate"), List.copyOf(h.keys()));
    assertEquals(0, backend().calls("evaluate").size());
  }

  /** Records every callback event and how many train steps the backend had seen at that moment. */
  private final class Recorder implements FitCallback {
    final String name;
    final List<String> events;
    final List<EpochLogs> logs = new ArrayList<>();
    final List<BatchLogs> batches = new ArrayList<>();
    History end;

    Recorder(String name, List<String> events) {
      this.name = name;
      this.events = events;
    }

    private int steps() {
      return backend().calls("trainStep").size();
    }

    @Override
    public void onTrainBegin(int epochs, int stepsPerEpoch, int samples) {
      events.add(name + " trainBegin " + epochs + "x" + stepsPerEpoch + " of " + samples + " @" + steps());
    }

    @Override
    public void onEpochBegin(int epoch, int epochs) {
      events.add(name + " epochBegin " + epoch + "/" + epochs + " @" + steps());
    }

    @Override
    public void onBatchEnd(BatchLogs l) {
      batches.add(l);
      events.add(name + " batchEnd " + l.epoch() + ":" + l.step() + "/" + l.steps() + " @" + steps());
    }

    @Override
    public void onEpochEnd(EpochLogs l) {
      logs.add(l);
      events.add(name + " epochEnd " + l.epoch() + "/" + l.epochs() + " steps " + l.steps() + " @" + steps());
    }

    @Override
    public void onTrainEnd(History history) {
      end = history;
      events.add(name + " trainEnd " + history.epochCount() + " @" + steps());
    }
  }

  @Test
  void callbacksAreCalledInOrderAroundTheSteps() {
    List<String> events = new ArrayList<>();
    Recorder a = new Recorder("a", events);
    Recorder b = new Recorder("b", events);
    History h = model.fit(ids(0, 10), quiet(2, 4).callbacks(a, b).build());
    assertEquals(List.of(
        "a trainBegin 2x3 of 10 @0", "b trainBegin 2x3 of 10 @0",
        "a epochBegin 1/2 @0", "b epochBegin 1/2 @0",
        "a batchEnd 1:1/3 @1", "b batchEnd 1:1/3 @1",
        "a batchEnd 1:2/3 @2", "b batchEnd 1:2/3 @2",
        "a batchEnd 1:3/3 @3", "b batchEnd 1:3/3 @3",
        "a epochEnd 1/2 steps 3 @3", "b epochEnd 1/2 steps 3 @3",
        "a epochBegin 2/2 @3", "b epochBegin 2/2 @3",
        "a batchEnd 2:1/3 @4", "b batchEnd 2:1/3 @4",
        "a batchEnd 2:2/3 @5", "b batchEnd 2:2/3 @5",
        "a batchEnd 2:3/3 @6", "b batchEnd 2:3/3 @6",
        "a epochEnd 2/2 steps 3 @6", "b epochEnd 2/2 steps 3 @6",
        "a trainEnd 2 @6", "b trainEnd 2 @6"), events);
    assertSame(h, a.end, "onTrainEnd receives the history fit returns");
  }

  @Test
  void epochLogsCarryTheEpochsValues() {
    fake.trainLoss(Call::step);
    Recorder r = new Recorder("r", new ArrayList<>());
    model.fit(ids(0, 10), quiet(2, 4).callbacks(r).build());
    assertEquals(1.8, r.logs.get(0).get("loss"), 1e-12);
    assertEquals(4.8, r.logs.get(1).get("loss"), 1e-12);
    assertEquals(0.7, r.logs.get(1).get("accuracy"), 1e-12);
    assertTrue(r.logs.get(0).seconds() >= 0);
  }

  @Test
  void batchLogsCarryTheEpochsRunningMeans() {
    fake.trainLoss(Call::step);
    Recorder r = new Recorder("r", new ArrayList<>());
    // Batches of 4, 4, 2 samples in id order; ids 0..6 are predicted right, 7..9 wrong.
    model.fit(ids(0, 10), quiet(2, 4).shuffle(false).callbacks(r).build());
    assertEquals(List.of(1.0, (1 * 4 + 2 * 4) / 8.0, (1 * 4 + 2 * 4 + 3 * 2) / 10.0, 4.0, (4 * 4 + 5 * 4) / 8.0,
        (4 * 4 + 5 * 4 + 6 * 2) / 10.0), r.batches.stream().map(b -> b.get("loss")).toList(),
        "the loss averaged over the samples seen, weighted by batch size");
    assertEquals(List.of(1.0, 7 / 8.0, 7 / 10.0, 1.0, 7 / 8.0, 7 / 10.0),
        r.batches.stream().map(b -> b.get("accuracy")).toList());
    assertEquals(r.logs.get(0).get("loss"), r.batches.get(2).get("loss"), 0.0, "the last step's means are the epoch's");
    assertEquals(java.util.Set.of("loss", "accuracy"), r.batches.get(0).values().keySet(),
        "no learning_rate or val_ values within the epoch");
  }

  @Test
  void stopTrainingEndsFitAfterTheCurrentEpoch() {
    List<String> events = new ArrayList<>();
    Recorder recorder = new Recorder("r", events);
    FitCallback stopAfterTwo = new FitCallback() {
      int epochsSeen;

      @Override
      public void onEpochEnd(EpochLogs logs) {
        epochsSeen = logs.epoch();
      }

      @Override
      public boolean stopTraining() {
        return epochsSeen >= 2;
      }
    };
    History h = model.fit(ids(0, 10), quiet(5, 4).callbacks(stopAfterTwo, recorder).build());
    assertEquals(2, h.epochCount());
    assertEquals(6, backend().calls("trainStep").size());
    assertEquals(6, model.iterations());
    assertEquals("r epochEnd 2/5 steps 3 @6", events.get(events.size() - 2),
        "every callback still sees the last epoch's end");
    assertEquals("r trainEnd 2 @6", events.get(events.size() - 1), "onTrainEnd follows an early stop");
  }

  @Test
  void aRefusedStepStopsTrainingNamingTheUpdateEpochBatchAndRate() {
    fake.trainLoss(c -> c.step() == 3 ? Double.NaN : 1.0);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> model.fit(ids(0, 10), quiet(2, 4).build()));
    assertTrue(e.getMessage().startsWith("fit: update 3 (epoch 1, batch 3 of 3, learning rate 0.0025) was not"
        + " applied: the loss has NaN values."), e.getMessage());
    assertTrue(e.getMessage().contains("as they were before it (2 updates)"), e.getMessage());
    assertEquals(3, e.step());
    assertEquals(1, e.epoch());
    assertEquals(3, e.batch());
    assertEquals(3, e.batchesPerEpoch());
    assertEquals(LEARNING_RATE, e.learningRate(), 0.0);
    assertEquals("the loss has NaN values", e.reason());
    assertEquals(3, backend().calls("trainStep").size(), "no step after the refused one");
  }

  @Test
  void anInfiniteLossStopsTrainingToo() {
    fake.trainLoss(c -> c.step() == 5 ? Double.POSITIVE_INFINITY : 1.0);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> model.fit(ids(0, 10), quiet(2, 4).build()));
    assertTrue(e.getMessage().contains("update 5 (epoch 2, batch 2 of 3") && e.getMessage().contains("+Inf"),
        e.getMessage());
  }

  @Test
  void aRefusedStepIsNotCountedSoTheNextFitRetriesIt() {
    fake.trainLoss(c -> c.step() == 5 ? Double.NaN : 1.0);
    assertThrows(TrainingDivergedException.class, () -> model.fit(ids(0, 10), quiet(2, 4).build()));
    assertEquals(4, model.iterations(), "updates 1-4 applied, 5 refused");
    assertEquals(new TrainingState(4, 1), model.trainingState(), "one whole epoch done");
    fake.trainLoss(c -> 1.0);
    model.fit(ids(0, 10), quiet(1, 4).build());
    List<Long> steps = backend().calls("trainStep").stream().map(Call::step).toList();
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 5L, 6L, 7L), steps, "update 5 is tried again, then 6 and 7");
  }

  @Test
  void theRefusedStepsHistoryHoldsTheCompletedEpochsAndTheAppliedRates() {
    fake.trainLoss(c -> c.step() == 5 ? Double.NaN : 0.5);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> model.fit(ids(0, 10), quiet(3, 4).validationData(ids(0, 3)).build()));
    History h = e.history();
    assertEquals(1, h.epochCount(), "epoch 1 completed, epoch 2 interrupted at its second batch");
    assertEquals(0.5, h.last("loss"), 1e-12);
    assertTrue(h.keys().contains("val_loss"), h.keys().toString());
    assertArrayEquals(new double[] {LEARNING_RATE, LEARNING_RATE, LEARNING_RATE, LEARNING_RATE},
        h.learningRates(), 0.0, "the rates of updates 1-4, not of the refused 5th");
  }

  @Test
  void aBackendThatAppliesANonFiniteStepIsCaught() {
    fake.trainLoss(c -> c.step() == 2 ? Double.NaN : 1.0).applyNonFiniteSteps();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> model.fit(ids(0, 10), quiet(1, 4).build()));
    assertFalse(e instanceof TrainingDivergedException, "not a clean refusal: " + e);
    assertTrue(e.getMessage().contains("FakeModel applied update 2 although its loss is NaN")
        && e.getMessage().contains("NonFiniteStepException"), e.getMessage());
  }

  @Test
  void predictReturnsEveryOutputInDatasetOrderAcrossBatches() {
    fake.outputs((call, k) -> {
      float[] out = new float[call.size() * k];
      for (int i = 0; i < call.size(); i++) {
        for (int j = 0; j < k; j++) {
          out[i * k + j] = id(call, i) * 10 + j;
        }
      }
      return out;
    });
    float[] p = model.predict(ids(0, 10), 4);
    float[] expected = new float[30];
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 3; j++) {
        expected[i * 3 + j] = i * 10 + j;
      }
    }
    assertArrayEquals(expected, p);
    List<Call> calls = backend().calls("predict");
    assertEquals(List.of(4, 4, 2), calls.stream().map(Call::size).toList());
    calls.forEach(c -> assertNull(c.y(), "predict sends features only"));
    assertEquals(0, backend().calls("trainStep").size());
  }

  @Test
  void predictOnAFlatArrayUsesTheInputShape() {
    fake.outputs((call, k) -> {
      float[] out = new float[call.size() * k];
      for (int i = 0; i < call.size(); i++) {
        out[i * k] = call.feature(i, 0) + call.feature(i, 1);
      }
      return out;
    });
    float[] p = model.predict(new float[] {1, 2, 10, 20});
    assertArrayEquals(new float[] {3, 0, 0, 30, 0, 0}, p);
  }

  @Test
  void evaluateAveragesOverSequentialBatches() {
    fake.evaluateLoss(c -> c.size() == 4 ? 1.0 : 4.0);
    Evaluation e = model.evaluate(ids(0, 10), 4);
    // (4·1 + 4·1 + 2·4) / 10
    assertEquals(1.6, e.loss(), 1e-12);
    assertEquals(0.7, e.metric(Metric.ACCURACY), 1e-12);
    assertEquals(List.of(0, 1, 2, 3), batchIds(backend().calls("evaluate").get(0)));
    assertEquals(0, backend().calls("trainStep").size(), "evaluate does not train");
    assertEquals(0, model.iterations());
  }

  @Test
  void evaluateDefaultsToBatchesOf32() {
    model.evaluate(ids(0, 40));
    assertEquals(List.of(32, 8), backend().calls("evaluate").stream().map(Call::size).toList());
  }

  @Test
  void nonPositiveBatchSizesForEvaluateAndPredictAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.evaluate(ids(0, 3), 0));
    assertTrue(e.getMessage().contains("evaluate: batchSize must be positive, got 0"), e.getMessage());
    IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> model.predict(ids(0, 3), -2));
    assertTrue(p.getMessage().contains("predict: batchSize must be positive, got -2"), p.getMessage());
  }

  @Test
  void aClosedModelRefusesWork() {
    model.close();
    model.close();
    assertEquals(1, backend().closeCount(), "close is idempotent");
    for (Runnable call : List.<Runnable>of(
        () -> model.fit(ids(0, 4), quiet(1, 2).build()),
        () -> model.evaluate(ids(0, 4)),
        () -> model.predict(ids(0, 4)),
        () -> model.weights(),
        () -> model.setWeights(java.util.Map.of()),
        () -> model.backendModel())) {
      IllegalStateException e = assertThrows(IllegalStateException.class, call::run);
      assertTrue(e.getMessage().contains("model 'sequential' is closed"), e.getMessage());
    }
    assertFalse(backend().methods().contains("trainStep"));
  }
}
