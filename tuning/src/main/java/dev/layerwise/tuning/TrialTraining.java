package dev.layerwise.tuning;

import static java.util.Objects.requireNonNull;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.EpochLogs;
import dev.layerwise.FitCallback;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.TrainingDivergedException;
import dev.layerwise.data.Dataset;
import dev.layerwise.tuning.journal.TrialStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trains one trial where it runs and says what happened, without touching the journal: a fresh trial builds its
 * model with the user's {@link ModelFactory}; a promoted one loads the archive of the trial it continues — weights,
 * optimizer slots and step count — and trains the remaining epochs from there; the model is saved to the
 * {@link ArchiveStore}. Whatever the trial throws (the factory, a diverged fit, a model that does not fit the data,
 * an archive that cannot be written) becomes a failed {@link TrialOutcome} with the reason; only what the epoch
 * listener throws (the local study's journal) goes through.
 *
 * <p>Used by the local workers and, on each Spark executor, by the {@code layerwise-spark} module.
 */
public final class TrialTraining {
  /** Called as each epoch ends, on the training thread. */
  @FunctionalInterface
  public interface EpochListener {
    void epochEnded(int epoch, Map<String, Double> logs);

    /** A listener that does nothing (the epochs still arrive in the outcome). */
    static EpochListener none() {
      return (epoch, logs) -> {};
    }
  }

  /**
   * One trial's inputs.
   *
   * @param spec what to train
   * @param previousBudget for a continuation, the epochs the continued trial had trained; 0 for a fresh trial
   * @param factory builds a fresh trial's model (for a continuation it still gives the batch size)
   * @param train the training data
   * @param validation the data the objective is read on
   * @param objective what the trial is ranked by
   * @param backend the backend to compile and load on
   * @param archives where the trained model goes, and where a continued trial's model is read
   */
  public record Work(TrialSpec spec, int previousBudget, ModelFactory factory, Dataset train, Dataset validation,
      Objective objective, Backend backend, ArchiveStore archives) {
    public Work {
      requireNonNull(spec, "spec");
      requireNonNull(factory, "factory");
      requireNonNull(train, "train");
      requireNonNull(validation, "validation");
      requireNonNull(objective, "objective");
      requireNonNull(backend, "backend");
      requireNonNull(archives, "archives");
    }
  }

  private TrialTraining() {}

  /** The journal's id of trial {@code number}. */
  public static String trialId(int number) {
    return "t" + number;
  }

  /** Trains {@code work} on this thread; never throws for the trial's own failures. */
  public static TrialOutcome run(Work work, EpochListener listener, String worker) {
    TrialSpec spec = work.spec();
    List<Map<String, Double>> epochs = new ArrayList<>();
    long start = System.nanoTime();
    try {
      ModelFactory.TrialSetup setup = work.factory().build(new TrialContext(spec.number(), spec.params(),
          spec.seed(), work.backend()));
      CompiledModel model = setup.model();
      if (spec.isContinuation()) {
        // the factory gave the batch size; the model to continue is the earlier trial's, optimizer state and all
        model.close();
        model = work.archives().load(trialId(spec.continues().getAsInt()), work.backend());
      }
      try (CompiledModel m = model) {
        History h = m.fit(work.train(), FitOptions.builder().epochs(spec.budgetEpochs())
            .initialEpoch(work.previousBudget()).batchSize(setup.batchSize()).seed(spec.seed())
            .validationData(work.validation()).quiet().callbacks(new Recorder(epochs, listener)).build());
        double objective = work.objective().of(h);
        String archive = work.archives().save(m, trialId(spec.number()));
        // the history's logs, in fit's order of metrics (an epoch's logs are an unordered map)
        List<Map<String, Double>> ordered = new ArrayList<>();
        for (int i = 0; i < h.epochCount(); i++) {
          ordered.add(h.epoch(i));
        }
        return new TrialOutcome(TrialStatus.DONE, work.previousBudget(), ordered, objective, null, seconds(start),
            archive, worker);
      }
    } catch (ListenerFailure e) {
      throw e.getCause();
    } catch (TrainingDivergedException e) {
      return TrialOutcome.failed(work.previousBudget(), epochs, "diverged at step " + e.step() + " (epoch "
          + e.epoch() + ", rate " + e.learningRate() + "): " + e.reason(), seconds(start), worker);
    } catch (Exception | LinkageError e) {
      // LinkageError: a factory compiled against classes the worker lacks (a jar not shipped to the executors)
      return TrialOutcome.failed(work.previousBudget(), epochs, e.getClass().getSimpleName() + ": " + e.getMessage(),
          seconds(start), worker);
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  /** Keeps every epoch's logs for the outcome and passes them to the listener as they come. */
  private record Recorder(List<Map<String, Double>> epochs, EpochListener listener) implements FitCallback {
    @Override
    public void onEpochEnd(EpochLogs logs) {
      epochs.add(logs.values());
      try {
        listener.epochEnded(logs.epoch(), logs.values());
      } catch (RuntimeException e) {
        throw new ListenerFailure(e);
      }
    }
  }

  /** What the listener threw, carried through fit so that it is not mistaken for the trial's failure. */
  private static final class ListenerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ListenerFailure(RuntimeException cause) {
      super(cause);
    }

    @Override
    public synchronized RuntimeException getCause() {
      return (RuntimeException) super.getCause();
    }
  }
}
