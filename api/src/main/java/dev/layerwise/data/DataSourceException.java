package dev.layerwise.data;

/**
 * Reading a {@link DataSource} failed during {@code fit}, {@code evaluate} or {@code predict}: the message names the
 * source and the samples or shard being read; the cause is what the source threw (an {@link java.io.IOException}
 * wrapped in an {@link java.io.UncheckedIOException}, a decoding error, …). The model keeps the weights of the last
 * complete step.
 */
public final class DataSourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
