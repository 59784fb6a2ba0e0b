package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.data.DataSource;
import dev.layerwise.data.Dataset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * How {@code fit} runs: epochs (and the epoch to resume from), batch size, shuffling, validation data (given or
 * split off), class weights and callbacks. Built once, reusable.
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
  private final DataSource validationSource;
  private final OptionalDouble validationSplit;
  private final Map<Integer, Double> classWeight;
  private final int verbose;
  private final List<FitCallback> callbacks;
  private final int stepsPerExecution;

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
    this.validationSource = b.validationSource;
    this.validationSplit = b.validationSplit;
    this.classWeight = b.classWeight;
    this.verbose = b.verbose;
    this.callbacks = withProgress(b.callbacks, b.verbose);
    this.stepsPerExecution = b.stepsPerExecution;
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
   * the loop may run several steps in one backend call ({@link #stepsPerExecution()}) and call the batch hooks of
   * each step after it.
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

  /** Validation data read from a source after every epoch, a batch at a time, or {@code null}. */
  public DataSource validationSource() {
    return validationSource;
  }

  /**
   * The fraction of the data held out for validation, if set: the last samples, taken before shuffling, as Keras's
   * {@code validation_split}.
   */
  public OptionalDouble validationSplit() {
    return validationSplit;
  }

  /** The weight of each class's samples in the training loss (Keras's {@code class_weight}); empty: none. */
  public Map<Integer, Double> classWeight() {
    return classWeight;
  }

  /** 0 silent, 1 a live bar on a terminal (else a line per epoch), 2 a line per epoch; Keras's {@code verbose}. */
  public int verbose() {
    return verbose;
  }

  /**
   * How many training steps one backend call may run (Keras's {@code steps_per_execution}): {@link #AUTO} (0, the
   * default) lets the loop choose from the model's arithmetic per step ({@link History#stepsPerExecution()} says
   * what it chose), 1 runs every step alone, K &gt; 1 asks for K. Whatever is asked, the loop runs one step per call
   * when a callback {@linkplain FitCallback#needsEveryStep() needs every step}, when the data is a
   * {@link DataSource}, or when the backend has no multi-step mode (the reference backend). The results do not
   * depend on it: each step is the step a single call takes.
   */
  public int stepsPerExecution() {
    return stepsPerExecution;
  }

  /** {@link #stepsPerExecution()}'s default: the loop chooses. */
  public static final int AUTO = 0;

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
    private DataSource validationSource;
    private OptionalDouble validationSplit = OptionalDouble.empty();
    private Map<Integer, Double> classWeight = Map.of();
    private int verbose = 1;
    private List<FitCallback> callbacks = List.of();
    private int stepsPerExecution = AUTO;

    private Builder() {}

    /** See {@link FitOptions#stepsPerExecution()}: {@link FitOptions#AUTO}, 1, or K &gt; 1 steps per backend call. */
    public Builder stepsPerExecution(int steps) {
      checkArgument(steps >= 0, "FitOptions: stepsPerExecution must be 0 (AUTO: the loop chooses), 1 (every step"
          + " alone) or the steps per call K > 1, got %s", steps);
      this.stepsPerExecution = steps;
      return this;
    }

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
      this.validationSource = null;
      return this;
    }

    /**
     * Validation data too large for memory, evaluated after every epoch a batch at a time, in order; it replaces a
     * {@link Dataset} given before. {@code fit} reads its first sample (or shard) before training starts, to check it
     * against the model.
     */
    public Builder validationData(DataSource validationData) {
      this.validationSource = validationData;
      this.validationData = null;
      return this;
    }

    /**
     * Holds out the last {@code fraction} of the samples (and their sample weights) as validation data, as Keras's
     * {@code validation_split}: the first {@code floor(n·(1 − fraction))} samples train, the rest are evaluated after
     * every epoch (logged as {@code val_*}). The split is taken before shuffling, so the validation samples are
     * exactly the last ones, every epoch. Both parts must hold at least one sample ({@code fit} checks, knowing
     * n); it cannot be combined with {@link #validationData}.
     *
     * @param fraction in (0, 1)
     */
    public Builder validationSplit(double fraction) {
      checkArgument(fraction > 0 && fraction < 1, "FitOptions: validationSplit must be in (0, 1), got %s",
          fraction);
      this.validationSplit = OptionalDouble.of(fraction);
      return this;
    }

    /**
     * Weights each training sample's loss by the weight of its class, Keras's {@code class_weight}: a sample's class
     * is its sparse label, the index of its one-hot label's largest value, or its 0/1 label for a binary output
     * (rounded, as Keras). A class left out weighs 1. Validation is not weighted by class (as in Keras). Only for a
     * model with one output, and not together with a dataset's own sample weights; {@code fit} refuses a class the
     * output does not have.
     *
     * @param weights class index (≥ 0) → weight (finite, ≥ 0)
     */
    public Builder classWeight(Map<Integer, Double> weights) {
      requireNonNull(weights, "FitOptions: classWeight");
      Map<Integer, Double> copy = new TreeMap<>();
      weights.forEach((c, w) -> {
        checkArgument(c != null && c >= 0, "FitOptions: classWeight keys are class indices ≥ 0, got %s", c);
        checkArgument(w != null && w >= 0 && Double.isFinite(w), "FitOptions: classWeight of class %s must be"
            + " finite and ≥ 0, got %s", c, w);
        copy.put(c, w);
      });
      this.classWeight = Collections.unmodifiableMap(copy);
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
      Object validation = validationData != null ? validationData
          : validationSource == null ? null : validationSource.description();
      checkArgument(validation == null || validationSplit.isEmpty(), "FitOptions: give validationData or"
          + " validationSplit, not both; got validationData %s and validationSplit %s", validation,
          validationSplit.isPresent() ? validationSplit.getAsDouble() : null);
      return new FitOptions(this);
    }
  }
}
