package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FitOptionsTest {

  @Test
  void defaultsAreKerasDefaults() {
    FitOptions o = FitOptions.builder().build();
    assertEquals(1, o.epochs());
    assertEquals(32, o.batchSize());
    assertTrue(o.shuffle());
    assertEquals(OptionalLong.empty(), o.seed());
    assertNull(o.validationData());
    assertEquals(1, o.callbacks().size());
    assertInstanceOf(Progress.class, o.callbacks().get(0), "progress is logged by default");
  }

  @Test
  void ofSetsEpochsAndBatchSize() {
    FitOptions o = FitOptions.of(5, 128);
    assertEquals(5, o.epochs());
    assertEquals(128, o.batchSize());
    assertTrue(o.shuffle());
    assertInstanceOf(Progress.class, o.callbacks().get(0));
  }

  @Test
  void nonPositiveBatchSizeIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FitOptions.of(1, 0));
    assertTrue(e.getMessage().contains("FitOptions: batchSize must be positive, got 0"), e.getMessage());
    IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
        () -> FitOptions.builder().batchSize(-8));
    assertTrue(n.getMessage().contains("got -8"), n.getMessage());
  }

  @Test
  void nonPositiveEpochsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FitOptions.of(0, 32));
    assertTrue(e.getMessage().contains("FitOptions: epochs must be positive, got 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().epochs(-1));
  }

  @Test
  void quietRemovesEveryCallback() {
    assertEquals(List.of(), FitOptions.builder().quiet().build().callbacks());
  }

  @Test
  void callbacksReplaceTheDefaultProgress() {
    FitCallback mine = new FitCallback() {};
    assertEquals(List.of(mine), FitOptions.builder().callbacks(mine).build().callbacks());
    assertEquals(List.of(), FitOptions.builder().callbacks().build().callbacks());
    assertThrows(NullPointerException.class, () -> FitOptions.builder().callbacks((FitCallback) null));
  }

  @Test
  void shuffleSeedAndValidationDataAreKept() {
    Dataset val = Dataset.withClassLabels(new float[] {1, 2}, Shape.of(1), new int[] {0, 1});
    FitOptions o = FitOptions.builder().shuffle(false).seed(17).validationData(val).build();
    assertFalse(o.shuffle());
    assertEquals(OptionalLong.of(17), o.seed());
    assertSame(val, o.validationData());
  }

  @Test
  void validationDataWithoutLabelsIsRejected() {
    Dataset unlabelled = Dataset.featuresOnly(new float[] {1, 2}, Shape.of(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FitOptions.builder().validationData(unlabelled));
    assertTrue(e.getMessage().contains("validationData needs labels"), e.getMessage());
    assertTrue(e.getMessage().contains("no labels"), e.getMessage());
  }

  @Test
  void theBuilderCanBeReusedWithoutAffectingBuiltOptions() {
    FitOptions.Builder b = FitOptions.builder().epochs(2);
    FitOptions first = b.build();
    b.epochs(9);
    assertEquals(2, first.epochs());
    assertEquals(9, b.build().epochs());
  }
}
