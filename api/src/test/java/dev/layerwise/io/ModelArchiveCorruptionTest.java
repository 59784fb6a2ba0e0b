package dev.layerwise.io;

import static dev.layerwise.io.ModelArchiveTest.assertSameContents;
import static dev.layerwise.io.ModelArchiveTest.contents;
import static dev.layerwise.io.ModelArchiveTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged bytes inside an archive's entries. {@link ZipFile} checks neither an entry's CRC nor its size, so
 * without the archive's own check a flipped byte in a weight loads as a wrong weight.
 */
class ModelArchiveCorruptionTest {
  static final byte[] LOCAL = {'P', 'K', 3, 4};
  static final byte[] CENTRAL = {'P', 'K', 1, 2};

  @TempDir Path dir;

  private Path saved() {
    Path file = dir.resolve("good.layerwise");
    ModelArchive.write(contents(0), file);
    return file;
  }

  /** The offset of the zip header starting with {@code magic} whose name starts {@code nameAt} bytes in. */
  static int header(byte[] zip, byte[] magic, int nameAt, String entry) {
    byte[] name = entry.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + nameAt + name.length <= zip.length; i++) {
      for (int j = 0; j < 4; j++) {
        if (zip[i + j] != magic[j]) {
          continue outer;
        }
      }
      for (int j = 0; j < name.length; j++) {
        if (zip[i + nameAt + j] != name[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("no header for " + entry);
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  /** Where an entry's (compressed) data starts: after its local header, name and extra field. */
  private static int dataStart(byte[] zip, String entry) {
    int h = header(zip, LOCAL, 30, entry);
    return h + 30 + u16(zip, h + 26) + u16(zip, h + 28);
  }

  private static long compressedSize(Path file, String entry) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return zip.getEntry(entry).getCompressedSize();
    }
  }

  @Test
  void aFlippedByteInsideAnyDeflatedEntryIsRefused() throws IOException {
    Path good = saved();
    byte[] full = Files.readAllBytes(good);
    Random random = new Random(11);
    for (String entry : List.of("weights/dense/kernel.npy", "slots/dense_1/kernel/m.npy", ModelArchive.INDEX)) {
      int data = dataStart(full, entry);
      long compressed = compressedSize(good, entry);
      for (int trial = 0; trial < 5; trial++) {
        byte[] bad = full.clone();
        int at = data + 8 + random.nextInt((int) compressed - 16);
        bad[at] ^= (byte) (1 + random.nextInt(255));
        Path file = Files.write(dir.resolve("flip-" + trial + ".layerwise"), bad);
        // either the inflater notices or the CRC check does; never a wrong weight
        IllegalArgumentException e = refused(file, "truncated or corrupt");
        if (e.getMessage().contains("CRC")) {
          assertTrue(e.getMessage().contains("entry " + entry + " fails its CRC check"), e.getMessage());
        }
      }
    }
    assertSameContents(contents(0), ModelArchive.read(good));
  }

  /** A copy of an archive with every entry stored uncompressed, so a flipped byte reaches the reader as is. */
  private Path stored(Path src) throws IOException {
    Path out = dir.resolve("stored.layerwise");
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(src));
        ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] b = in.readAllBytes();
        ZipEntry s = new ZipEntry(e.getName());
        s.setMethod(ZipEntry.STORED);
        s.setSize(b.length);
        CRC32 crc = new CRC32();
        crc.update(b);
        s.setCrc(crc.getValue());
        zip.putNextEntry(s);
        zip.write(b);
      }
    }
    return out;
  }

  @Test
  void aFlippedByteInAStoredEntryFailsTheCrcCheck() throws IOException {
    Path stored = stored(saved());
    assertSameContents(contents(0), ModelArchive.read(stored));
    byte[] full = Files.readAllBytes(stored);
    for (String entry : List.of("weights/dense/kernel.npy", "slots/dense/bias/v.npy", ModelArchive.INDEX)) {
      byte[] bad = full.clone();
      int data = dataStart(full, entry);
      // a byte in the middle of the values (past the .npy header) or of the JSON text: still well-formed
      int at = data + (int) compressedSize(stored, entry) - 3;
      bad[at] ^= 0x01;
      Path file = Files.write(dir.resolve("bad.layerwise"), bad);
      refused(file, "truncated or corrupt", "entry " + entry + " fails its CRC check");
    }
  }

  @Test
  void anEntryWhoseCompressedDataEndsEarlyIsRefused() throws IOException {
    Path good = saved();
    byte[] full = Files.readAllBytes(good);
    String entry = "weights/dense_1/kernel.npy";
    // shrink the compressed size the central directory records: the inflater runs out of input
    // (the inflater then either fails, "Unexpected end of ZLIB input stream", or stops early: the size check)
    int cen = header(full, CENTRAL, 46, entry);
    long size = compressedSize(good, entry);
    for (long shorter : new long[] {1, 2, size / 2}) {
      byte[] bad = full.clone();
      for (int i = 0; i < 4; i++) {
        bad[cen + 20 + i] = (byte) (shorter >>> (8 * i));
      }
      Path file = Files.write(dir.resolve("short.layerwise"), bad);
      assertEquals(shorter, compressedSize(file, entry));
      refused(file, "truncated or corrupt");
    }
  }
}
