package dev.layerwise.tuning.journal;

import dev.layerwise.io.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The format of one journal file, {@code %08d-<event>[-<trialId>].json}:
 * <pre>
 * {"format": 1, "sequence": 12, "event": "epoch-reported", "payload": {...}, "sha256": "9f2c..."}
 * </pre>
 * The checksum is the SHA-256 of the canonical text of everything before it: the record without its
 * {@code sha256} entry, written by {@link Json#write}. That text is the same after a parse and a rewrite (doubles
 * print with {@link Double#toString}, which reads back to the same bits), so a reader recomputes it from what it
 * parsed, and whitespace or line endings changed by a copy do not matter while any changed value does. The
 * sequence number in the file must agree with its name, so a renamed file is caught too.
 */
final class JournalFile {
  /** The format this code writes and reads. */
  static final int FORMAT = 1;
  private static final Pattern NAME = Pattern.compile("(\\d{8,18})-[a-z][a-zA-Z0-9._-]*\\.json");

  /** A decoded file: its sequence number and event. */
  record Entry(long sequence, JournalEvent event) {}

  private JournalFile() {}

  /** The file name of an event: the zero-padded sequence, the event's kind and its trial id. */
  static String name(long sequence, JournalEvent event) {
    return String.format(Locale.ROOT, "%08d-%s%s.json", sequence, event.kind(),
        event.trialId() == null ? "" : "-" + event.trialId());
  }

  /** The sequence number of a journal file name, or -1 if the name is not one of a journal's files. */
  static long sequenceOf(String name) {
    Matcher m = NAME.matcher(name);
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  static byte[] encode(long sequence, JournalEvent event) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("format", (long) FORMAT);
    record.put("sequence", sequence);
    record.put("event", event.kind());
    record.put("payload", EventCodec.payload(event));
    String checksum = sha256(record);
    record.put("sha256", checksum);
    return Json.write(record).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The entry in a file, after checking its checksum, format, and that its name matches its content.
   *
   * @param where the file as its store locates it, for messages
   * @throws CorruptJournalException naming the file if any check fails
   */
  static Entry decode(String name, String where, byte[] bytes) {
    Map<String, Object> record;
    try {
      record = JsonValues.map(Json.parse(new String(bytes, StandardCharsets.UTF_8)), "the file");
    } catch (IllegalArgumentException e) {
      throw new CorruptJournalException(where, "not a journal record: " + e.getMessage(), e);
    }
    Object stored = record.remove("sha256");
    if (!(stored instanceof String)) {
      throw new CorruptJournalException(where, "no checksum (sha256): not a journal record");
    }
    String actual = sha256(record);
    if (!actual.equals(stored)) {
      throw new CorruptJournalException(where, "checksum mismatch: the file says sha256 " + stored
          + " but its content hashes to " + actual + "; it was changed or damaged after it was written");
    }
    try {
      long format = JsonValues.integer(record, "format");
      if (format != FORMAT) {
        throw new CorruptJournalException(where, "format " + format + ", this version reads format " + FORMAT
            + (format > FORMAT ? " (written by a newer Layerwise)" : ""));
      }
      long sequence = JsonValues.integer(record, "sequence");
      JournalEvent event = EventCodec.event(JsonValues.string(record, "event"),
          JsonValues.map(record.get("payload"), "'payload'"));
      if (!name(sequence, event).equals(name)) {
        throw new CorruptJournalException(where, "its content is event " + name(sequence, event)
            + ": the file was renamed or copied from another journal");
      }
      return new Entry(sequence, event);
    } catch (IllegalArgumentException | NullPointerException | ArithmeticException | DateTimeException e) {
      throw new CorruptJournalException(where, "not a valid record: " + e.getMessage(), e);
    }
  }

  private static String sha256(Map<String, Object> record) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(Json.write(record).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every Java platform has SHA-256", e);
    }
  }
}
