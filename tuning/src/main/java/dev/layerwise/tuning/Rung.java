package dev.layerwise.tuning;

/**
 * One rung of successive halving: {@code trials} models trained to a total of {@code epochs} epochs (the paper's
 * n_i and r_i).
 */
public record Rung(int trials, int epochs) {
  public Rung {
    if (trials < 1 || epochs < 1) {
      throw new IllegalArgumentException(
          "rung: expected ≥ 1 trial and ≥ 1 epoch, given " + trials + " trials of " + epochs + " epochs");
    }
  }
}
