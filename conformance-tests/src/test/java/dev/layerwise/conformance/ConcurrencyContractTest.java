package dev.layerwise.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.EpochLogs;
import dev.layerwise.FitCallback;
import dev.layerwise.FitCancelledException;
import dev.layerwise.FitOptions;
import dev.layerwise.ModelCheckpoint;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.TrainingState;
import dev.layerwise.check.GradientCheck;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parts of the concurrency contract that need real maths, on both backends: a fit stopped by an interrupt
 * leaves exactly the weights of the steps it took; callbacks on the fitting thread save and set weights; gradient
 * checks (which read the weights) run alongside predicts. The refusals and messages are in the api's
 * {@code CompiledModelThreadsTest}, the crash stress in {@link ConcurrencyStressTest}.
 */
class ConcurrencyContractTest {
  private static final Loss LOSS = Loss.sparseCategoricalCrossentropy().withFromLogits(true);

  @TempDir Path dir;

  private static CompiledModel compile(String backend) {
    return Sequential.of(Input.shape(5), Dense.units(8).withActivation(ActivationFn.TANH), Dropout.rate(0.2),
            Dense.units(3))
        .withSeed(11).compile(Backend.named(backend), Optimizer.adam(0.01), LOSS);
  }

  private static Dataset data(int n, long seed) {
    SeededRandom r = new SeededRandom(seed);
    float[] x = new float[n * 5];
    int[] labels = new int[n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < n; i++) {
      labels[i] = x[i * 5] > 0 ? 1 : x[i * 5 + 1] > 0 ? 2 : 0;
    }
    return Dataset.withClassLabels(x, Shape.of(5), labels);
  }

  private static FitOptions fit(int epochs, FitCallback... callbacks) {
    return FitOptions.builder().epochs(epochs).batchSize(8).callbacks(callbacks).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tensorflow", "reference"})
  void anInterruptedFitKeepsExactlyTheStepsItTook(String backend) {
    Dataset train = data(40, 1);
    try (CompiledModel interrupted = compile(backend); CompiledModel oneEpoch = compile(backend)) {
      FitCancelledException e = assertThrows(FitCancelledException.class, () -> interrupted.fit(train, fit(3,
          new FitCallback() {
            @Override
            public void onEpochBegin(int epoch, int epochs) {
              if (epoch == 2) {
                Thread.currentThread().interrupt();
              }
            }
          })));
      assertTrue(Thread.interrupted(), "flag left set");
      assertEquals(5, e.iterations());
      assertEquals(1, e.history().epochCount());
      oneEpoch.fit(train, fit(1));
      assertEquals(new TrainingState(5, 1), interrupted.trainingState());
      assertEquals(oneEpoch.weights(), interrupted.weights(), "the weights after epoch 1, untouched by epoch 2");
      assertEquals(oneEpoch.backendModel().optimizerSlots(), interrupted.backendModel().optimizerSlots());
      Dataset probe = data(7, 2);
      assertArrayEquals(oneEpoch.predict(probe), interrupted.predict(probe));
      // and the stopped model trains on: its next epoch is the one an uninterrupted run would have had
      interrupted.fit(train, fit(1));
      oneEpoch.fit(train, fit(1));
      assertEquals(oneEpoch.weights(), interrupted.weights());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tensorflow", "reference"})
  void callbacksOnTheFittingThreadSaveAndSetWeights(String backend) {
    Dataset train = data(40, 3);
    Dataset probe = data(6, 4);
    List<float[]> seen = new ArrayList<>();
    try (CompiledModel m = compile(backend)) {
      m.fit(train, fit(2, ModelCheckpoint.everyEpoch(m, dir), new FitCallback() {
        @Override
        public void onEpochEnd(EpochLogs logs) {
          m.setWeights(m.weights()); // what restoring the best weights does
          seen.add(m.predict(probe));
        }
      }));
      assertArrayEquals(seen.get(1), m.predict(probe), "the last callback saw the final weights");
      try (CompiledModel restored = CompiledModel.load(dir.resolve("epoch-0002.layerwise"), Backend.named(backend))) {
        assertArrayEquals(m.predict(probe), restored.predict(probe));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tensorflow", "reference"})
  void gradientChecksRunAlongsidePredicts(String backend) throws InterruptedException {
    Dataset train = data(16, 5);
    try (CompiledModel m = compile(backend)) {
      m.fit(train, fit(1));
      float[] expected = m.predict(train);
      List<String> problems = Collections.synchronizedList(new ArrayList<>());
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        boolean checker = t % 2 == 0;
        threads.add(new Thread(() -> {
          try {
            for (int i = 0; i < (checker ? 1 : 200); i++) {
              if (checker && !GradientCheck.of(m).data(train).run().passed()) {
                problems.add("gradient check failed");
              } else if (!checker && !java.util.Arrays.equals(expected, m.predict(train))) {
                problems.add("predict differs");
              }
            }
          } catch (RuntimeException e) {
            problems.add(e.toString());
          }
        }));
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join();
      }
      assertEquals(List.of(), problems);
    }
  }
}
