package dev.layerwise.tuning;

/**
 * A trial the study has finished, as the strategies see it.
 *
 * @param spec what was run
 * @param objective the validation objective with its direction applied, so higher is better (the study negates a
 *     loss); {@code NaN} when the trial failed, so a failed trial is never among the best nor promoted
 */
public record CompletedTrial(TrialSpec spec, double objective) {
  public CompletedTrial {
    if (spec == null) {
      throw new IllegalArgumentException("a completed trial needs its spec, given null");
    }
  }

  /** A trial that failed (NaN loss, a model-building function that threw): it ranks below every success. */
  public static CompletedTrial failed(TrialSpec spec) {
    return new CompletedTrial(spec, Double.NaN);
  }

  public int number() {
    return spec.number();
  }

  public boolean succeeded() {
    return !Double.isNaN(objective);
  }
}
