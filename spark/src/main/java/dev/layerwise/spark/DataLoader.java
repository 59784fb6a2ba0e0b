package dev.layerwise.spark;

import java.nio.file.Path;

/**
 * Reads a study's data from a local copy of its location. Executors instantiate the class by name (a public class
 * with a public no-argument constructor, on the executors' classpath) and call it once per JVM; the data then
 * serves every trial that JVM runs.
 */
@FunctionalInterface
public interface DataLoader {
  /**
   * Reads the data.
   *
   * @param local the location copied to this machine: a file or a folder, as the location was
   */
  StudyData load(Path local) throws Exception;
}
