package dev.layerwise.reference.tensor;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static dev.layerwise.reference.RefGradientCheck.dot;
import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.Shape;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.Size2D;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Window2DTest {

  @Test
  void geometryFollowsPadding() {
    Window2D same = Window2D.of(Shape.of(6, 5, 2), Size2D.of(3, 2), Size2D.of(2, 2), Padding.SAME);
    // H: out ⌈6/2⌉ = 3, pad (3−1)·2 + 3 − 6 = 1 → 0 before; W: out 3, pad (3−1)·2 + 2 − 5 = 1 → 0 before
    assertEquals(new Window2D(6, 5, 2, 3, 2, 2, 2, 3, 3, 0, 0), same);
    Window2D odd = Window2D.of(Shape.of(5, 5, 1), Size2D.of(3), Size2D.of(1), Padding.SAME);
    assertEquals(1, odd.padTop()); // pad 2 → 1 before, 1 after
    assertEquals(5, odd.outHeight());
    Window2D valid = Window2D.of(Shape.of(7, 7, 1), Size2D.of(3), Size2D.of(2), Padding.VALID);
    assertEquals(3, valid.outWidth());
    assertEquals(0, valid.padLeft());
  }

  @Test
  void im2colByHand() {
    // 3×3 image 1…9, 2×2 windows, stride 2, SAME: 4 patches; padding reads as 0
    Window2D w = Window2D.of(Shape.of(3, 3, 1), Size2D.of(2), Size2D.of(2), Padding.SAME);
    double[] cols = w.im2col(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1);
    assertArrayEquals(new double[] {1, 2, 4, 5, 3, 0, 6, 0, 7, 8, 0, 0, 9, 0, 0, 0}, cols);
  }

  @Test
  void col2imIsTheAdjointOfIm2col() {
    // ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩ for all x, c: the property dx = col2im(dcols) relies on
    Random r = new Random(141);
    Window2D w = Window2D.of(Shape.of(5, 6, 3), Size2D.of(3, 3), Size2D.of(2, 1), Padding.SAME);
    double[] x = uniform(r, 2 * w.inputSize(), -1, 1);
    double[] c = uniform(r, 2 * w.outputPositions() * w.patchSize(), -1, 1);
    assertAllClose("adjoint", new double[] {dot(w.im2col(x, 2), c)}, new double[] {dot(x, w.col2im(c, 2))}, 1e-13,
        1e-13);
  }
}
