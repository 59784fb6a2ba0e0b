package dev.layerwise.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.layerwise.NonFinite;
import dev.layerwise.io.ModelArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Fuzzes {@link ModelArchive#read}. Mutating a zip's bytes mostly breaks its CRCs and deflate streams, which stops
 * every input at the first check; so besides raw zips (inputs starting {@code PK}) the target takes an unzipped
 * form the fuzzer can mutate meaningfully, {@link #unzipped}: {@code layerwise.json}'s text, then each further
 * entry as a line {@code --- NAME} followed by its bytes. The target zips that with true sizes and CRCs, so the
 * mutations reach the JSON, the model description and the .npy files inside.
 */
class ModelArchiveFuzzTest {
  /** Starts every entry after the first in the unzipped form: {@code \n--- NAME\n}. */
  static final byte[] SEPARATOR = "\n--- ".getBytes(StandardCharsets.US_ASCII);

  @FuzzTest
  void archive(byte[] input) {
    boolean zip = input.length >= 2 && input[0] == 'P' && input[1] == 'K';
    Path file = Refusals.file("fuzz.layerwise", zip ? input : zipped(input));
    // the last byte picks the non-finite policy, so both paths are fuzzed
    NonFinite nonFinite = input.length > 0 && (input[input.length - 1] & 1) == 1 ? NonFinite.ALLOW : NonFinite.REFUSE;
    Refusals.onlyDocumented(file.toString(), () -> ModelArchive.read(file, nonFinite));
  }

  /** The unzipped form zipped: the first section is layerwise.json, each later one {@code NAME\nBYTES}. */
  static byte[] zipped(byte[] unzipped) {
    try (var bytes = new java.io.ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
      Set<String> names = new HashSet<>();
      int start = 0;
      String name = "layerwise.json";
      while (true) {
        int next = indexOf(unzipped, SEPARATOR, start);
        int end = next < 0 ? unzipped.length : next;
        if (names.add(name)) { // a zip cannot hold one name twice; a repeated section is dropped
          zip.putNextEntry(new ZipEntry(name));
          zip.write(unzipped, start, end - start);
          zip.closeEntry();
        }
        if (next < 0) {
          break;
        }
        int nameStart = next + SEPARATOR.length;
        int newline = indexOf(unzipped, new byte[] {'\n'}, nameStart);
        int nameEnd = newline < 0 ? unzipped.length : newline;
        name = new String(unzipped, nameStart, nameEnd - nameStart, StandardCharsets.UTF_8);
        if (name.isEmpty()) {
          name = "-";
        }
        start = newline < 0 ? unzipped.length : newline + 1;
      }
      zip.finish();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int indexOf(byte[] b, byte[] what, int from) {
    outer:
    for (int i = from; i + what.length <= b.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (b[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The unzipped form of an archive's entries, for seeds: {@code json}, then {@code --- NAME} and bytes. */
  static byte[] unzipped(byte[] json, java.util.Map<String, byte[]> entries) {
    try (var out = new java.io.ByteArrayOutputStream()) {
      out.write(json);
      for (var e : entries.entrySet()) {
        out.write(SEPARATOR);
        out.write((e.getKey() + "\n").getBytes(StandardCharsets.UTF_8));
        out.write(e.getValue());
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
