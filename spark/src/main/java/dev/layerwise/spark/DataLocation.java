package dev.layerwise.spark;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where executors read a study's data, and with which {@link DataLoader}: a file or folder on any Hadoop file
 * system ({@code hdfs://nn/data/fmnist}, {@code s3a://bucket/data}, {@code file:/shared/data}, or a plain path that
 * every executor can read). A remote location is copied to the executor's local disk once, then loaded once per
 * executor JVM and kept for every trial that JVM runs.
 *
 * @param uri the file or folder
 * @param loaderClass the {@link DataLoader}'s class name, instantiated on the executors
 */
public record DataLocation(String uri, String loaderClass) implements Serializable {
  private static final long serialVersionUID = 1L;

  public DataLocation {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("DataLocation: expected a path or URI of the study's data, given "
          + (uri == null ? "null" : "a blank string"));
    }
    try {
      new URI(uri.replace(" ", "%20"));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("DataLocation: '" + uri + "' is not a path or URI: " + e.getMessage(), e);
    }
    if (loaderClass == null || loaderClass.isBlank()) {
      throw new IllegalArgumentException("DataLocation: expected the class name of a DataLoader, given "
          + (loaderClass == null ? "null" : "a blank string"));
    }
  }

  /** Data read by {@code loader} (its class is named in the payload, the executors instantiate it). */
  public static DataLocation of(String uri, Class<? extends DataLoader> loader) {
    return new DataLocation(uri, loader.getName());
  }

  /** A folder with {@code train.csv} and {@code validation.csv} ({@link CsvFolderLoader}). */
  public static DataLocation csvFolder(String uri) {
    return of(uri, CsvFolderLoader.class);
  }

  /** A folder with Fashion-MNIST's IDX files ({@link FashionMnistLoader}). */
  public static DataLocation fashionMnist(String uri) {
    return of(uri, FashionMnistLoader.class);
  }
}
