package dev.layerwise.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.layerwise.io.Npy;

/** Fuzzes {@link Npy#read}, the reader of every weight in a model archive. */
class NpyFuzzTest {
  private static final String NAME = "fuzz.layerwise!weights/w.npy";

  @FuzzTest
  void npy(byte[] input) {
    Refusals.onlyDocumented(NAME, () -> Npy.read(input, NAME));
  }
}
