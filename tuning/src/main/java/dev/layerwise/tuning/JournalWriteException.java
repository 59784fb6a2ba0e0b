package dev.layerwise.tuning;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The study's journal could not be written: not a trial's failure but the study's, which stops (a search that
 * cannot record what it did would redo it after a restart).
 */
public final class JournalWriteException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  public JournalWriteException(String message, IOException cause) {
    super(message, cause);
  }
}
