package dev.layerwise.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import org.junit.jupiter.api.Test;

/**
 * The K-step loop is the one-step loop run K times: with one thread the epoch losses are bit-identical for every
 * K, chunks, leftover full steps and the last partial batch included — the check that step j+1 reads what step j
 * wrote, and that no update overwrites a weight a gradient of its own step still reads.
 */
class RawTfMlpBestTest {
  /** 300 samples: at batch 32, 9 full steps (two chunks of 4 and one left over) and a last batch of 12. */
  private static Dataset synthetic() {
    int n = 300;
    SeededRandom r = new SeededRandom(7);
    float[] x = new float[n * 784];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(10);
      for (int j = 0; j < 784; j++) {
        x[i * 784 + j] = (float) r.nextUniform() + (j % 10 == y[i] ? 0.5f : 0f);
      }
    }
    return Dataset.withClassLabels(x, Shape.of(784), y);
  }

  @Test
  void kStepsPerRunTrainExactlyAsOneStepPerRun() {
    Dataset data = synthetic();
    double[][] losses = new double[3][2];
    int[] ks = {1, 4, 9};
    for (int i = 0; i < ks.length; i++) {
      try (RawTfMlpBest m = new RawTfMlpBest(data, 1, 1, ks[i])) {
        losses[i][0] = m.epoch(32, 0, 1);
        losses[i][1] = m.epoch(32, 1, 11);
      }
    }
    for (int i = 1; i < ks.length; i++) {
      assertEquals(losses[0][0], losses[i][0], 0.0, "epoch 1, K=" + ks[i]);
      assertEquals(losses[0][1], losses[i][1], 0.0, "epoch 2, K=" + ks[i]);
    }
    assertTrue(losses[0][1] < losses[0][0], "the second epoch's loss is lower: it trains");
  }
}
