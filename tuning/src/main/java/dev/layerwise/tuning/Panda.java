package dev.layerwise.tuning;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.EpochLogs;
import dev.layerwise.FitCallback;
import dev.layerwise.FitContext;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.data.Dataset;
import dev.layerwise.tuning.journal.EpochReported;
import dev.layerwise.tuning.journal.Intervention;
import dev.layerwise.tuning.journal.JournalEvent;
import dev.layerwise.tuning.journal.LocalJournalStore;
import dev.layerwise.tuning.journal.StudyCreated;
import dev.layerwise.tuning.journal.StudyJournal;
import dev.layerwise.tuning.journal.TrialFinished;
import dev.layerwise.tuning.journal.TrialStarted;
import dev.layerwise.tuning.journal.TrialStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The panda: babysitting one model. Train some epochs, look at the curves, change the learning rate (or the batch
 * size), train on — each epoch and each change recorded in the study's journal, so the trial's curve shows where the
 * interventions were. The model is saved after every {@link #train} call, so a babysat run can be left and picked
 * up later.
 *
 * <pre>{@code
 * try (Panda panda = Panda.start(Path.of("target/panda"), params, factory, train, validation,
 *     Objective.maximize("val_accuracy"), backend)) {
 *   panda.train(3);
 *   panda.setLearningRate(1e-4, "val_loss flat since epoch 2");
 *   panda.train(2);
 *   panda.finish();
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one person babysits.
 */
public final class Panda implements AutoCloseable {
  static final String ID = "panda";

  private final StudyJournal journal;
  private final CompiledModel model;
  private final Dataset train;
  private final Dataset validation;
  private final Objective objective;
  private final Path archive;
  private final long seed;
  private int batchSize;
  private double learningRate = Double.NaN;
  private int epochs;
  private History last;
  private boolean finished;

  private Panda(StudyJournal journal, CompiledModel model, int batchSize, Dataset train, Dataset validation,
      Objective objective, Path archive, long seed) {
    this.journal = journal;
    this.model = model;
    this.batchSize = batchSize;
    this.train = train;
    this.validation = validation;
    this.objective = objective;
    this.archive = archive;
    this.seed = seed;
  }

  /**
   * Starts babysitting in {@code dir} (a new study of one trial): builds the model with the factory.
   *
   * @throws IllegalStateException when {@code dir} already holds a study
   */
  public static Panda start(Path dir, Hyperparameters params, ModelFactory factory, Dataset train,
      Dataset validation, Objective objective, Backend backend) throws Exception {
    requireNonNull(params, "Panda: params");
    StudyJournal journal = StudyJournal.create(new LocalJournalStore(dir.resolve("journal")), new StudyCreated(
        "panda", "panda: one model babysat", objective.key(), objective.higherIsBetter()
        ? StudyCreated.Direction.MAXIMIZE : StudyCreated.Direction.MINIMIZE, 0, Instant.now()));
    ModelFactory.TrialSetup setup = factory.build(new TrialContext(0, params, 0, backend));
    Panda p = new Panda(journal, setup.model(), setup.batchSize(), train, validation, objective,
        dir.resolve("panda.layerwise"), 0);
    p.append(new TrialStarted(ID, 0, params.values(), 0, 1, null, "panda", Instant.now()));
    return p;
  }

  /** Trains {@code n} more epochs (recorded one by one), then saves the model; returns this call's history. */
  public History train(int n) {
    checkArgument(n >= 1, "Panda.train: need at least 1 epoch, got %s", n);
    checkState(!finished, "Panda: the run is finished");
    List<FitCallback> callbacks = new java.util.ArrayList<>();
    callbacks.add(new FitCallback() {
      @Override
      public void onTrainBegin(FitContext context) {
        if (!Double.isNaN(learningRate)) {
          context.setBaseLearningRate(learningRate);
        }
      }

      @Override
      public boolean needsEveryStep() {
        return false;
      }

      @Override
      public void onEpochEnd(EpochLogs logs) {
        append(new EpochReported(ID, logs.epoch(), logs.values()));
      }
    });
    last = model.fit(train, FitOptions.builder().epochs(epochs + n).initialEpoch(epochs).batchSize(batchSize)
        .seed(seed).validationData(validation).quiet().callbacks(callbacks.toArray(FitCallback[]::new)).build());
    epochs += n;
    model.save(archive);
    return last;
  }

  /** From now on every step uses {@code rate} (the optimizer's schedule is replaced); recorded with the note. */
  public void setLearningRate(double rate, String note) {
    checkArgument(rate > 0 && Double.isFinite(rate), "Panda.setLearningRate: need a finite rate > 0, got %s", rate);
    learningRate = rate;
    intervene(Map.of("learning_rate", rate), note);
  }

  /** From now on fit at {@code batchSize}; recorded with the note. */
  public void setBatchSize(int size, String note) {
    checkArgument(size >= 1, "Panda.setBatchSize: need a batch size ≥ 1, got %s", size);
    batchSize = size;
    intervene(Map.of("batch_size", size), note);
  }

  private void intervene(Map<String, Object> changes, String note) {
    checkState(!finished, "Panda: the run is finished");
    append(new Intervention(ID, epochs, new LinkedHashMap<>(changes), requireNonNull(note, "note")));
  }

  /**
   * The run's curves so far — the journal's per-epoch training and validation loss — with a dashed line after each
   * epoch where something was changed: how the interventions show.
   */
  public org.knowm.xchart.XYChart chart() {
    try {
      var t = journal.replay().trial(ID);
      Map<String, double[]> series = new LinkedHashMap<>();
      for (String key : List.of("loss", "val_loss")) {
        series.put(key, t.curve().stream().mapToDouble(e -> e.metrics().getOrDefault(key, Double.NaN)).toArray());
      }
      return StudyCharts.curvesWithInterventions("The panda's run", series, t.interventions());
    } catch (IOException e) {
      throw new UncheckedIOException("panda journal " + journal.store().location() + ": " + e.getMessage(), e);
    }
  }

  /** The epochs trained so far. */
  public int epochs() {
    return epochs;
  }

  /** The model being babysat (evaluate it, look at it; the panda closes it). */
  public CompiledModel model() {
    return model;
  }

  /** Ends the run: records it as done with the objective of the last {@link #train} call's best epoch. */
  public void finish() {
    checkState(last != null, "Panda.finish: train at least once first");
    checkState(!finished, "Panda: the run is finished");
    Map<String, Double> metrics = new LinkedHashMap<>(last.epoch(last.epochCount() - 1));
    append(new TrialFinished(ID, TrialStatus.DONE, metrics, objective.of(last), null, 0, archive.toString()));
    finished = true;
  }

  private void append(JournalEvent e) {
    try {
      journal.append(e);
    } catch (IOException io) {
      throw new UncheckedIOException("panda journal " + journal.store().location() + ": cannot record "
          + e.kind(), io);
    }
  }

  /** Closes the model (the journal and the archive stay). */
  @Override
  public void close() {
    model.close();
  }
}
