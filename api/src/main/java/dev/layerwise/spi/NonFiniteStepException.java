package dev.layerwise.spi;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Thrown by {@link BackendModel#trainStep} for a step that would make the model non-finite. The backend has then
 * changed nothing: weights, optimizer slots and layer state (moving statistics) are exactly what they were before
 * the call. The api's training loop turns it into the user's {@code TrainingDivergedException}.
 *
 * <p>A step is refused when, in this order, the first of these holds NaN or ±∞: the loss (data loss plus
 * penalty), a gradient (as computed, before clipping, weights in model order), a new moving statistic, or a value
 * the optimizer would write (each trainable weight in model order, then its slots in
 * {@code Optimizer.slotNames()} order). Both backends check the same quantities in the same order, so they name the
 * same culprit.
 */
public final class NonFiniteStepException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String quantity;
  private final String kind;

  /**
   * @param quantity what was non-finite, in one of the forms {@link #loss()}, {@link #gradient} and
   *     {@link #updated}
   * @param kind which non-finite values: {@code NaN}, {@code -Inf}, {@code +Inf} joined by "and" ({@link #kind}), or
   *     {@code null} if the backend could not tell
   */
  public NonFiniteStepException(String quantity, String kind, Throwable cause) {
    super(requireNonNull(quantity, "quantity") + (kind == null ? " is not finite" : " has " + kind + " values"),
        cause);
    this.quantity = quantity;
    this.kind = kind;
  }

  public NonFiniteStepException(String quantity, String kind) {
    this(quantity, kind, null);
  }

  /** What was non-finite, e.g. {@code the gradient of 'dense/kernel'}. */
  public String quantity() {
    return quantity;
  }

  /** Which non-finite values, e.g. {@code NaN} or {@code -Inf and +Inf}; {@code null} if unknown. */
  public String kind() {
    return kind;
  }

  public static String loss() {
    return "the loss";
  }

  public static String gradient(String weight) {
    return "the gradient of '" + weight + "'";
  }

  /**
   * A value the step would write: a moving statistic ({@code batch_normalization/moving_mean}), a weight or an
   * optimizer slot ({@code dense/kernel/m}).
   */
  public static String updated(String name) {
    return "the updated '" + name + "'";
  }

  /** Which non-finite values the array holds ({@link #kind}), or {@code null} when every value is finite. */
  public static String kindOf(double[] values) {
    boolean nan = false;
    boolean negative = false;
    boolean positive = false;
    for (double v : values) {
      nan |= Double.isNaN(v);
      negative |= v == Double.NEGATIVE_INFINITY;
      positive |= v == Double.POSITIVE_INFINITY;
    }
    return nan || negative || positive ? kind(nan, negative, positive) : null;
  }

  /** The words both backends use: {@code NaN}, {@code -Inf}, {@code +Inf}, joined by "and" in that order. */
  public static String kind(boolean nan, boolean negativeInfinity, boolean positiveInfinity) {
    List<String> parts = new ArrayList<>();
    if (nan) {
      parts.add("NaN");
    }
    if (negativeInfinity) {
      parts.add("-Inf");
    }
    if (positiveInfinity) {
      parts.add("+Inf");
    }
    return String.join(" and ", parts);
  }
}
