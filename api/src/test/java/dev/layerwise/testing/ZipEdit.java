package dev.layerwise.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Copies of a zip (a model archive) with entries changed, dropped or added, for tests of damaged archives. */
public final class ZipEdit {
  private ZipEdit() {}

  /**
   * A copy of {@code src} at {@code out} with each entry passed through {@code edit} (return null to drop it),
   * then {@code extra} entries appended; every entry deflated with true sizes and CRCs.
   */
  public static Path rewrite(Path src, Path out, BiFunction<String, byte[], byte[]> edit, Map<String, byte[]> extra) {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(src));
        ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] b = edit.apply(e.getName(), in.readAllBytes());
        if (b != null) {
          zip.putNextEntry(new ZipEntry(e.getName()));
          zip.write(b);
        }
      }
      for (var x : extra.entrySet()) {
        zip.putNextEntry(new ZipEntry(x.getKey()));
        zip.write(x.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Every entry's inflated bytes by name, in the zip's order. */
  public static Map<String, byte[]> entries(Path zip) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        out.put(e.getName(), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** A copy of {@code src} at {@code out} with the entry {@code name}'s bytes replaced. */
  public static Path replace(Path src, Path out, String name, byte[] bytes) {
    return rewrite(src, out, (n, b) -> n.equals(name) ? bytes : b, Map.of());
  }
}
