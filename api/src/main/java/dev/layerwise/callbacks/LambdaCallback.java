package dev.layerwise.callbacks;

import static java.util.Objects.requireNonNull;

import dev.layerwise.BatchLogs;
import dev.layerwise.EpochLogs;
import dev.layerwise.FitCallback;
import dev.layerwise.FitContext;
import dev.layerwise.History;
import java.util.function.Consumer;

/**
 * A callback made of lambdas, one per hook (Keras's {@code LambdaCallback}); hooks without one do nothing.
 *
 * <pre>{@code
 * LambdaCallback log = LambdaCallback.builder()
 *     .onEpochEnd(logs -> System.out.println(logs.epoch() + ": " + logs.get("loss")))
 *     .build();
 * }</pre>
 *
 * <p>It {@linkplain FitCallback#needsEveryStep() needs every step} exactly when a batch lambda is set.
 */
public final class LambdaCallback implements FitCallback {
  /** A lambda for {@link FitCallback#onBatchBegin}. */
  @FunctionalInterface
  public interface BatchBegin {
    void accept(int epoch, int step, int steps);
  }

  /** A lambda for {@link FitCallback#onEpochBegin}. */
  @FunctionalInterface
  public interface EpochBegin {
    void accept(int epoch, int epochs);
  }

  private final Builder b;

  private LambdaCallback(Builder b) {
    this.b = b.copy();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void onTrainBegin(FitContext context) {
    b.trainBegin.accept(context);
  }

  @Override
  public void onEpochBegin(int epoch, int epochs) {
    b.epochBegin.accept(epoch, epochs);
  }

  @Override
  public void onBatchBegin(int epoch, int step, int steps) {
    b.batchBegin.accept(epoch, step, steps);
  }

  @Override
  public void onBatchEnd(BatchLogs logs) {
    b.batchEnd.accept(logs);
  }

  @Override
  public void onEpochEnd(EpochLogs logs) {
    b.epochEnd.accept(logs);
  }

  @Override
  public void onTrainEnd(History history) {
    b.trainEnd.accept(history);
  }

  @Override
  public boolean needsEveryStep() {
    return b.batchLambda;
  }

  /** Each setter replaces that hook's lambda. */
  public static final class Builder {
    private Consumer<FitContext> trainBegin = c -> {};
    private EpochBegin epochBegin = (e, n) -> {};
    private BatchBegin batchBegin = (e, s, n) -> {};
    private Consumer<BatchLogs> batchEnd = l -> {};
    private Consumer<EpochLogs> epochEnd = l -> {};
    private Consumer<History> trainEnd = h -> {};
    private boolean batchLambda;

    private Builder() {}

    private Builder copy() {
      Builder c = new Builder();
      c.trainBegin = trainBegin;
      c.epochBegin = epochBegin;
      c.batchBegin = batchBegin;
      c.batchEnd = batchEnd;
      c.epochEnd = epochEnd;
      c.trainEnd = trainEnd;
      c.batchLambda = batchLambda;
      return c;
    }

    public Builder onTrainBegin(Consumer<FitContext> f) {
      trainBegin = requireNonNull(f, "LambdaCallback: onTrainBegin");
      return this;
    }

    public Builder onEpochBegin(EpochBegin f) {
      epochBegin = requireNonNull(f, "LambdaCallback: onEpochBegin");
      return this;
    }

    public Builder onBatchBegin(BatchBegin f) {
      batchBegin = requireNonNull(f, "LambdaCallback: onBatchBegin");
      batchLambda = true;
      return this;
    }

    public Builder onBatchEnd(Consumer<BatchLogs> f) {
      batchEnd = requireNonNull(f, "LambdaCallback: onBatchEnd");
      batchLambda = true;
      return this;
    }

    public Builder onEpochEnd(Consumer<EpochLogs> f) {
      epochEnd = requireNonNull(f, "LambdaCallback: onEpochEnd");
      return this;
    }

    public Builder onTrainEnd(Consumer<History> f) {
      trainEnd = requireNonNull(f, "LambdaCallback: onTrainEnd");
      return this;
    }

    public LambdaCallback build() {
      return new LambdaCallback(this);
    }
  }
}
