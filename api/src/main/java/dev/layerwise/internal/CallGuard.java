package dev.layerwise.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who is using a model right now, and who may join: the concurrency contract of {@code CompiledModel}, enforced.
 *
 * <ul>
 *   <li>Shared calls (predict, evaluate, reading weights, saving) run together from any number of threads.
 *   <li>An exclusive call (fit, setWeights, loading) runs alone. It is reentrant for its own thread: what a
 *       {@code fit} callback does on the fitting thread (save a checkpoint, restore weights, predict) is part of
 *       that fit.
 *   <li>A call that cannot run now is refused at once with an {@link IllegalStateException} naming the call in
 *       flight and its thread; nothing waits, so a mistake shows up as a message and not as a hang.
 *   <li>{@link #close} is the one call that waits: for the calls in flight to finish (after telling the owner, so
 *       that a long fit can stop at its next step), then releases the model once. Every call after that, on every
 *       thread, is refused.
 * </ul>
 *
 * <p>All state is guarded by this object's monitor, held for a few field updates per call (never while the
 * model computes); entering and leaving costs well under a microsecond, against tens of microseconds for the
 * smallest backend call.
 */
public final class CallGuard {
  /** One call in flight. */
  private record Call(String name, Thread thread) {}

  /** Ends a call: closing the scope lets the next exclusive call or a waiting {@code close} in. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  private final String owner;
  private final List<Call> shared = new ArrayList<>();
  private Call exclusive;
  private int exclusiveDepth;
  private Thread closer;
  private boolean closed;

  /** @param owner how messages name the guarded object, e.g. {@code model 'mlp'} */
  public CallGuard(String owner) {
    this.owner = Objects.requireNonNull(owner, "owner");
  }

  /** Enters a call that may run alongside other shared calls, or inside an exclusive call of this thread. */
  public synchronized Scope shared(String name) {
    checkUsable(name);
    Thread me = Thread.currentThread();
    if (exclusive != null && exclusive.thread() != me) {
      throw busy(name, exclusive);
    }
    Call call = new Call(name, me);
    shared.add(call);
    return () -> leaveShared(call);
  }

  /** Enters a call that needs the object alone; reentrant for the thread already inside an exclusive call. */
  public synchronized Scope exclusive(String name) {
    checkUsable(name);
    Thread me = Thread.currentThread();
    if (exclusive != null) {
      if (exclusive.thread() != me) {
        throw busy(name, exclusive);
      }
      exclusiveDepth++;
      return this::leaveExclusive;
    }
    if (!shared.isEmpty()) {
      throw busy(name, shared.stream().filter(c -> c.thread() != me).findFirst().orElse(shared.get(0)));
    }
    exclusive = new Call(name, me);
    exclusiveDepth = 1;
    return this::leaveExclusive;
  }

  /** Throws the {@code closed} message if the object is closed or closing; for calls that only hand out parts. */
  public synchronized void checkOpen(String name) {
    checkUsable(name);
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  /**
   * Refuses new calls, runs {@code onWait} (once, under this guard's monitor: keep it to setting a flag) if a
   * call is in flight, waits for every call in flight to end, then runs {@code release} once. A second
   * {@code close} waits for the first to finish. Closing from inside a call of the same thread would wait for
   * itself, so it is refused.
   */
  public void close(Runnable onWait, Runnable release) {
    Thread me = Thread.currentThread();
    boolean interrupted = false;
    synchronized (this) {
      if (closer != null) {
        while (!closed) {
          interrupted |= waitUninterruptibly();
        }
        restoreInterrupt(interrupted);
        return;
      }
      Call own = exclusive != null && exclusive.thread() == me ? exclusive
          : shared.stream().filter(c -> c.thread() == me).findFirst().orElse(null);
      if (own != null) {
        throw new IllegalStateException(String.format("close: %s is in the middle of %s on this thread ('%s');"
            + " close it after %s returns", owner, own.name(), me.getName(), own.name()));
      }
      closer = me;
      if (exclusive != null || !shared.isEmpty()) {
        onWait.run();
      }
      while (exclusive != null || !shared.isEmpty()) {
        interrupted |= waitUninterruptibly();
      }
    }
    try {
      release.run();
    } finally {
      synchronized (this) {
        closed = true;
        notifyAll();
      }
      restoreInterrupt(interrupted);
    }
  }

  private void checkUsable(String name) {
    if (closed) {
      throw new IllegalStateException(String.format("%s: %s is closed", name, owner));
    }
    if (closer != null) {
      throw new IllegalStateException(String.format("%s: %s is closed (closing on thread '%s')", name, owner,
          closer.getName()));
    }
  }

  private IllegalStateException busy(String name, Call inFlight) {
    String who = inFlight.thread() == Thread.currentThread() ? "this thread"
        : "thread '" + inFlight.thread().getName() + "'";
    return new IllegalStateException(String.format("%s: %s is busy with %s on %s; predict, evaluate and other"
        + " reads may run together on any number of threads, but fit, setWeights and loading need the model alone"
        + " (one call at a time, from one thread)", name, owner, inFlight.name(), who));
  }

  private synchronized void leaveShared(Call call) {
    shared.remove(call);
    if (shared.isEmpty()) {
      notifyAll();
    }
  }

  private synchronized void leaveExclusive() {
    if (--exclusiveDepth == 0) {
      exclusive = null;
      notifyAll();
    }
  }

  /** Waits on the monitor; a close in progress is not abandoned for an interrupt, which is restored after. */
  private boolean waitUninterruptibly() {
    try {
      wait();
      return false;
    } catch (InterruptedException e) {
      return true;
    }
  }

  private static void restoreInterrupt(boolean interrupted) {
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
