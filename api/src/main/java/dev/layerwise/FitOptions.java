package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * How {@code fit} runs: epochs (and the epoch to resume from), batch size, shuffling, validation data and callbacks. Built once, reusable.
 *
 * <pre>{@code
 * FitOptions options = FitOptions.builder()
 *     .epochs(5).batchSize(32).validationData(test)
 *     .callbacks(ModelCheckpoint.everyEpoch(model, dir))
 *     .build();
 * }</pre>
 *
 * <p>Defaults are Keras's: 1 epoch, batch size 32, shuffled every epoch, no validation, {@code verbose(1)}: progress
 * printed to the console ({@link Progress#console()}: a live bar on a terminal, a line per epoch otherwise).
 */
public final class FitOptions {
  private final int epochs;
  private final int initialEpoch;
  private final int batchSize;
  private final boolean shuffle;
  private final OptionalLong seed;
  private final Dataset validationData;
  private final int verbose;
  private final List<FitCallback> callbacks;

  private FitOptions(Builder b) {
    checkArgument(b.initialEpoch < b.epochs, "FitOptions: initialEpoch must be below epochs (epochs is the index of"
        + " the last epoch, as in Keras: initialEpoch(3).epochs(6) runs epochs 4 to 6), got initialEpoch %s and"
        + " epochs %s", b.initialEpoch, b.epochs);
    this.epochs = b.epochs;
    this.initialEpoch = b.initialEpoch;
    this.batchSize = b.batchSize;
    this.shuffle = b.shuffle;
    this.seed = b.seed;
    this.validationData = b.validationData;
    this.verbose = b.verbose;
    this.callbacks = withProgress(b.callbacks, b.verbose);
  }

  /**
   * The progress {@code verbose} asks for, first (its epoch line ends before another callback prints), then the
   * given callbacks — unless one of them already is a {@link Progress}, as Keras adds its progress logger only when
   * none is given.
   */
  private static List<FitCallback> withProgress(List<FitCallback> given, int verbose) {
    if (verbose == 0 || given.stream().anyMatch(c -> c instanceof Progress)) {
      return List.copyOf(given);
    }
    List<FitCallback> all = new ArrayList<>();
    all.add(verbose == 1 ? Progress.console() : Progress.lines());
    all.addAll(given);
    return List.copyOf(all);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code epochs} epochs at {@code batchSize}, everything else default. */
  public static FitOptions of(int epochs, int batchSize) {
    return builder().epochs(epochs).batchSize(batchSize).build();
  }

  /** The index of the last epoch (Keras's {@code epochs}): a fit runs epochs {@code initialEpoch + 1 … epochs}. */
  public int epochs() {
    return epochs;
  }

  /**
   * The epochs done before this fit (Keras's {@code initial_epoch}): 0 by default; to resume a run saved after
   * epoch 3, {@code initialEpoch(3)}. A resumed fit also hands saved callback states to its callbacks (see
   * {@link ResumableCallback}).
   */
  public int initialEpoch() {
    return initialEpoch;
  }

  /**
   * Whether some callback must run between single steps ({@link FitCallback#needsEveryStep()}); when none does,
   * the loop may run several steps between two calls of the batch hooks.
   */
  public boolean needsEveryStep() {
    return callbacks.stream().anyMatch(FitCallback::needsEveryStep);
  }

  public int batchSize() {
    return batchSize;
  }

  public boolean shuffle() {
    return shuffle;
  }

  /** The shuffling seed, if set; otherwise the model's seed is used. */
  public OptionalLong seed() {
    return seed;
  }

  /** Validation data evaluated after every epoch, or {@code null}. */
  public Dataset validationData() {
    return validationData;
  }

  /** 0 silent, 1 a live bar on a terminal (else a line per epoch), 2 a line per epoch; Keras's {@code verbose}. */
  public int verbose() {
    return verbose;
  }

  /** The callbacks {@code fit} runs, in order: the progress of {@link #verbose()} (if any), then the given ones. */
  public List<FitCallback> callbacks() {
    return callbacks;
  }

  /** Builder for {@link FitOptions}; each setter checks its argument. */
  public static final class Builder {
    private int epochs = 1;
    private int initialEpoch;
    private int batchSize = 32;
    private boolean shuffle = true;
    private OptionalLong seed = OptionalLong.empty();
    private Dataset validationData;
    private int verbose = 1;
    private List<FitCallback> callbacks = List.of();

    private Builder() {}

    public Builder epochs(int epochs) {
      checkArgument(epochs > 0, "FitOptions: epochs must be positive, got %s", epochs);
      this.epochs = epochs;
      return this;
    }

    /** See {@link FitOptions#initialEpoch()}; must be ≥ 0 and below {@link #epochs(int)} (checked by build). */
    public Builder initialEpoch(int initialEpoch) {
      checkArgument(initialEpoch >= 0, "FitOptions: initialEpoch must be ≥ 0, got %s", initialEpoch);
      this.initialEpoch = initialEpoch;
      return this;
    }

    public Builder batchSize(int batchSize) {
      checkArgument(batchSize > 0, "FitOptions: batchSize must be positive, got %s", batchSize);
      this.batchSize = batchSize;
      return this;
    }

    public Builder shuffle(boolean shuffle) {
      this.shuffle = shuffle;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = OptionalLong.of(seed);
      return this;
    }

    public Builder validationData(Dataset validationData) {
      checkArgument(validationData == null || validationData.hasLabels(),
          "FitOptions: validationData needs labels, got %s", validationData);
      this.validationData = validationData;
      return this;
    }

    /**
     * Keras's {@code verbose}: 0 prints nothing, 1 (the default) {@link Progress#console()}, 2
     * {@link Progress#to(java.io.PrintStream) one line per epoch} on {@code System.out}. Ignored when a {@link Progress} is among the
     * callbacks.
     */
    public Builder verbose(int verbose) {
      checkArgument(verbose >= 0 && verbose <= 2, "FitOptions: verbose must be 0 (silent), 1 (progress bar) or 2"
          + " (one line per epoch), got %s", verbose);
      this.verbose = verbose;
      return this;
    }

    /**
     * Replaces the callbacks. The progress of {@link #verbose(int)} still comes first unless one of them is a
     * {@link Progress} (e.g. {@link Progress#toLog()}).
     */
    public Builder callbacks(FitCallback... callbacks) {
      List<FitCallback> list = new ArrayList<>();
      for (FitCallback c : callbacks) {
        list.add(requireNonNull(c, "FitOptions: callback"));
      }
      this.callbacks = list;
      return this;
    }

    /** No progress output: {@code verbose(0)}. Callbacks given still run. */
    public Builder quiet() {
      return verbose(0);
    }

    public FitOptions build() {
      return new FitOptions(this);
    }
  }
}
