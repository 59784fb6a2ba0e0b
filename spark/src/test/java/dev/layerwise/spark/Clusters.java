package dev.layerwise.spark;

import dev.layerwise.tuning.ResultsTable;
import dev.layerwise.tuning.Scale;
import dev.layerwise.tuning.SearchSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** The tests' data: 4 Gaussian clusters in 8 dimensions, written as the CSV folder executors read. */
final class Clusters {
  static final SearchSpace SPACE = SearchSpace.empty().logUniform("lr", 1e-4, 1e-1).intRange("units", 4, 32,
      Scale.LOG);

  private Clusters() {}

  /** {@code dir/train.csv} (n samples) and {@code dir/validation.csv} (n / 2); returns {@code dir}. */
  static Path write(Path dir, int n) throws IOException {
    Files.createDirectories(dir);
    write(dir.resolve("train.csv"), n, 1);
    write(dir.resolve("validation.csv"), n / 2, 2);
    return dir;
  }

  /** Class c's centre is 2·e_c, noise N(0, 1). */
  private static void write(Path file, int n, long seed) throws IOException {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder("f0,f1,f2,f3,f4,f5,f6,f7,label\n");
    for (int i = 0; i < n; i++) {
      int y = r.nextInt(4);
      for (int j = 0; j < 8; j++) {
        sb.append(String.format(Locale.ROOT, "%.6f,", r.nextGaussian() + (j == y ? 2 : 0)));
      }
      sb.append(y).append('\n');
    }
    Files.writeString(file, sb);
  }

  /** The table's rows without the seconds column: what must not depend on where or how trials ran. */
  static List<String> withoutTimings(ResultsTable t) {
    return t.rows().stream().map(r -> r.number() + " " + r.params() + " " + r.status() + " " + r.objective() + " "
        + r.metrics() + " " + r.epochs()).toList();
  }
}
