package dev.layerwise.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.spi.Batch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchesTest {

  /** n samples of shape [2]: sample i is (i, -i), label i. */
  private static Dataset indexed(int n) {
    float[] x = new float[2 * n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = -i;
      labels[i] = i;
    }
    return Dataset.withClassLabels(x, Shape.of(2), labels);
  }

  /** The sample indices of each batch, read back from the features. */
  private static List<List<Integer>> epoch(Batches b) {
    List<List<Integer>> out = new ArrayList<>();
    for (int k = 0; k < b.count(); k++) {
      Batch batch = b.get(k);
      List<Integer> ids = new ArrayList<>();
      for (int r = 0; r < batch.size(); r++) {
        int id = (int) batch.x()[2 * r];
        assertEquals(-id, batch.x()[2 * r + 1], 0f, "features stay together");
        assertEquals(id, batch.y()[r], 0f, "labels follow their features");
        ids.add(id);
      }
      out.add(ids);
    }
    return out;
  }

  @Test
  void sequentialBatchesAreInDatasetOrderWithASmallerLast() {
    Batches b = Batches.sequential(indexed(10), 4);
    assertEquals(3, b.count());
    assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7), List.of(8, 9)), epoch(b));
  }

  @Test
  void countIsTheCeilingOfSizeOverBatchSize() {
    assertEquals(1, Batches.sequential(indexed(10), 10).count());
    assertEquals(2, Batches.sequential(indexed(10), 5).count());
    assertEquals(4, Batches.sequential(indexed(10), 3).count());
    assertEquals(10, Batches.sequential(indexed(10), 1).count());
  }

  @Test
  void aBatchSizeLargerThanTheDatasetGivesOneBatch() {
    Batches b = Batches.sequential(indexed(3), 32);
    assertEquals(1, b.count());
    assertEquals(3, b.get(0).size());
    assertEquals(6, b.get(0).x().length, "the buffer is sized to the data, not to the requested batch");
  }

  @Test
  void shuffledVisitsEverySampleExactlyOnce() {
    List<List<Integer>> batches = epoch(Batches.shuffled(indexed(23), 5, 7));
    assertEquals(List.of(5, 5, 5, 5, 3), batches.stream().map(List::size).toList());
    List<Integer> all = batches.stream().flatMap(List::stream).sorted().toList();
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      expected.add(i);
    }
    assertEquals(expected, all);
  }

  @Test
  void shuffledIsDeterministicPerSeedAndDiffersAcrossSeeds() {
    List<List<Integer>> a = epoch(Batches.shuffled(indexed(50), 8, 1));
    assertEquals(a, epoch(Batches.shuffled(indexed(50), 8, 1)));
    assertNotEquals(a, epoch(Batches.shuffled(indexed(50), 8, 2)));
  }

  @Test
  void shuffledActuallyReorders() {
    List<Integer> order = epoch(Batches.shuffled(indexed(50), 50, 3)).get(0);
    List<Integer> identity = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      identity.add(i);
    }
    assertNotEquals(identity, order);
  }

  @Test
  void unlabelledDataGivesFeatureOnlyBatches() {
    Batches b = Batches.sequential(Dataset.featuresOnly(new float[] {1, 2, 3, 4, 5, 6}, Shape.of(3)), 1);
    Batch second = b.get(1);
    assertFalse(second.hasLabels());
    assertNull(second.y());
    assertArrayEquals(new float[] {4, 5, 6}, second.x());
  }

  @Test
  void buffersAreReusedBetweenBatches() {
    Batches b = Batches.sequential(indexed(4), 2);
    Batch first = b.get(0);
    Batch second = b.get(1);
    assertSame(first.x(), second.x(), "one buffer serves every batch (backends copy what they keep)");
  }
}
