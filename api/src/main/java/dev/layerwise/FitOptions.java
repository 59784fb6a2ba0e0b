package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * How {@code fit} runs: epochs, batch size, shuffling, validation data and callbacks. Built once, reusable.
 *
 * <pre>{@code
 * FitOptions options = FitOptions.builder()
 *     .epochs(5).batchSize(32).validationData(test)
 *     .callbacks(Progress.to(System.out))
 *     .build();
 * }</pre>
 *
 * <p>Defaults are Keras's: 1 epoch, batch size 32, shuffled every epoch, no validation, progress logged through
 * SLF4J ({@link Progress#toLog()}) unless other callbacks are given.
 */
public final class FitOptions {
  private final int epochs;
  private final int batchSize;
  private final boolean shuffle;
  private final OptionalLong seed;
  private final Dataset validationData;
  private final List<FitCallback> callbacks;

  private FitOptions(Builder b) {
    this.epochs = b.epochs;
    this.batchSize = b.batchSize;
    this.shuffle = b.shuffle;
    this.seed = b.seed;
    this.validationData = b.validationData;
    this.callbacks = b.callbacks == null ? List.of(Progress.toLog()) : List.copyOf(b.callbacks);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code epochs} epochs at {@code batchSize}, everything else default. */
  public static FitOptions of(int epochs, int batchSize) {
    return builder().epochs(epochs).batchSize(batchSize).build();
  }

  public int epochs() {
    return epochs;
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

  public List<FitCallback> callbacks() {
    return callbacks;
  }

  /** Builder for {@link FitOptions}; each setter checks its argument. */
  public static final class Builder {
    private int epochs = 1;
    private int batchSize = 32;
    private boolean shuffle = true;
    private OptionalLong seed = OptionalLong.empty();
    private Dataset validationData;
    private List<FitCallback> callbacks;

    private Builder() {}

    public Builder epochs(int epochs) {
      checkArgument(epochs > 0, "FitOptions: epochs must be positive, got %s", epochs);
      this.epochs = epochs;
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

    /** Replaces the callbacks (and the default logging progress); pass none for a silent fit. */
    public Builder callbacks(FitCallback... callbacks) {
      List<FitCallback> list = new ArrayList<>();
      for (FitCallback c : callbacks) {
        list.add(requireNonNull(c, "FitOptions: callback"));
      }
      this.callbacks = list;
      return this;
    }

    /** No output at all. */
    public Builder quiet() {
      this.callbacks = List.of();
      return this;
    }

    public FitOptions build() {
      return new FitOptions(this);
    }
  }
}
