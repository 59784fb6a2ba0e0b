package dev.layerwise.io;

import static dev.layerwise.io.ModelArchiveCorruptionTest.CENTRAL;
import static dev.layerwise.io.ModelArchiveCorruptionTest.header;
import static dev.layerwise.io.ModelArchiveTest.contents;
import static dev.layerwise.io.ModelArchiveTest.refused;
import static dev.layerwise.testing.Allocation.bytesAllocatedBy;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerwise.NonFinite;
import dev.layerwise.Shape;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.testing.ZipEdit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile archives: zip bombs, a bottomless layerwise.json, versions that never existed, non-finite values and
 * saves to paths that are no file. Each is refused with a message naming the file and the entry, before the
 * memory the file asks for is allocated.
 */
class ModelArchiveLimitsTest {
  private static final int MIB = 1 << 20;
  private static final String KERNEL = "weights/dense/kernel.npy";

  @TempDir Path dir;

  private Path saved() {
    Path file = dir.resolve("good.layerwise");
    ModelArchive.write(contents(0), file);
    return file;
  }

  /** The kernel's .npy, valid, followed by {@code zeros} zero bytes: deflated, megabytes become kilobytes. */
  private static byte[] bomb(int zeros) {
    byte[] npy = Npy.write(TensorValue.zeros(Shape.of(4, 5)));
    return Arrays.copyOf(npy, npy.length + zeros);
  }

  private static void assertRefusedWithin(long maxBytes, Path file, String... problems) {
    long allocated = bytesAllocatedBy(() -> refused(file, problems));
    assertTrue(allocated < maxBytes, "refusing " + file + " allocated " + allocated + " bytes");
  }

  @Test
  void anEntryDeclaringMoreThanItsShapeNeedsIsRefusedBeforeInflating() throws IOException {
    byte[] bomb = bomb(64 * MIB);
    Path file = ZipEdit.replace(saved(), dir.resolve("bomb.layerwise"), KERNEL, bomb);
    assertTrue(Files.size(file) < MIB, "a zip bomb: " + Files.size(file) + " bytes on disk");
    long cap = ArchiveReader.NPY_HEADER_CAP + 8 * 20;
    assertRefusedWithin(4 * MIB, file, file + "!" + KERNEL + ": declares " + bomb.length + " bytes inflated",
        "a tensor of shape [4, 5] takes at most " + cap, "Refusing to inflate it");
  }

  /** The central directory claims the honest size, the data inflates to 64 MiB more: reading stops at the claim. */
  @Test
  void anEntryInflatingPastItsDeclaredSizeIsStoppedThere() throws IOException {
    byte[] zip = Files.readAllBytes(ZipEdit.replace(saved(), dir.resolve("big.layerwise"), KERNEL, bomb(64 * MIB)));
    int declared = Npy.write(TensorValue.zeros(Shape.of(4, 5))).length;
    int at = header(zip, CENTRAL, 46, KERNEL) + 24; // the central header's uncompressed size
    for (int i = 0; i < 4; i++) {
      zip[at + i] = (byte) (declared >>> (8 * i));
    }
    Path liar = Files.write(dir.resolve("liar.layerwise"), zip);
    assertRefusedWithin(4 * MIB, liar, liar + " is not a model archive, or it is truncated or corrupt: entry "
        + KERNEL + " inflates past its declared size of " + declared + " bytes");
  }

  @Test
  void anOversizedIndexIsRefusedBeforeInflating() {
    byte[] huge = (" ".repeat(32 * MIB) + "{}").getBytes(US_ASCII);
    Path file = ZipEdit.replace(saved(), dir.resolve("index.layerwise"), ModelArchive.INDEX, huge);
    assertRefusedWithin(4 * MIB, file, file + "!layerwise.json: declares " + huge.length + " bytes inflated",
        "the model's description takes at most " + Json.MAX_LENGTH);
  }

  @Test
  void aBottomlessIndexIsMalformedJsonNamingTheFileNotAStackOverflow() {
    Path file = ZipEdit.replace(saved(), dir.resolve("deep.layerwise"), ModelArchive.INDEX,
        "[".repeat(200_000).getBytes(US_ASCII));
    refused(file, file + "!layerwise.json: malformed JSON at character 512: nested more than 512 levels deep");
  }

  /** A model described as 40000 × 40000 with tiny entries: its tensors could never fit, so nothing is read. */
  @Test
  void aModelWhoseTensorsCannotFitInTheHeapIsRefusedBeforeReadingThem() {
    long needed = 3L * 40_000 * 40_000 * 8; // the kernel and Adam's two slots for it, as doubles
    assumeTrue(Runtime.getRuntime().maxMemory() < needed, "this JVM's heap could hold " + needed + " bytes");
    Path file = ModelArchiveTest.withIndex(saved(), dir.resolve("huge.layerwise"), index -> {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> layers = (List<Map<String, Object>>) ((Map<?, ?>) index.get("model")).get("layers");
      @SuppressWarnings("unchecked")
      Map<String, Object> input = (Map<String, Object>) layers.get(0).get("config");
      @SuppressWarnings("unchecked")
      Map<String, Object> dense = (Map<String, Object>) layers.get(1).get("config");
      input.put("shape", List.of(40_000L));
      dense.put("units", 40_000L);
    });
    assertRefusedWithin(4 * MIB, file, file + ": its tensors take", "more than this JVM's heap", "-Xmx");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -7})
  void aFormatVersionBelowOneIsRefused(long version) {
    Path file = ModelArchiveTest.withIndex(saved(), dir.resolve("v.layerwise"), i -> i.put("format_version", version));
    refused(file, file + "!layerwise.json: format_version " + version + " is not a version of the archive format");
  }

  private Path withValue(Path src, String name, String entry, TensorValue t, int element, double value) {
    double[] d = t.data().clone();
    d[element] = value;
    return ZipEdit.replace(src, dir.resolve(name), entry, Npy.write(new TensorValue(t.shape(), d)));
  }

  @Test
  void nonFiniteWeightsAndSlotsAreRefusedUnlessAllowed() {
    Path good = saved();
    Path nan = withValue(good, "nan.layerwise", KERNEL, contents(0).weights().get("dense/kernel"), 3, Double.NaN);
    refused(nan, nan + "!" + KERNEL + ": dense/kernel holds NaN at element 3 of [4, 5]", "NonFinite.ALLOW");
    assertTrue(Double.isNaN(ModelArchive.read(nan, NonFinite.ALLOW).weights().get("dense/kernel").get(3)));

    String slot = "slots/dense_1/bias/v.npy";
    Path inf = withValue(good, "inf.layerwise", slot, contents(0).slots().get("dense_1/bias/v"), 1,
        Double.NEGATIVE_INFINITY);
    refused(inf, inf + "!" + slot + ": dense_1/bias/v holds -Infinity at element 1 of [2]",
        "a model with non-finite slots");
    assertEquals(Double.NEGATIVE_INFINITY, ModelArchive.read(inf, NonFinite.ALLOW).slots().get("dense_1/bias/v")
        .get(1));
  }

  @Test
  void savingToAPathWithoutAFileNameIsAnIllegalArgument() {
    for (Path p : List.of(Path.of("/"), Path.of(""), dir.resolve(".."), dir.resolve("sub/."))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ModelArchive.write(contents(0), p));
      assertEquals("cannot write to '" + p + "': the path has no file name (a file path such as"
          + " models/model.layerwise is needed)", e.getMessage());
    }
  }
}
