package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.IndexedSource;
import dev.layerwise.testing.InMemorySources;
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
    assertEquals(1, o.verbose());
    assertEquals(1, o.callbacks().size());
    assertInstanceOf(Progress.class, o.callbacks().get(0), "progress is printed by default");
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
  void verboseZeroAndQuietPrintNothingButKeepTheCallbacksGiven() {
    FitCallback mine = new FitCallback() {};
    assertEquals(List.of(), FitOptions.builder().quiet().build().callbacks());
    assertEquals(List.of(), FitOptions.builder().verbose(0).build().callbacks());
    assertEquals(List.of(mine), FitOptions.builder().callbacks(mine).quiet().build().callbacks());
    assertEquals(0, FitOptions.builder().quiet().build().verbose());
  }

  @Test
  void progressComesFirstThenTheCallbacksGiven() {
    FitCallback mine = new FitCallback() {};
    List<FitCallback> all = FitOptions.builder().callbacks(mine).build().callbacks();
    assertEquals(2, all.size());
    assertInstanceOf(Progress.class, all.get(0), "the epoch line ends before another callback prints");
    assertSame(mine, all.get(1));
    assertEquals(2, FitOptions.builder().verbose(2).callbacks(mine).build().callbacks().size());
    assertThrows(NullPointerException.class, () -> FitOptions.builder().callbacks((FitCallback) null));
  }

  @Test
  void aProgressAmongTheCallbacksReplacesTheDefaultOne() {
    Progress log = Progress.toLog();
    FitCallback mine = new FitCallback() {};
    assertEquals(List.of(mine, log), FitOptions.builder().callbacks(mine, log).build().callbacks());
  }

  @Test
  void verboseOutsideZeroToTwoIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().verbose(3));
    assertTrue(e.getMessage().contains("FitOptions: verbose must be 0 (silent), 1 (progress bar) or 2 (one line per"
        + " epoch), got 3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().verbose(-1));
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
  @Test
  void aValidationSourceReplacesAValidationDatasetAndViceVersaButNotASplit() {
    Dataset val = Dataset.withClassLabels(new float[4], Shape.of(2), new int[2]);
    IndexedSource source = InMemorySources.indexed(val);
    FitOptions bySource = FitOptions.builder().validationData(val).validationData(source).build();
    assertSame(source, bySource.validationSource());
    assertNull(bySource.validationData());
    FitOptions byDataset = FitOptions.builder().validationData(source).validationData(val).build();
    assertSame(val, byDataset.validationData());
    assertNull(byDataset.validationSource());
    var e = assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().validationData(source)
        .validationSplit(0.1).build());
    assertEquals("FitOptions: give validationData or validationSplit, not both; got validationData test source of 2"
        + " samples and validationSplit 0.1", e.getMessage());
  }
}
