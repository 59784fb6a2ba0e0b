package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The backend model itself from many threads: the gradient calls a gradient check makes, on a fresh model whose
 * gradient ops are added to the graph by whichever thread comes first while the others already run it.
 */
class TfModelThreadsTest {
  private static final int THREADS = 6;
  private static final int CALLS = 60;

  private static Batch batch(int n, long seed) {
    SeededRandom r = new SeededRandom(seed);
    float[] x = new float[n * 4];
    float[] y = new float[n * 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) r.nextGaussian();
    }
    return new Batch(x, y, n, java.util.Map.of());
  }

  /** Call {@code i} of thread {@code t}: a loss gradient, an output gradient, a forward pass or the weights. */
  private static Object call(BackendModel b, int t, int i) {
    Batch batch = batch(1 + (t + i) % 5, (t + i) % 5);
    return switch ((t + i) % 4) {
      case 0 -> b.lossGradients(batch);
      case 1 -> b.outputGradients(batch, TfHarness.ones(Shape.of(batch.size(), 2)), false);
      case 2 -> b.forward(batch, false);
      default -> b.weights();
    };
  }

  @Test
  void gradientReadsFromManyThreadsEqualOneThreadsAndCloseWaits() throws InterruptedException {
    try (CompiledModel m = TfHarness.compile(DType.FLOAT64, Input.shape(4),
        Dense.units(6).withActivation(ActivationFn.TANH), Dense.units(2))) {
      BackendModel b = m.backendModel();
      Object[][] seen = new Object[THREADS][CALLS];
      List<Throwable> thrown = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        threads.add(new Thread(() -> {
          try {
            start.await();
            for (int i = 0; i < CALLS; i++) {
              seen[thread][i] = call(b, thread, i);
            }
          } catch (Throwable e) {
            thrown.add(e);
          }
        }));
      }
      threads.forEach(Thread::start);
      start.countDown();
      for (Thread t : threads) {
        t.join();
      }
      assertEquals(List.of(), thrown);
      int compared = 0;
      for (int t = 0; t < THREADS; t++) {
        for (int i = 0; i < CALLS; i++) {
          assertEquals(call(b, t, i), seen[t][i], "thread " + t + ", call " + i);
          compared++;
        }
      }
      assertEquals(THREADS * CALLS, compared);
      b.close();
      IllegalStateException e = assertThrows(IllegalStateException.class, b::weights);
      assertEquals("weights: TF model 'sequential' is closed", e.getMessage());
      assertTrue(((TfModel<?>) b).resources().isClosed());
    }
  }

  @Test
  void aWeightUpdateWaitsForReadsAndNeverShowsHalfWritten() throws InterruptedException {
    // a kernel large enough (1 MB) that a copy into it takes long enough to be caught half done
    try (CompiledModel m = TfHarness.compile(DType.FLOAT32, Input.shape(256), Dense.units(1024))) {
      BackendModel b = m.backendModel();
      TensorValue zeros = TensorValue.zeros(Shape.of(256, 1024));
      TensorValue ones = TfHarness.ones(Shape.of(256, 1024));
      b.setWeights(java.util.Map.of("dense/kernel", zeros)); // uniform from the start
      List<String> torn = Collections.synchronizedList(new ArrayList<>());
      Thread writer = new Thread(() -> {
        for (int i = 0; i < 100; i++) {
          b.setWeights(java.util.Map.of("dense/kernel", i % 2 == 0 ? ones : zeros));
        }
      });
      Thread reader = new Thread(() -> {
        for (int i = 0; i < 100; i++) {
          double[] k = b.weights().get("dense/kernel").data();
          for (double v : k) {
            if (v != k[0]) {
              torn.add("call " + i + ": a kernel with both " + k[0] + " and " + v);
              return;
            }
          }
        }
      });
      writer.start();
      reader.start();
      writer.join();
      reader.join();
      assertEquals(List.of(), torn);
    }
  }
}
