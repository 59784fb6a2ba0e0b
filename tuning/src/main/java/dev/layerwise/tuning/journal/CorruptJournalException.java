package dev.layerwise.tuning.journal;

/**
 * A journal file that cannot be trusted: its checksum does not match its content, it is not a journal record,
 * or it contradicts the files before it. Files appear only whole (by a rename), so this is never a torn write
 * of a crash: the file was changed or damaged afterwards, or written by something else. The message names the
 * file.
 */
public final class CorruptJournalException extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  private final String file;

  public CorruptJournalException(String file, String message, Throwable cause) {
    super("journal file " + file + ": " + message, cause);
    this.file = file;
  }

  public CorruptJournalException(String file, String message) {
    this(file, message, null);
  }

  /** The file, as its store locates it. */
  public String file() {
    return file;
  }
}
