package dev.layerwise.spi;

import java.lang.ref.Reference;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * What makes a {@link BackendModel} safe from any number of threads: reads (predict, evaluate, forward, gradients,
 * weights) share the lock and run together; changes (a training step, setting weights or optimizer slots) take it
 * alone and wait for the reads in flight; {@link #close} waits for everything in flight, releases once, and every
 * later call throws {@link IllegalStateException} naming the call. Blocking, not refusing: refusing with a message
 * is the api's job ({@code CompiledModel}); here the point is that no interleaving can touch freed or half-written
 * state.
 *
 * <p>The body of every call is kept reachable until the lock is released ({@link Reference#reachabilityFence}): a
 * lambda that reads the model's fields holds the model, so a model with a {@link LeakNet} registration cannot be
 * found unreachable, and its native memory freed, while one of its own calls still runs.
 */
public final class ModelLock {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final String owner;
  /** Written under the write lock, read under either lock. */
  private boolean closed;

  /** @param owner how messages name the model, e.g. {@code TF model 'mlp'} */
  public ModelLock(String owner) {
    this.owner = owner;
  }

  /** Runs a call that changes nothing, alongside other reads. */
  public <R> R read(String call, Supplier<R> body) {
    return under(lock.readLock(), call, body);
  }

  /** Runs a call that changes the model, alone. */
  public <R> R write(String call, Supplier<R> body) {
    return under(lock.writeLock(), call, body);
  }

  /** {@link #write(String, Supplier)} for a call without a result. */
  public void write(String call, Runnable body) {
    write(call, () -> {
      body.run();
      return null;
    });
  }

  /** Waits for the calls in flight, then runs {@code release} the first time only. */
  public void close(Runnable release) {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        release.run();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private <R> R under(Lock held, String call, Supplier<R> body) {
    held.lock();
    try {
      checkOpen(call);
      return body.get();
    } finally {
      held.unlock();
      Reference.reachabilityFence(body);
    }
  }

  private void checkOpen(String call) {
    if (closed) {
      throw new IllegalStateException(call + ": " + owner + " is closed");
    }
  }
}
