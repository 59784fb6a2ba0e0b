package dev.layerwise.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The archive's JSON reader and writer: round trips, the number model, and errors that say where. */
class JsonTest {

  private static Object roundTrip(Object value) {
    return Json.parse(Json.write(value));
  }

  @Test
  void nestedMapsAndListsRoundTripInOrder() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", 1L);
    inner.put("a", List.of());
    inner.put("m", Map.of());
    Map<String, Object> outer = new LinkedHashMap<>();
    outer.put("zeta", inner);
    outer.put("alpha", Arrays.asList(1L, "two", 3.5, true, false, null, List.of(List.of(4L)), inner));
    outer.put("nothing", null);
    Object back = roundTrip(outer);
    assertEquals(outer, back);
    // insertion order survives (LinkedHashMap on both sides)
    assertEquals(List.of("zeta", "alpha", "nothing"), new ArrayList<>(((Map<?, ?>) back).keySet()));
    assertEquals(List.of("z", "a", "m"), new ArrayList<>(((Map<?, ?>) ((Map<?, ?>) back).get("zeta")).keySet()));
  }

  @Test
  void writesPrettyButParsesCompactAndSpacedText() {
    Object compact = Json.parse("{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"}");
    Object spaced = Json.parse(" \n{ \"a\" :\t[ 1 , 2 , { \"b\" : null } ] ,\r\n \"c\" : \"d\" }\n ");
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("b", null);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("a", List.of(1L, 2L, b));
    expected.put("c", "d");
    assertEquals(expected, compact);
    assertEquals(expected, spaced);
    assertEquals("{\n  \"k\": [1, 2]\n}\n", Json.write(Map.of("k", List.of(1L, 2L))));
  }

  @Test
  void stringsWithEscapesControlCharactersAndUnicodeRoundTrip() {
    String nasty = "quote\" backslash\\ slash/ nl\n cr\r tab\t bs\b ff\f nul\u0000 us\u001f del\u007f"
        + " é ü ß 中文 emoji \uD83D\uDE00 bom\uFEFF";
    assertEquals(nasty, roundTrip(nasty));
    String written = Json.write(nasty);
    // no raw control characters in the text: each is escaped
    for (char c : written.strip().toCharArray()) {
      assertTrue(c >= 0x20, "raw control character " + (int) c + " in " + written);
    }
    assertTrue(written.contains("\\u0000") && written.contains("\\u001f") && written.contains("\\\""), written);
  }

  @Test
  void readsStandardEscapesIncludingSurrogatePairs() {
    assertEquals("a\"b\\c/d\be\ff\ng\rh\ti", Json.parse("\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\""));
    assertEquals("\u00e9\u4e2d\uD83D\uDE00", Json.parse("\"\\u00e9\\u4E2D\\ud83d\\ude00\""));
    assertEquals("", Json.parse("\"\""));
  }

  @Test
  void integersAreLongsAndEverythingElseIsDouble() {
    assertEquals(0L, Json.parse("0"));
    assertEquals(-42L, Json.parse("-42"));
    assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
    assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
    assertEquals(1.5, Json.parse("1.5"));
    assertEquals(-0.25, Json.parse("-0.25"));
    assertEquals(1e5, Json.parse("1e5"));
    assertEquals(1.0E-7, Json.parse("1E-7"));
    assertEquals(-2.5e+300, Json.parse("-2.5e+300"));
    assertInstanceOf(Double.class, Json.parse("1.0"));
    assertInstanceOf(Double.class, Json.parse("3e2"));
    assertInstanceOf(Long.class, Json.parse("300"));
    // Integers are written as integers and come back as Long
    assertEquals(List.of(7L, -7L), roundTrip(List.of(7, -7)));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.1, -0.1, 1.0, 1e-45, 4.9e-324, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
      123456789.123456789, 1e21, 1e-7, 0.99, 2.0 / 3})
  void doublesRoundTripBitForBit(double d) {
    Object back = roundTrip(d);
    assertInstanceOf(Double.class, back);
    assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) back), "" + d);
  }

  @Test
  void integralDoublesStayDoubles() {
    Object back = roundTrip(3.0);
    assertInstanceOf(Double.class, back, "3.0 must not come back as the integer 3");
    assertEquals(3.0, back);
    Object negZero = roundTrip(-0.0);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) negZero));
  }

  @Test
  void nonFiniteDoublesAreWrittenAsTheDocumentedStrings() {
    // JSON has no NaN or Infinity: the writer uses strings, and the reader returns them as strings
    // (RecordCodec turns them back into numbers where a double is expected).
    assertEquals("\"NaN\"\n", Json.write(Double.NaN));
    assertEquals("\"Infinity\"\n", Json.write(Double.POSITIVE_INFINITY));
    assertEquals("\"-Infinity\"\n", Json.write(Double.NEGATIVE_INFINITY));
    assertEquals(List.of("NaN", "Infinity", "-Infinity"),
        roundTrip(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));
  }

  @Test
  void bareNanAndInfinityAreNotJson() {
    for (String text : new String[] {"NaN", "Infinity", "-Infinity", "[1, NaN]"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(text), text);
      assertTrue(e.getMessage().startsWith("malformed JSON at character "), e.getMessage());
    }
  }

  @Test
  void booleansAndNull() {
    assertEquals(Boolean.TRUE, Json.parse("true"));
    assertEquals(Boolean.FALSE, Json.parse(" false "));
    assertNull(Json.parse("null"));
    assertEquals("null\n", Json.write(null));
    assertEquals(Arrays.asList(true, null, false), roundTrip(Arrays.asList(true, null, false)));
  }

  @Test
  void refusesToWriteWhatItCannotReadBack() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Json.write(Map.of("x", new Object())));
    assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(1.5f)));
    assertTrue(e.getMessage().contains("java.lang.Float"), e.getMessage());
  }

  /** Malformed text: the message gives the character position and what was expected there. */
  @ParameterizedTest(name = "[{index}] <{0}>")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "``                    | 0  | unexpected end of text",
      "`   `                 | 3  | unexpected end of text",
      "`{`                   | 1  | unexpected end of text",
      "`[1, 2`               | 5  | unexpected end of text",
      "`{\"a\": 1`           | 7  | unexpected end of text",
      "`\"abc`               | 4  | unexpected end of text",
      "`{a: 1}`              | 1  | expected '\"', found 'a'",
      "`{\"a\" 1}`           | 5  | expected ':', found '1'",
      "`{\"a\": 1 \"b\": 2}` | 8  | expected '}', found '\"'",
      "`[1 2]`               | 3  | expected ']', found '2'",
      "`[1,]`                | 3  | expected a value",
      "`{\"a\": 1,}`         | 8  | expected '\"', found '}'",
      "`tru`                 | 0  | expected true, false or null",
      "`nul`                 | 0  | expected true, false or null",
      "`@`                   | 0  | expected a value",
      "`1 2`                 | 2  | unexpected text after the value",
      "`{} x`                | 3  | unexpected text after the value",
      "`truex`               | 4  | unexpected text after the value",
      "`1-2`                 | 3  | bad number '1-2'",
      "`--1`                 | 3  | bad number '--1'",
      "`1e`                  | 2  | bad number '1e'",
      "`99999999999999999999`| 20 | bad number '99999999999999999999'",
      "`\"\\u12\"`           | 3  | truncated \\u escape",
  })
  void malformedInputNamesThePositionAndTheProblem(String text, int position, String problem) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(text));
    assertEquals("malformed JSON at character " + position + ": " + problem, e.getMessage());
  }

  @Test
  void aBadUnicodeEscapeIsAnIllegalArgumentNamingThePosition() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[\"ab\\uZZZZ\"]"));
    assertTrue(e.getMessage().startsWith("malformed JSON at character "), e.getMessage());
    assertTrue(e.getMessage().contains("ZZZZ"), e.getMessage());
  }

  /** Each level is a recursive call: past the cap a hostile file gets an error, not a StackOverflowError. */
  @Test
  void nestingIsCappedAtMaxDepth() {
    int max = Json.MAX_DEPTH;
    Object deepest = Json.parse("[".repeat(max) + "]".repeat(max));
    for (int i = 1; i < max; i++) {
      deepest = ((List<?>) deepest).get(0);
    }
    assertEquals(List.of(), deepest);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Json.parse("[{\"a\": ".repeat(max) + "1" + "}]".repeat(max)));
    assertEquals("malformed JSON at character " + (7 * (max / 2)) + ": nested more than " + max + " levels deep",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[".repeat(200_000)));
    assertEquals("malformed JSON at character " + max + ": nested more than " + max + " levels deep",
        e.getMessage());
  }

  @Test
  void textLongerThanMaxLengthIsRefusedBeforeParsing() {
    String longText = "\"" + "x".repeat(Json.MAX_LENGTH - 1) + "\"";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(longText));
    assertEquals("JSON text of " + (Json.MAX_LENGTH + 1) + " characters is longer than the " + Json.MAX_LENGTH
        + " this reader accepts", e.getMessage());
    String longest = "\"" + "x".repeat(Json.MAX_LENGTH - 2) + "\"";
    assertEquals(Json.MAX_LENGTH - 2, ((String) Json.parse(longest)).length(), "exactly MAX_LENGTH parses");
  }

  @Test
  void deeplyNestedValuesRoundTrip() {
    Object v = "leaf";
    for (int i = 0; i < 100; i++) {
      v = i % 2 == 0 ? List.of(v) : Map.of("k" + i, v);
    }
    assertEquals(v, roundTrip(v));
  }
}
