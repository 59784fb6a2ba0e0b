package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
  @TempDir
  Path dir;

  private static void assertMessageContains(Exception e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
  }

  @Test
  void readsAnUnsignedByteRankThreeFile() {
    byte[] bytes = IdxBytes.ubytes(new int[] {2, 2, 3}, new int[] {0, 1, 2, 3, 127, 128, 200, 255, 9, 8, 7, 6});
    assertEquals(0x00000803, java.nio.ByteBuffer.wrap(bytes).getInt(), "the magic of a ubyte rank-3 file");
    IdxFile f = IdxFile.read(IdxBytes.write(dir.resolve("images-idx3-ubyte"), bytes));
    assertArrayEquals(new int[] {2, 2, 3}, f.dims());
    assertEquals(2, f.count());
    assertArrayEquals(new int[] {2, 3}, f.itemDims());
    assertArrayEquals(new float[] {0, 1, 2, 3, 127, 128, 200, 255, 9, 8, 7, 6}, f.data(),
        "unsigned bytes become 0..255");
  }

  @Test
  void readsABigEndianInt32File() {
    int[] values = {-5, 0, 70_000, 1 << 20, Integer.MIN_VALUE, 123_456};
    IdxFile f = IdxFile.read(IdxBytes.write(dir.resolve("ints.idx"), IdxBytes.ints(new int[] {3, 2}, values)));
    assertArrayEquals(new int[] {3, 2}, f.dims());
    assertArrayEquals(new float[] {-5f, 0f, 70_000f, 1_048_576f, -2_147_483_648f, 123_456f}, f.data());
  }

  @Test
  void readsAFloat32File() {
    float[] values = {1.5f, -2.25f, 0.1f, Float.MAX_VALUE};
    IdxFile f = IdxFile.read(IdxBytes.write(dir.resolve("floats.idx"), IdxBytes.floats(new int[] {4}, values)));
    assertArrayEquals(new int[] {4}, f.dims());
    assertArrayEquals(values, f.data());
  }

  @Test
  void readsAGzippedFileWhateverItsName() {
    byte[] raw = IdxBytes.ubytes(new int[] {3}, new int[] {7, 0, 255});
    IdxFile gz = IdxFile.read(IdxBytes.write(dir.resolve("labels-idx1-ubyte.gz"), IdxBytes.gzip(raw)));
    assertArrayEquals(new float[] {7, 0, 255}, gz.data());
    IdxFile misnamed = IdxFile.read(IdxBytes.write(dir.resolve("labels.idx"), IdxBytes.gzip(raw)));
    assertArrayEquals(new float[] {7, 0, 255}, misnamed.data(), "gzip is recognised by its magic bytes");
  }

  @Test
  void aMissingFileNamesThePath() {
    Path missing = dir.resolve("no-such-file-idx3-ubyte");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(missing));
    assertMessageContains(e, "not found", missing.toString());
  }

  @Test
  void aFolderIsNotAFile() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(dir));
    assertMessageContains(e, "not found", dir.toString());
  }

  @Test
  void truncatedValuesAreReportedWithWhatWasPromisedAndFound() {
    byte[] full = IdxBytes.ubytes(new int[] {2, 3, 4}, new int[24]);
    Path cut = IdxBytes.write(dir.resolve("cut-idx3-ubyte"), Arrays.copyOf(full, full.length - 4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(cut));
    assertMessageContains(e, "truncated", cut.toString(), "24 bytes", "found 20");
  }

  @Test
  void aTruncatedHeaderIsReported() {
    byte[] full = IdxBytes.ubytes(new int[] {2, 3, 4}, new int[24]);
    Path cut = IdxBytes.write(dir.resolve("header-cut"), Arrays.copyOf(full, 6));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(cut));
    assertMessageContains(e, "truncated", cut.toString());
  }

  @Test
  void anEmptyFileIsReported() {
    Path empty = IdxBytes.write(dir.resolve("empty"), new byte[0]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(empty));
    assertMessageContains(e, "truncated", empty.toString());
  }

  /** Incompressible values so that cutting the compressed file cuts into the deflate stream. */
  private static byte[] noisyUbytes(int n) {
    int[] values = new int[n];
    Random r = new Random(1);
    for (int i = 0; i < n; i++) {
      values[i] = r.nextInt(256);
    }
    return IdxBytes.ubytes(new int[] {n}, values);
  }

  @Test
  void aTruncatedGzipFileGivesAClearError() {
    byte[] gz = IdxBytes.gzip(noisyUbytes(2000));
    Path cut = IdxBytes.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(cut));
    assertMessageContains(e, "truncated", cut.toString());
  }

  @Test
  void aGzipFileCutInsideItsHeaderGivesAClearError() {
    byte[] gz = IdxBytes.gzip(noisyUbytes(100));
    Path cut = IdxBytes.write(dir.resolve("cut-header.gz"), Arrays.copyOf(gz, 5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(cut));
    assertMessageContains(e, "truncated", cut.toString());
  }

  /** A download cut just before gzip's 8-byte trailer (CRC-32, size) is still a truncated file. */
  @Test
  void aGzipFileMissingItsTrailerIsReportedAsTruncated() {
    byte[] gz = IdxBytes.gzip(noisyUbytes(2000));
    Path cut = IdxBytes.write(dir.resolve("no-trailer.gz"), Arrays.copyOf(gz, gz.length - 8));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(cut));
    assertMessageContains(e, "truncated", cut.toString());
  }

  /** gzip's CRC-32 is the only guard against silently corrupted values: it must be checked. */
  @Test
  void aGzipFileWithAWrongChecksumIsRejected() {
    byte[] gz = IdxBytes.gzip(noisyUbytes(2000));
    gz[gz.length - 8] ^= 0x5A; // first byte of the CRC-32
    Path bad = IdxBytes.write(dir.resolve("bad-crc.gz"), gz);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(bad));
    assertMessageContains(e, bad.toString());
  }

  @Test
  void aBadMagicIsReportedWithTheValueFound() {
    Path notIdx = IdxBytes.write(dir.resolve("picture.png"),
        new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 1, 0, 0, 0, 1});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(notIdx));
    assertMessageContains(e, "not an IDX file", "magic 0x89504e47", notIdx.toString());
  }

  @Test
  void aZeroRankIsRejected() {
    Path zero = IdxBytes.write(dir.resolve("rank0"), new byte[] {0, 0, 0x08, 0});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(zero));
    assertMessageContains(e, "not an IDX file", "rank ≥ 1");
  }

  @Test
  void anUnknownValueTypeIsRejected() {
    Path odd = IdxBytes.write(dir.resolve("odd"), new byte[] {0, 0, 0x07, 1, 0, 0, 0, 1, 0});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(odd));
    assertMessageContains(e, "unknown IDX value type 0x7", odd.toString());
  }

  @Test
  void aNegativeDimensionIsRejected() {
    Path neg = IdxBytes.write(dir.resolve("neg"), new byte[] {0, 0, 0x08, 1, -1, -1, -1, -2});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(neg));
    assertMessageContains(e, "negative dimension -2");
  }

  @Test
  void aHeaderPromisingTooManyValuesIsRejected() {
    Path big = IdxBytes.write(dir.resolve("big"), IdxBytes.ubytes(new int[] {65536, 65536}, new int[0]));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(big));
    assertMessageContains(e, "too many");
  }

  /** 65536⁴ = 2⁶⁴ wraps a long to 0; the reader must not take that for an empty file. */
  @Test
  void aHeaderWhoseValueCountOverflowsIsRejected() {
    Path huge = IdxBytes.write(dir.resolve("huge"),
        IdxBytes.ubytes(new int[] {65536, 65536, 65536, 65536}, new int[0]));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(huge));
    assertMessageContains(e, huge.toString());
  }
}
