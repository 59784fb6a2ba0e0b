package dev.layerwise.tuning;

import java.util.concurrent.CompletableFuture;

/**
 * Where a study's trials run. The study's loop (the driver) asks the strategy for trials and hands each to
 * {@link #launch}; the launcher trains it somewhere — a thread of this JVM ({@code Study}'s local workers), a Spark
 * task (the {@code layerwise-spark} module) — and completes the future once the trial's end is in the journal.
 *
 * <p>Contract: the future completes normally for every trial that ran, succeeded or failed (a failed trial is a
 * {@link CompletedTrial} with a NaN objective); it completes exceptionally only when the study cannot go on (the
 * journal cannot be written), and then the loop stops.
 */
public interface TrialLauncher extends AutoCloseable {
  /**
   * Starts a trial and returns at once.
   *
   * @param previousBudget for a continuation, the epochs the continued trial trained; 0 for a fresh trial
   */
  CompletableFuture<CompletedTrial> launch(TrialSpec spec, int previousBudget);

  /** How many trials may run at once: asynchronous searches keep this many busy. */
  int slots();

  /** Stops what is still running (after an error) and frees the launcher's threads. */
  @Override
  void close();
}
