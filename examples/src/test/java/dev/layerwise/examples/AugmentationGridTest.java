package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.FlipMode;
import dev.layerwise.layers.RandomFlip;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guide's picture: the values it shows are the image and its augmented copies, and it draws them as greys. */
class AugmentationGridTest {
  @TempDir Path dir;

  /** Two 2 × 3 images with distinct pixels, so that a mirror image differs from the original everywhere it can. */
  private static Dataset images() {
    float[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    return Dataset.builder().features("x", x, Shape.of(2, 3, 1)).build();
  }

  private static float[] mirrored(float[] image) {
    float[] m = new float[6];
    for (int r = 0; r < 2; r++) {
      for (int c = 0; c < 3; c++) {
        m[r * 3 + c] = image[r * 3 + 2 - c];
      }
    }
    return m;
  }

  @Test
  void theFirstColumnIsTheImageAndTheOthersItsFlipsDrawnPerCopy() {
    float[][][] grid = AugmentationGrid.augmented(images(), List.of(RandomFlip.of(FlipMode.HORIZONTAL)), 2, 9, 7);
    assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, grid[0][0]);
    assertArrayEquals(new float[] {6, 7, 8, 9, 10, 11}, grid[1][0]);
    for (float[][] row : grid) {
      int flipped = 0;
      for (int c = 1; c < row.length; c++) {
        boolean same = Arrays.equals(row[c], row[0]);
        boolean mirror = Arrays.equals(row[c], mirrored(row[0]));
        assertTrue(same || mirror, "copy " + c + " is neither the image nor its mirror: " + Arrays.toString(row[c]));
        flipped += mirror ? 1 : 0;
      }
      // 8 copies, each flipped with probability 1/2: all or none alike would mean one draw for all of them
      assertTrue(flipped > 0 && flipped < 8, flipped + " of 8 copies flipped");
    }
  }

  private static int grey(BufferedImage image, int x, int y) {
    int rgb = image.getRGB(x, y);
    int r = rgb >> 16 & 0xFF;
    int g = rgb >> 8 & 0xFF;
    int b = rgb & 0xFF;
    assertTrue(r == g && g == b, "not grey at (" + x + ", " + y + "): " + Integer.toHexString(rgb));
    return r;
  }

  @Test
  void zeroIsDrawnBlackAndTheMaximumWhite() throws IOException {
    float[] black = new float[16 * 16];
    float[] white = new float[16 * 16];
    Arrays.fill(white, 2f);
    Path png = dir.resolve("grid.png");
    AugmentationGrid.draw(new float[][][] {{black, white}}, 16, 16, 2, png);

    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(2 * AugmentationGrid.PANEL, image.getWidth());
    int middle = image.getHeight() / 2 + 10;                             // below the title
    // within a few grey levels: the renderer antialiases block edges
    assertTrue(grey(image, image.getWidth() / 4, middle) <= 8, "left panel is not black");
    assertTrue(grey(image, 3 * image.getWidth() / 4, middle) >= 247, "right panel is not white");
  }
}
