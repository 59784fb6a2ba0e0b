package dev.layerwise.schedules;

import java.util.Arrays;

/**
 * Step decay: {@code values[0]} while {@code s ≤ boundaries[0]}, {@code values[i]} while
 * {@code boundaries[i−1] < s ≤ boundaries[i]}, and the last value after the last boundary (Keras's
 * {@code PiecewiseConstantDecay}). Needs one more value than boundaries; boundaries strictly increasing.
 */
public record PiecewiseConstantDecay(long[] boundaries, double[] values) implements LearningRateSchedule {
  public PiecewiseConstantDecay {
    boundaries = boundaries.clone();
    values = values.clone();
    if (values.length != boundaries.length + 1) {
      throw new IllegalArgumentException("PiecewiseConstantDecay: needs one more value than boundaries, got "
          + boundaries.length + " boundaries and " + values.length + " values");
    }
    for (int i = 0; i < boundaries.length; i++) {
      if (boundaries[i] < 0 || i > 0 && boundaries[i] <= boundaries[i - 1]) {
        throw new IllegalArgumentException("PiecewiseConstantDecay: boundaries must be non-negative and strictly"
            + " increasing, got " + Arrays.toString(boundaries));
      }
    }
    for (int i = 0; i < values.length; i++) {
      LearningRateSchedule.checkRate("PiecewiseConstantDecay", "values[" + i + "]", values[i]);
    }
  }

  @Override
  public double at(long step) {
    int i = 0;
    while (i < boundaries.length && step > boundaries[i]) {
      i++;
    }
    return values[i];
  }

  @Override
  public long[] boundaries() {
    return boundaries.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PiecewiseConstantDecay p && Arrays.equals(boundaries, p.boundaries)
        && Arrays.equals(values, p.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(boundaries) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "PiecewiseConstantDecay[boundaries=" + Arrays.toString(boundaries) + ", values=" + Arrays.toString(values)
        + "]";
  }
}
