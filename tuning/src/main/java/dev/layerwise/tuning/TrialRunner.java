package dev.layerwise.tuning;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.EpochLogs;
import dev.layerwise.FitCallback;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.TrainingDivergedException;
import dev.layerwise.data.Dataset;
import dev.layerwise.tuning.journal.EpochReported;
import dev.layerwise.tuning.journal.StudyJournal;
import dev.layerwise.tuning.journal.TrialFinished;
import dev.layerwise.tuning.journal.TrialStarted;
import dev.layerwise.tuning.journal.TrialStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one trial of a study, start to finish, recording it in the journal: {@code TrialStarted}, one
 * {@code EpochReported} per epoch, {@code TrialFinished} with its status, final metrics, objective and archive. A
 * fresh trial builds its model with the user's {@link ModelFactory}; a promoted one (successive halving, Hyperband,
 * ASHA) loads the archive of the trial it continues — weights, optimizer slots and step count — and trains the
 * remaining epochs from there. Whatever the trial throws (the factory, a diverged fit, a model that does not fit the
 * data) fails that trial alone with the reason recorded; only a journal that cannot be written stops the study.
 */
final class TrialRunner {
  private static final Logger LOG = LoggerFactory.getLogger(TrialRunner.class);

  /** What every trial of a study shares. */
  record Resources(StudyJournal journal, ModelFactory factory, Dataset train, Dataset validation, Objective objective,
      Backend backend, Path archives) {}

  private final Resources r;

  TrialRunner(Resources resources) {
    this.r = resources;
  }

  /** The journal's id of trial {@code number}. */
  static String trialId(int number) {
    return "t" + number;
  }

  /** The archive trial {@code number} leaves. */
  Path archiveOf(int number) {
    return r.archives().resolve(trialId(number) + ".layerwise");
  }

  /**
   * Runs the trial on this thread and returns what it did for the strategy.
   *
   * @param previousBudget for a continuation, the epochs the continued trial had trained; 0 for a fresh trial
   * @throws JournalWriteException when the journal cannot be written: the study cannot go on without it
   */
  CompletedTrial run(TrialSpec spec, int previousBudget, String worker) {
    String id = trialId(spec.number());
    append(new TrialStarted(id, spec.number(), spec.params().values(), spec.seed(), spec.budgetEpochs(),
        spec.continues().isPresent() ? trialId(spec.continues().getAsInt()) : null, worker, Instant.now()));
    long start = System.nanoTime();
    try {
      ModelFactory.TrialSetup setup = r.factory().build(new TrialContext(spec.number(), spec.params(), spec.seed(),
          r.backend()));
      CompiledModel model = setup.model();
      if (spec.isContinuation()) {
        // the factory gave the batch size; the model to continue is the earlier trial's, optimizer state and all
        model.close();
        model = CompiledModel.load(archiveOf(spec.continues().getAsInt()), r.backend());
      }
      try (CompiledModel m = model) {
        History h = m.fit(r.train(), FitOptions.builder().epochs(spec.budgetEpochs()).initialEpoch(previousBudget)
            .batchSize(setup.batchSize()).seed(spec.seed()).validationData(r.validation()).quiet()
            .callbacks(new Reporter(id)).build());
        double objective = r.objective().of(h);
        Path archive = archiveOf(spec.number());
        Files.createDirectories(archive.getParent());
        m.save(archive);
        Map<String, Double> last = new LinkedHashMap<>(h.epoch(h.epochCount() - 1));
        append(new TrialFinished(id, TrialStatus.DONE, last, objective, null, seconds(start), archive.toString()));
        return new CompletedTrial(spec, r.objective().ranked(objective));
      }
    } catch (JournalWriteException e) {
      throw e;
    } catch (TrainingDivergedException e) {
      return failed(spec, id, start, "diverged at step " + e.step() + " (epoch " + e.epoch() + ", rate "
          + e.learningRate() + "): " + e.reason());
    } catch (Exception e) {
      return failed(spec, id, start, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private CompletedTrial failed(TrialSpec spec, String id, long start, String reason) {
    LOG.info("trial {} failed: {}", id, reason);
    append(new TrialFinished(id, TrialStatus.FAILED, Map.of(), Double.NaN, reason, seconds(start), null));
    return CompletedTrial.failed(spec);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private void append(dev.layerwise.tuning.journal.JournalEvent e) {
    try {
      r.journal().append(e);
    } catch (IOException io) {
      throw new JournalWriteException("study journal " + r.journal().store().location() + ": cannot record "
          + e.kind() + " of trial " + e.trialId(), io);
    }
  }

  /** The journal could not be written: not a trial's failure, the study's. */
  static final class JournalWriteException extends UncheckedIOException {
    JournalWriteException(String message, IOException cause) {
      super(message, cause);
    }
  }

  /** Records every epoch's logs in the journal as it ends (only records: the fit keeps its multi-step calls). */
  private final class Reporter implements FitCallback {
    private final String id;

    Reporter(String id) {
      this.id = id;
    }

    @Override
    public void onEpochEnd(EpochLogs logs) {
      append(new EpochReported(id, logs.epoch(), logs.values()));
    }
  }
}
