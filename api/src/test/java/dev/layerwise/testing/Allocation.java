package dev.layerwise.testing;

import java.lang.management.ManagementFactory;

/**
 * Bytes a piece of code allocates on the Java heap, from HotSpot's per-thread allocation counter: how a test tells
 * that a loader refused a hostile file before allocating what the file asked for, not after.
 */
public final class Allocation {
  private Allocation() {}

  /** Bytes allocated by the current thread while {@code code} runs (typically an {@code assertThrows}). */
  public static long bytesAllocatedBy(Runnable code) {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(thread);
    code.run();
    return mx.getThreadAllocatedBytes(thread) - before;
  }
}
