package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link TfFeedPool}: a feed is lent to one run at a time and closed only while no run holds it — the two rules
 * whose breach crashed concurrent predicts.
 */
class TfFeedPoolTest {
  private static TfFeedPool pool() {
    return new TfFeedPool(false, Shape.of(3));
  }

  @Test
  void twoRunsOfOneSizeNeverShareAFeedAndAReturnedOneIsReused() {
    try (TfFeedPool pool = pool()) {
      TfFeed a = pool.take(8);
      TfFeed b = pool.take(8);
      assertNotSame(a, b, "concurrent borrowers get distinct tensors");
      assertEquals(8, a.batchSize());
      pool.give(a);
      assertSame(a, pool.take(8), "a returned feed is lent again: no allocation per step");
      pool.give(a);
      pool.give(b);
      assertEquals(2, pool.idleCount());
    }
  }

  @Test
  void evictionClosesOnlyIdleFeedsNeverOneOnLoan() {
    try (TfFeedPool pool = pool()) {
      TfFeed onLoan = pool.take(1);
      List<TfFeed> idle = new ArrayList<>();
      for (int size = 2; size < 2 + TfFeedPool.MAX_SIZES + 2; size++) {
        TfFeed f = pool.take(size);
        idle.add(f);
        pool.give(f); // each new size pushes the least recently used size out
      }
      assertFalse(onLoan.isClosed(), "a feed a run still holds is never closed under it");
      assertTrue(idle.get(0).isClosed() && idle.get(1).isClosed(), "the two oldest idle sizes were closed");
      assertEquals(TfFeedPool.MAX_SIZES, pool.idleCount());
      assertTrue(idle.subList(2, idle.size()).stream().noneMatch(TfFeed::isClosed));
      pool.give(onLoan);
      assertFalse(onLoan.isClosed());
    }
  }

  @Test
  void idleFeedsPerSizeAreBounded() {
    try (TfFeedPool pool = pool()) {
      List<TfFeed> borrowed = new ArrayList<>();
      for (int i = 0; i < TfFeedPool.MAX_IDLE_PER_SIZE + 3; i++) {
        borrowed.add(pool.take(4));
      }
      borrowed.forEach(pool::give);
      assertEquals(TfFeedPool.MAX_IDLE_PER_SIZE, pool.idleCount());
      assertEquals(3, borrowed.stream().filter(TfFeed::isClosed).count(), "the surplus is closed on return");
    }
  }

  @Test
  void closingThePoolClosesIdleFeedsNowAndLoanedOnesOnReturn() {
    TfFeedPool pool = pool();
    TfFeed idle = pool.take(5);
    TfFeed onLoan = pool.take(5);
    pool.give(idle);
    pool.close();
    assertTrue(idle.isClosed());
    assertFalse(onLoan.isClosed());
    pool.give(onLoan);
    assertTrue(onLoan.isClosed());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.take(5));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }

  @Test
  void loansGoBackToTheirPoolsTogether() {
    try (TfFeedPool x = pool(); TfFeedPool y = new TfFeedPool(false, Shape.of(1))) {
      TfFeed fx;
      try (TfFeedPool.Loans loans = new TfFeedPool.Loans()) {
        fx = loans.fill(x, 2, new float[] {1, 2, 3, 4, 5, 6});
        loans.fill(y, 2, new float[] {7, 8});
        assertEquals(0, x.idleCount() + y.idleCount());
        float[] written = new float[6];
        fx.tensor().asRawTensor().data().asFloats().read(written);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, written);
      }
      assertEquals(1, x.idleCount());
      TfFeed again = x.take(2);
      assertSame(fx, again);
      x.give(again); // so that closing the pool frees it
      assertEquals(1, y.idleCount());
    }
  }
}
