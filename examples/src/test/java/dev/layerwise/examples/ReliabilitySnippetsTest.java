package dev.layerwise.examples;

import static dev.layerwise.examples.SnippetAssertions.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitCallback;
import dev.layerwise.FitCancelledException;
import dev.layerwise.FitOptions;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingState;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The samples of {@code docs/reliability.md} ({@link ReliabilitySnippets}) run as the page says, on both backends. */
class ReliabilitySnippetsTest {
  private static CompiledModel compile(String backend) {
    return Sequential.of(Input.shape(4), Dense.units(8).withActivation(ActivationFn.RELU), Dense.units(3))
        .withSeed(2).compile(Backend.named(backend), Optimizer.sgd(0.1),
            Loss.sparseCategoricalCrossentropy().withFromLogits(true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void aPoolOfThreadsGetsWhatOneThreadGets(String backend) throws Exception {
    try (CompiledModel m = compile(backend)) {
      List<Dataset> requests = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        requests.add(random(1 + i % 9, Shape.of(4), 3, i));
      }
      List<float[]> outputs = ReliabilitySnippets.sharedModel(m, requests);
      for (int i = 0; i < requests.size(); i++) {
        assertArrayEquals(m.predict(requests.get(i)), outputs.get(i), "request " + i);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void anInterruptStopsFitAtAStepBoundary(String backend) throws InterruptedException {
    CountDownLatch userPressedStop = new CountDownLatch(1);
    FitOptions options = FitOptions.builder().epochs(5).batchSize(8).callbacks(new FitCallback() {
      @Override
      public void onEpochBegin(int epoch, int epochs) {
        if (epoch == 3) {
          userPressedStop.countDown();
          while (!Thread.currentThread().isInterrupted()) { // hold epoch 3 until the stop arrives
            Thread.onSpinWait();
          }
        }
      }
    }).build();
    try (CompiledModel m = compile(backend)) {
      FitCancelledException e = ReliabilitySnippets.interruptFit(m, random(32, Shape.of(4), 3, 1), options,
          userPressedStop);
      assertEquals(2, e.history().epochCount());
      assertEquals(8, e.iterations());
      assertEquals(new TrainingState(8, 2), m.trainingState());
      m.predict(random(4, Shape.of(4), 3, 2)); // still usable
    }
  }
}
