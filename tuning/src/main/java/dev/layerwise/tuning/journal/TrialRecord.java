package dev.layerwise.tuning.journal;

import java.util.List;
import java.util.Map;

/**
 * One trial as a replayed journal tells it: how it started, its curve, the interventions on it and how it ended.
 *
 * @param start the trial's (latest) start: parameters, seed, budget
 * @param attempts how many times it was started: more than 1 when a resumed study reran it after a crash
 * @param curve the epochs of its latest attempt, in the order reported (a re-reported epoch replaces the old)
 * @param interventions the panda's changes during its latest attempt, in order; each says after which epoch
 * @param finish how it ended, or {@code null} while it is {@link TrialStatus#RUNNING}
 */
public record TrialRecord(TrialStarted start, int attempts, List<EpochReported> curve,
    List<Intervention> interventions, TrialFinished finish) {
  public TrialRecord {
    curve = List.copyOf(curve);
    interventions = List.copyOf(interventions);
  }

  public String trialId() {
    return start.trialId();
  }

  public Map<String, Object> params() {
    return start.params();
  }

  public long seed() {
    return start.seed();
  }

  /** {@link TrialStatus#RUNNING} until it finished; a running trial in a crashed study is to be rerun. */
  public TrialStatus status() {
    return finish == null ? TrialStatus.RUNNING : finish.status();
  }

  /** The final metrics, empty while running. */
  public Map<String, Double> finalMetrics() {
    return finish == null ? Map.of() : finish.metrics();
  }

  /** The objective it is ranked by, NaN while running or when it failed. */
  public double objective() {
    return finish == null ? Double.NaN : finish.objective();
  }
}
