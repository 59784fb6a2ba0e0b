package dev.layerwise.data;

import static dev.layerwise.testing.Allocation.bytesAllocatedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile IDX headers: a file promising more values than it holds is refused before anything the size of the
 * promise is allocated, plain or gzip-compressed.
 */
class IdxFileLimitsTest {
  private static final int MIB = 1 << 20;
  /** 2.1 billion unsigned bytes: under the 2³¹-1 a Java array can hold, so only the file's length gives it away. */
  private static final int CLAIMED = 2_100_000_000;

  @TempDir Path dir;

  /** 16 bytes: a rank-1 ubyte header claiming {@link #CLAIMED} values, then 8 of them. */
  private static byte[] sixteenBytes() {
    byte[] b = IdxBytes.ubytes(new int[] {CLAIMED}, new int[8]);
    assertEquals(16, b.length);
    return b;
  }

  private static void assertRefused(Path file, String... parts) {
    long allocated = bytesAllocatedBy(() -> {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(file));
      for (String p : parts) {
        assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
      }
    });
    assertTrue(allocated < 4 * MIB, "refusing " + file + " allocated " + allocated + " bytes");
  }

  @Test
  void aSixteenByteFileClaimingBillionsOfValuesIsRefusedBeforeAllocating() {
    Path file = IdxBytes.write(dir.resolve("claims-2.1G-idx1-ubyte"), sixteenBytes());
    assertRefused(file, file.toString(), "truncated", "promises 2100000000 bytes of values, found 8");
  }

  /** A gzip file's inflated length is not known in advance: memory follows the bytes that really arrive. */
  @Test
  void aGzipFileClaimingMillionsOfValuesIsRefusedAfterReadingOnlyWhatItHolds() {
    int claimed = 200_000_000; // 1 GB as bytes and floats: within the heap, so the reader does try to read them
    assumeTrue(Runtime.getRuntime().maxMemory() > 5L * claimed, "this JVM's heap is below 1 GB");
    Path file = IdxBytes.write(dir.resolve("claims-200M.gz"),
        IdxBytes.gzip(IdxBytes.ubytes(new int[] {claimed}, new int[8])));
    assertRefused(file, file.toString(), "truncated", "promises 200000000 bytes of values, found 8");
  }

  /** The values, once read, become floats: a header whose floats could never fit in the heap is refused at once. */
  @Test
  void aGzipFileWhoseValuesCouldNotFitInTheHeapIsRefusedBeforeReadingThem() {
    long needed = 5L * CLAIMED; // one byte read plus a 4-byte float per value
    assumeTrue(Runtime.getRuntime().maxMemory() < needed, "this JVM's heap could hold " + needed + " bytes");
    byte[] header = Arrays.copyOf(sixteenBytes(), 8 + 1000);
    Path file = IdxBytes.write(dir.resolve("too-big.gz"), IdxBytes.gzip(header));
    assertRefused(file, file.toString(), "describes 2100000000 values", "this JVM's heap holds at most", "-Xmx");
  }
}
