package dev.layerwise.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.layerwise.io.Json;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link Json#parse}. It has no file to name: its refusals name the position ({@code malformed JSON at
 * character N}) or the length, and the archive reader puts the file and entry in front.
 */
class JsonFuzzTest {
  @FuzzTest
  void json(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      Json.parse(text);
    } catch (IllegalArgumentException e) {
      String m = String.valueOf(e.getMessage());
      if (!m.startsWith("malformed JSON at character ") && !m.startsWith("JSON text of ")) {
        throw new AssertionError("an undocumented refusal: " + m, e);
      }
    }
  }
}
