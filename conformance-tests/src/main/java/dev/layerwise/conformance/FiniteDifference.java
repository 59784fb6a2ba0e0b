package dev.layerwise.conformance;

import dev.layerwise.spi.TensorValue;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Central differences, {@code ∂f/∂θᵢ ≈ (f(θ + hᵢeᵢ) − f(θ − hᵢeᵢ)) / (θᵢ⁺ − θᵢ⁻)}, dividing by the step actually
 * taken (it differs from 2h when θ ± h is rounded, as for float32 inputs).
 */
public final class FiniteDifference {
  private FiniteDifference() {}

  /**
   * How to step one kind of parameter.
   *
   * @param relative the step: hᵢ = relative·max(1, |θᵢ|) for float64 parameters; for float32 ones
   *     hᵢ = max(relative, 16 ulp(θᵢ)), not scaled with |θᵢ|, because what matters for inputs is the spread of
   *     the data, not its offset (batch norm of inputs around 1000 varies on a scale of 1)
   * @param float32 whether perturbed values are rounded to float32 (features are float32 in the api)
   * @param richardson combine steps h and h/2 as (4·D(h/2) − D(h))/3, cancelling the h² error term: needed when
   *     rounding forces a large step
   */
  public record Step(double relative, boolean float32, boolean richardson, String description) {
    /** Float64 weights: a small step, no rounding. */
    public static final Step FLOAT64_WEIGHT = new Step(1e-5, false, false, "h = 1e-5·max(1,|θ|)");
    /** Float32 features: 2^-10 survives rounding; Richardson extrapolation removes its O(h²) error. */
    public static final Step FLOAT32_INPUT = new Step(1.0 / 1024, true, true,
        "float32 inputs: h = max(2^-10, 16 ulp(x)) and h/2, Richardson-extrapolated, divided by the steps taken");

    double round(double v) {
      return float32 ? (float) v : v;
    }

    double size(double theta) {
      return float32 ? Math.max(relative, 16 * Math.ulp((float) theta)) : relative * Math.max(1, Math.abs(theta));
    }
  }

  /**
   * The gradient of an objective with respect to a tensor's elements.
   *
   * @param value the tensor at which to differentiate (not modified; re-installed at the end)
   * @param install puts a perturbed copy of the tensor in place
   * @param objective evaluates f with the installed tensor
   */
  public static TensorValue gradient(TensorValue value, Consumer<TensorValue> install, DoubleSupplier objective,
      Step step) {
    double[] theta = value.data().clone();
    double[] grad = new double[theta.length];
    for (int i = 0; i < theta.length; i++) {
      double h = step.size(theta[i]);
      double d = central(value, theta, i, h, install, objective, step);
      grad[i] = step.richardson() ? (4 * central(value, theta, i, h / 2, install, objective, step) - d) / 3 : d;
    }
    install.accept(value);
    return new TensorValue(value.shape(), grad);
  }

  private static double central(TensorValue value, double[] theta, int i, double h, Consumer<TensorValue> install,
      DoubleSupplier objective, Step step) {
    double t = theta[i];
    double plus = step.round(t + h);
    double minus = step.round(t - h);
    theta[i] = plus;
    install.accept(new TensorValue(value.shape(), theta.clone()));
    double fPlus = objective.getAsDouble();
    theta[i] = minus;
    install.accept(new TensorValue(value.shape(), theta.clone()));
    double fMinus = objective.getAsDouble();
    theta[i] = t;
    return (fPlus - fMinus) / (plus - minus);
  }
}
