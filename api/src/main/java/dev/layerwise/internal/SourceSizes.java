package dev.layerwise.internal;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.data.DataSource;
import dev.layerwise.data.DataSourceException;

/** The size a {@link DataSource} declares, asked once per call and checked. */
final class SourceSizes {
  private SourceSizes() {}

  static int checked(DataSource source, String what) {
    int size;
    try {
      size = source.size();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new DataSourceException(what + ": cannot tell the size of " + source.description() + ": "
          + e.getMessage(), e);
    }
    checkArgument(size > 0, "%s: %s holds no samples (size %s); at least one is needed", what, source.description(),
        size);
    return size;
  }
}
