package dev.layerwise.reference;

import java.util.EnumSet;
import java.util.Set;

/**
 * Known wrong equations the reference backend can be switched to, for one purpose: the conformance suite's
 * mutation test plants each of them and checks that the suite fails, naming the case and tensor. A suite that
 * still passes with a missing 1/N or a transposed kernel would prove nothing; this is how it shows its teeth.
 *
 * <p>Test-only. Nothing in the library plants a fault; with none planted every guarded site costs one volatile
 * read and the textbook equation beside it runs unchanged. Each site is one line of the form
 * {@code if (PlantedFault.X.isPlanted()) …wrong equation…}, next to the equation it breaks.
 *
 * <p>The switchboard is global to the JVM (a volatile bit mask, written under a lock), so a test that plants a
 * fault must not run concurrently with other users of the reference backend, and must unplant it when done:
 *
 * <pre>{@code
 * try (PlantedFault.Planting p = PlantedFault.plant(PlantedFault.MISSING_MEAN)) {
 *   // run the suite; it must fail
 * }
 * }</pre>
 */
public enum PlantedFault {
  MISSING_MEAN("loss gradients lose the mean's division: MSE's is 2(p − y), without 1/(N·K), and categorical"
      + " cross-entropy's (softmax − y), without 1/N, while the loss values are still means"),
  TRANSPOSED_KERNEL("Dense backward uses W instead of Wᵀ: dx = dy·W (read W[j,i] for W[i,j]); only for square"
      + " kernels, where the shapes still fit"),
  BATCHNORM_DGAMMA("batch norm's dγ = Σ dy·x, the raw input, instead of Σ dy·x̂, the normalised one"),
  ADAM_EPSILON_INSIDE_ROOT("Adam divides by √(v + ε) instead of √v + ε"),
  DROPOUT_UNSCALED("training-mode dropout without the 1/(1 − rate) scale, in forward and backward"),
  RELU_GRADIENT_WRONG_SIDE("ReLU′(x) = 1 for x < 0 and 0 for x > 0: the gradient passes on the wrong side of 0"),
  SOFTMAX_GRADIENT_NO_DOT("softmax backward dx = y·dy, missing the −y·Σ(dy·y) term of the Jacobian"),
  CONV_KERNEL_GRADIENT_ONE_SAMPLE("Conv2D's kernel gradient sums over the first sample's positions only, not over"
      + " the batch"),
  MOMENTUM_NOT_DECAYED("SGD momentum's velocity is never multiplied by μ: v ← v − η·g (Keras's form), a ← a + g"
      + " (TF's)"),
  FAN_OUT_GRADIENT_NOT_SUMMED("a tensor used by several nodes keeps the gradient of one consumer only, the last"
      + " back-propagated: ∂L/∂h overwritten instead of summed over the consumers"),
  SHARED_WEIGHT_GRADIENT_NOT_SUMMED("a shared layer's weights keep the gradient of one application only, the last"
      + " back-propagated: ∂L/∂θ overwritten instead of summed over the applications"),
  SUBTRACT_OPERANDS_SWAPPED("Subtract computes x₂ − x₁ instead of x₁ − x₂, in forward and backward alike"),
  LOSS_GRADIENT_SIGN_FLIPPED("back-propagation starts from −∂L/∂output instead of ∂L/∂output: every gradient of the"
      + " data loss has the wrong sign, so training climbs the loss (the training doctor's teeth)");

  private static final Object LOCK = new Object();
  /** Bit {@code ordinal()} set when planted: one volatile read per guarded site. */
  private static volatile long planted;

  private final String description;

  PlantedFault(String description) {
    this.description = description;
  }

  /** The wrong equation, in one line. */
  public String description() {
    return description;
  }

  /** Whether this fault is planted now; the guarded sites call this. */
  public boolean isPlanted() {
    return (planted & bit()) != 0;
  }

  /** The faults planted now. */
  public static Set<PlantedFault> planted() {
    long mask = planted;
    EnumSet<PlantedFault> set = EnumSet.noneOf(PlantedFault.class);
    for (PlantedFault f : values()) {
      if ((mask & f.bit()) != 0) {
        set.add(f);
      }
    }
    return set;
  }

  /**
   * Plants a fault until the returned handle is closed.
   *
   * @throws IllegalStateException if it is planted already: a nested planting would unplant it early
   */
  public static Planting plant(PlantedFault fault) {
    synchronized (LOCK) {
      if (fault.isPlanted()) {
        throw new IllegalStateException("PlantedFault " + fault + " is planted already; close the first planting"
            + " before planting it again");
      }
      planted |= fault.bit();
    }
    return new Planting(fault);
  }

  private long bit() {
    return 1L << ordinal();
  }

  /** A planted fault; closing it restores the textbook equation. Closing twice is harmless. */
  public static final class Planting implements AutoCloseable {
    private final PlantedFault fault;
    private boolean closed;

    private Planting(PlantedFault fault) {
      this.fault = fault;
    }

    public PlantedFault fault() {
      return fault;
    }

    @Override
    public void close() {
      synchronized (LOCK) {
        if (!closed) {
          closed = true;
          planted &= ~fault.bit();
        }
      }
    }
  }
}
