package dev.layerwise.spark;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link CsvFolderLoader}, counting its loads in this JVM (local mode: the executors' JVM). */
public final class CountingLoader implements DataLoader {
  static final AtomicInteger LOADS = new AtomicInteger();

  @Override
  public StudyData load(Path local) {
    LOADS.incrementAndGet();
    return new CsvFolderLoader().load(local);
  }
}
