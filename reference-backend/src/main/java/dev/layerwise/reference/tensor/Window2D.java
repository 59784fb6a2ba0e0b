package dev.layerwise.reference.tensor;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.Size2D;

/**
 * The geometry of a {@code kh × kw} window sliding with strides {@code (sh, sw)} over NHWC images
 * {@code [n, H, W, C]}, and the im2col/col2im pair that turns a convolution into one matrix product.
 *
 * <p>Output position (i, j) sees input row {@code i·sh + a − padTop} and column {@code j·sw + b − padLeft} at
 * window offset (a, b); rows and columns outside the image are padding. Output size and padding are exactly
 * {@link Padding}'s: VALID none, SAME {@code ⌊p/2⌋} before and the rest after (bottom/right).
 */
public record Window2D(int height, int width, int channels, int windowHeight, int windowWidth, int strideHeight,
    int strideWidth, int outHeight, int outWidth, int padTop, int padLeft) {

  /** The window over samples {@code [H, W, C]}. */
  public static Window2D of(Shape sample, Size2D window, Size2D strides, Padding padding) {
    checkArgument(sample.rank() == 3, "expected NHWC samples [H, W, C], got %s", sample);
    int h = sample.dim(0);
    int w = sample.dim(1);
    int kh = window.height();
    int kw = window.width();
    int sh = strides.height();
    int sw = strides.width();
    return new Window2D(h, w, sample.dim(2), kh, kw, sh, sw, padding.outputLength(h, kh, sh),
        padding.outputLength(w, kw, sw), padding.padBefore(h, kh, sh), padding.padBefore(w, kw, sw));
  }

  /** Values per input sample, {@code H·W·C}. */
  public int inputSize() {
    return height * width * channels;
  }

  /** Values per patch, {@code kh·kw·C}: one row of the im2col matrix, one row of an HWIO kernel. */
  public int patchSize() {
    return windowHeight * windowWidth * channels;
  }

  /** Output positions per sample, {@code OH·OW}. */
  public int outputPositions() {
    return outHeight * outWidth;
  }

  /** The input row that window row a of output row i reads; outside [0, H) it is padding. */
  public int inputRow(int i, int a) {
    return i * strideHeight + a - padTop;
  }

  /** The input column that window column b of output column j reads; outside [0, W) it is padding. */
  public int inputColumn(int j, int b) {
    return j * strideWidth + b - padLeft;
  }

  /** The number of samples in a batch of {@code length} input values. */
  public int samples(int length) {
    checkArgument(length % inputSize() == 0, "input of %s values is not a whole number of [%s, %s, %s] images",
        length, height, width, channels);
    return length / inputSize();
  }

  /**
   * im2col: every patch as a row, {@code cols [n·OH·OW, kh·kw·C]}; row {@code (s, i, j)} (row-major), column
   * {@code (a, b, c)} holds {@code x[s, inputRow(i, a), inputColumn(j, b), c]}, or 0 in the padding. The column
   * order (a, b, c) is an HWIO kernel's row order, so {@code cols · K[kh·kw·C, F]} is the convolution, NHWC.
   */
  public double[] im2col(double[] x, int n) {
    int p = patchSize();
    double[] cols = new double[n * outputPositions() * p];
    forEachPatchRun((xOffset, colsOffset) -> System.arraycopy(x, xOffset, cols, colsOffset, channels), n);
    return cols;
  }

  /**
   * col2im, im2col's adjoint: adds each patch row back onto the input positions it was read from, so a position
   * shared by overlapping windows receives the sum. Padding positions are dropped. Returns {@code [n, H, W, C]}.
   */
  public double[] col2im(double[] cols, int n) {
    double[] x = new double[n * inputSize()];
    forEachPatchRun((xOffset, colsOffset) -> {
      for (int c = 0; c < channels; c++) {
        x[xOffset + c] += cols[colsOffset + c];
      }
    }, n);
    return x;
  }

  private interface RunVisitor {
    void visit(int xOffset, int colsOffset);
  }

  /** Visits each (patch, window offset) pair inside the image: C contiguous values in both x and cols. */
  private void forEachPatchRun(RunVisitor visitor, int n) {
    int p = patchSize();
    int row = 0;
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < outHeight; i++) {
        for (int j = 0; j < outWidth; j++, row++) {
          for (int a = 0; a < windowHeight; a++) {
            int r = inputRow(i, a);
            if (r < 0 || r >= height) {
              continue;
            }
            for (int b = 0; b < windowWidth; b++) {
              int col = inputColumn(j, b);
              if (col >= 0 && col < width) {
                int xOffset = ((s * height + r) * width + col) * channels;
                visitor.visit(xOffset, row * p + (a * windowWidth + b) * channels);
              }
            }
          }
        }
      }
    }
  }
}
