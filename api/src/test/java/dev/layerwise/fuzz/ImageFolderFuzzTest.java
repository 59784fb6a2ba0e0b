package dev.layerwise.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.layerwise.data.ColorMode;
import dev.layerwise.data.ImageFolderDataset;
import java.nio.file.Path;

/**
 * Fuzzes {@link ImageFolderDataset#read}, and through it {@code javax.imageio}'s decoders: any bytes as the one
 * image of a one-class folder (named {@code .png}; the decoder is chosen by the bytes, not the name), read as RGB at
 * its own size and as grey resized to 8 × 8.
 */
class ImageFolderFuzzTest {
  @FuzzTest
  void image(byte[] input) {
    Path file = Refusals.file("fuzz-images/class/fuzz.png", input);
    Path folder = file.getParent().getParent();
    Refusals.onlyDocumented(file.toString(), () -> ImageFolderDataset.from(folder).read());
    Refusals.onlyDocumented(file.toString(), () -> ImageFolderDataset.from(folder).withColorMode(ColorMode.GRAYSCALE)
        .withImageSize(8, 8).read());
  }
}
