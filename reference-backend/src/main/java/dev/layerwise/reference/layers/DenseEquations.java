package dev.layerwise.reference.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.reference.PlantedFault;
import dev.layerwise.reference.tensor.TensorMath;
import java.util.HashMap;
import java.util.Map;

/**
 * A fully connected layer, the affine map {@code y = x·W + b}.
 *
 * <ul>
 *   <li>input x: {@code [n, in]}; a higher-rank input {@code [batch, d1, …, in]} is read as
 *       {@code n = batch·d1·…} rows, so the map applies over the last axis
 *   <li>kernel W: {@code [in, units]}; bias b: {@code [units]} (optional)
 *   <li>output y: {@code [n, units]}, {@code y[r,j] = Σ_i x[r,i]·W[i,j] + b[j]}
 * </ul>
 *
 * <p>Backward, for {@code dy = ∂L/∂y [n, units]}, from {@code ∂y[r,j]/∂W[i,j] = x[r,i]},
 * {@code ∂y[r,j]/∂b[j] = 1} and {@code ∂y[r,j]/∂x[r,i] = W[i,j]}:
 *
 * <ul>
 *   <li>{@code dW = xᵀ·dy}: {@code [in, units]}, a sum over the n rows
 *   <li>{@code db = Σ_rows dy}: {@code [units]}
 *   <li>{@code dx = dy·Wᵀ}: {@code [n, in]}
 * </ul>
 *
 * In the course notes' form, with δ = dy: {@code ∂C/∂W = δ zᵀ} summed over the batch, {@code ∂C/∂b = δ}, and
 * {@code W δ} carries δ one layer down.
 */
public final class DenseEquations implements RefLayerEquations<DenseEquations.Saved> {
  public static final String KERNEL = "kernel";
  public static final String BIAS = "bias";

  /** The input rows: the kernel's gradient is {@code xᵀ·dy}. */
  public record Saved(double[] x, int rows) {}

  private final int in;
  private final int units;
  private final boolean useBias;

  public DenseEquations(int in, int units, boolean useBias) {
    checkArgument(in > 0 && units > 0, "DenseEquations: in and units must be positive, got in=%s, units=%s",
        in, units);
    this.in = in;
    this.units = units;
    this.useBias = useBias;
  }

  @Override
  public Forward<Saved> forward(Map<String, double[]> params, double[] x, Mode mode) {
    checkArgument(x.length % in == 0, "Dense: input of %s values is not a whole number of rows of %s",
        x.length, in);
    int rows = x.length / in;
    double[] w = params.get(KERNEL);
    double[] y = useBias ? TensorMath.broadcastRows(params.get(BIAS), rows) : new double[rows * units];
    TensorMath.matmulAccumulate(x, w, y, rows, in, units);
    return new Forward<>(y, new Saved(x, rows));
  }

  @Override
  public Backward backward(Map<String, double[]> params, Saved saved, double[] dy, boolean needDx) {
    int rows = saved.rows();
    Map<String, double[]> grads = new HashMap<>(4);
    grads.put(KERNEL, TensorMath.matmulTransposeA(saved.x(), dy, rows, in, units));
    if (useBias) {
      grads.put(BIAS, TensorMath.sumRows(dy, rows, units));
    }
    double[] dx = needDx ? TensorMath.matmulTransposeB(dy, params.get(KERNEL), rows, units, in) : null;
    if (PlantedFault.TRANSPOSED_KERNEL.isPlanted() && needDx && in == units) {
      dx = TensorMath.matmul(dy, params.get(KERNEL), rows, units, in); // dy·W: W[j,i] read for W[i,j]
    }
    return new Backward(dx, grads);
  }
}
