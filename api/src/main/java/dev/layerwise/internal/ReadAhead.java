package dev.layerwise.internal;

import static com.google.common.base.Preconditions.checkState;

import dev.layerwise.spi.Batch;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BatchFeed} whose batches are read by a daemon thread up to {@link #DEPTH} batches ahead of the one in use,
 * so reading and decoding overlap with training steps. The reading function is called for batches 0, 1, … in order,
 * from that one thread, and must return a new batch each time (the consumer may still hold the previous ones).
 *
 * <p>What the function throws is handed to the consumer in the batch's place and thrown from {@link #next}. The
 * thread ends when it has read every batch, when the function throws, or at {@link #close}, which interrupts it and
 * waits for it: a pass never leaves a thread behind, whether it completes, fails or stops early.
 */
final class ReadAhead implements BatchFeed {
  private static final Logger LOG = LoggerFactory.getLogger(ReadAhead.class);
  /** Batches read ahead: one to hand over at once and one being read keeps a steady reader busy. */
  static final int DEPTH = 2;
  /** How long {@link #close} waits for a reader stuck in a read that ignores interrupts. */
  private static final long JOIN_SECONDS = 30;
  /** The prefix of every reader thread's name (tests look for leftovers by it). */
  static final String THREAD_PREFIX = "layerwise-read-ahead";

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(DEPTH);
  private final Thread thread;
  private final int count;
  private int taken;
  /** Set by {@link #close}: the reader stops even if a read swallowed the interrupt. */
  private volatile boolean closed;

  /** A reader's failure, queued in place of its batch. */
  private record Failure(RuntimeException exception, Error error) {}

  /**
   * Starts reading.
   *
   * @param name what is read, for the thread's name
   * @param count how many batches the pass has
   * @param read batch k, for k = 0, 1, … in order
   */
  ReadAhead(String name, int count, IntFunction<Batch> read) {
    this.count = count;
    this.thread = new Thread(() -> run(read), THREAD_PREFIX + " " + name);
    thread.setDaemon(true);
    thread.start();
  }

  private void run(IntFunction<Batch> read) {
    try {
      for (int k = 0; k < count && !closed; k++) {
        Object item;
        try {
          item = read.apply(k);
        } catch (RuntimeException e) {
          item = new Failure(e, null);
        } catch (Error e) {
          item = new Failure(null, e);
        }
        queue.put(item);
        if (item instanceof Failure) {
          return;
        }
      }
    } catch (InterruptedException e) {
      // closed while waiting for room: the pass is over
    }
  }

  @Override
  public int count() {
    return count;
  }

  @Override
  public Batch next() {
    checkState(taken < count, "read-ahead: all %s batches were taken", count);
    Object item = takeUninterruptibly();
    taken++;
    if (item instanceof Failure f) {
      if (f.error() != null) {
        throw f.error();
      }
      throw f.exception();
    }
    return (Batch) item;
  }

  /**
   * Waits for the next batch even if this thread is interrupted meanwhile, then restores the flag: the training loop
   * checks it at the next step boundary, where stopping leaves the model consistent.
   */
  private Object takeUninterruptibly() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return queue.take();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    queue.clear(); // a reader waiting for room may finish its put and see the interrupt
    boolean interrupted = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(JOIN_SECONDS);
    while (thread.isAlive() && System.nanoTime() < deadline) {
      try {
        thread.join(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1);
      } catch (InterruptedException e) {
        interrupted = true;
      }
      queue.clear();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("{} did not stop within {} s of the end of its pass: the source's read ignores interrupts; the daemon"
          + " thread ends when that read returns", thread.getName(), JOIN_SECONDS);
    }
  }
}
