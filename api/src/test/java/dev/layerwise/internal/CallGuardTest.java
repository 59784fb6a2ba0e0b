package dev.layerwise.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link CallGuard} alone: nesting on one thread, the refusal of other threads, and two closes at once. */
class CallGuardTest {
  private static IllegalStateException fromOtherThread(Runnable call) throws InterruptedException {
    AtomicReference<IllegalStateException> thrown = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        call.run();
      } catch (IllegalStateException e) {
        thrown.set(e);
      }
    }, "other");
    t.start();
    t.join();
    return thrown.get();
  }

  @Test
  void anExclusiveCallNestsOnItsThreadAndEndsWithTheOutermost() throws InterruptedException {
    CallGuard guard = new CallGuard("model 'm'");
    CallGuard.Scope outer = guard.exclusive("fit");
    CallGuard.Scope inner = guard.exclusive("setWeights");
    guard.shared("predict").close();
    inner.close();
    IllegalStateException e = fromOtherThread(() -> guard.shared("predict").close());
    assertEquals("predict: model 'm' is busy with fit on thread 'main'; predict, evaluate and other reads may run"
        + " together on any number of threads, but fit, setWeights and loading need the model alone (one call at a"
        + " time, from one thread)", e.getMessage().replace("'" + Thread.currentThread().getName() + "'", "'main'"));
    outer.close();
    assertEquals(null, fromOtherThread(() -> guard.exclusive("fit").close()));
  }

  @Test
  void anExclusiveCallOnTheThreadOfASharedOneIsRefusedToo() {
    CallGuard guard = new CallGuard("model 'm'");
    try (CallGuard.Scope read = guard.shared("predict")) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> guard.exclusive("setWeights"));
      assertTrue(e.getMessage().startsWith("setWeights: model 'm' is busy with predict on this thread"),
          e.getMessage());
    }
  }

  @Test
  void aSecondCloseWaitsForTheFirstAndReleasesNothing() throws InterruptedException {
    CallGuard guard = new CallGuard("model 'm'");
    CountDownLatch releasing = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    AtomicInteger releases = new AtomicInteger();
    Thread first = new Thread(() -> guard.close(() -> {}, () -> {
      releases.incrementAndGet();
      releasing.countDown();
      try {
        finish.await();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }), "first");
    first.start();
    assertTrue(releasing.await(10, TimeUnit.SECONDS));
    Thread second = new Thread(() -> guard.close(() -> {}, releases::incrementAndGet), "second");
    second.start();
    while (second.getState() != Thread.State.WAITING) {
      assertTrue(second.isAlive(), "the second close returned before the first released");
      Thread.sleep(1);
    }
    finish.countDown();
    first.join();
    second.join();
    assertEquals(1, releases.get());
    assertTrue(guard.isClosed());
  }
}
