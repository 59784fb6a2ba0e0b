package dev.layerwise.reference.layers;

import dev.layerwise.reference.PlantedFault;
import dev.layerwise.reference.tensor.TensorMath;
import dev.layerwise.reference.tensor.Window2D;
import java.util.HashMap;
import java.util.Map;

/**
 * A 2-D convolution (a cross-correlation, as in every framework) over NHWC images, by im2col and one product.
 *
 * <ul>
 *   <li>x: {@code [n, H, W, C]}; kernel K: HWIO {@code [kh, kw, C, F]}, which row-major is the matrix
 *       {@code [kh·kw·C, F]}; bias b: {@code [F]} (optional)
 *   <li>{@code cols = im2col(x)}: {@code [n·OH·OW, kh·kw·C]}, one row per output position holding its zero-padded
 *       patch in (a, b, c) order ({@link Window2D})
 *   <li>{@code y = cols·K + b}: {@code [n·OH·OW, F]}, which is y in NHWC, {@code [n, OH, OW, F]}; i.e.
 *       {@code y[s,i,j,f] = Σ_{a,b,c} x[s, i·sh + a − pt, j·sw + b − pl, c]·K[a,b,c,f] + b[f]}
 * </ul>
 *
 * <p>Backward, the Dense equations on the patch matrix, with the input gradient folded back:
 *
 * <ul>
 *   <li>{@code dK = colsᵀ·dy}: {@code [kh·kw·C, F]}
 *   <li>{@code db = Σ_{s,i,j} dy}: {@code [F]}
 *   <li>{@code dcols = dy·Kᵀ}: {@code [n·OH·OW, kh·kw·C]}, and {@code dx = col2im(dcols)}: each patch entry is
 *       added back to the input element it was copied from (overlapping windows sum; padding drops out)
 * </ul>
 */
public final class Conv2DEquations implements RefLayerEquations<Conv2DEquations.Saved> {
  public static final String KERNEL = "kernel";
  public static final String BIAS = "bias";

  /** The patch matrix (the kernel's gradient is {@code colsᵀ·dy}) and the number of samples. */
  public record Saved(double[] cols, int samples) {}

  private final Window2D window;
  private final int filters;
  private final boolean useBias;

  public Conv2DEquations(Window2D window, int filters, boolean useBias) {
    this.window = window;
    this.filters = filters;
    this.useBias = useBias;
  }

  @Override
  public Forward<Saved> forward(Map<String, double[]> params, double[] x, Mode mode) {
    int n = window.samples(x.length);
    int rows = n * window.outputPositions();
    double[] cols = window.im2col(x, n);
    double[] y = useBias ? TensorMath.broadcastRows(params.get(BIAS), rows) : new double[rows * filters];
    TensorMath.matmulAccumulate(cols, params.get(KERNEL), y, rows, window.patchSize(), filters);
    return new Forward<>(y, new Saved(cols, n));
  }

  @Override
  public Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    int rows = saved.samples() * window.outputPositions();
    int p = window.patchSize();
    Map<String, double[]> grads = new HashMap<>(4);
    grads.put(KERNEL, TensorMath.matmulTransposeA(saved.cols(), dy, rows, p, filters));
    if (PlantedFault.CONV_KERNEL_GRADIENT_ONE_SAMPLE.isPlanted()) {
      grads.put(KERNEL, TensorMath.matmulTransposeA(saved.cols(), dy, window.outputPositions(), p, filters));
    }
    if (useBias) {
      grads.put(BIAS, TensorMath.sumRows(dy, rows, filters));
    }
    double[] dx = null;
    if (needDx) {
      double[] dCols = TensorMath.matmulTransposeB(dy, params.get(KERNEL), rows, filters, p);
      dx = window.col2im(dCols, saved.samples());
    }
    return new Backward(dx, grads);
  }
}
