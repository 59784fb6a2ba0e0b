package dev.layerwise.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.layerwise.data.IdxFile;
import java.nio.file.Path;

/** Fuzzes {@link IdxFile#read}: any bytes, plain or gzip (recognised by their magic, as for a real download). */
class IdxFileFuzzTest {
  @FuzzTest
  void idx(byte[] input) {
    Path file = Refusals.file("fuzz-idx3-ubyte", input);
    Refusals.onlyDocumented(file.toString(), () -> IdxFile.read(file));
  }
}
