package dev.layerwise.tuning;

import java.util.ArrayList;
import java.util.List;

/**
 * One run of successive halving: rungs of fewer trials trained longer; the best {@code rungs[i+1].trials} of rung
 * i continue to rung i + 1.
 *
 * <p>Hyperband (Li et al. 2018, Algorithm 1) with maximum budget R epochs and η: s_max = ⌊log_η R⌋, B = (s_max +
 * 1) R, and for s = s_max..0 a bracket with n = ⌈(B / R) η^s / (s + 1)⌉ trials at r = R η^−s epochs; rung i of it
 * has n_i = ⌊n η^−i⌋ trials at r_i = r η^i epochs. Each bracket spends about B epochs; the brackets trade many
 * trials stopped early (s = s_max, aggressive) against few trials trained fully (s = 0, plain random search),
 * because one cannot know in advance how early a curve tells the good from the bad. Epochs are whole: r_i =
 * ⌊R / η^(s−i)⌋, exact when R is a power of η.
 *
 * @param s the bracket's index (its number of halvings)
 * @param rungs n_i and r_i, i = 0..s
 */
public record Bracket(int s, List<Rung> rungs) {
  public Bracket {
    rungs = List.copyOf(rungs);
    if (rungs.isEmpty()) {
      throw new IllegalArgumentException("bracket " + s + ": expected at least one rung, given none");
    }
    for (int i = 1; i < rungs.size(); i++) {
      if (rungs.get(i).trials() > rungs.get(i - 1).trials() || rungs.get(i).epochs() <= rungs.get(i - 1).epochs()) {
        throw new IllegalArgumentException("bracket " + s + ": expected rungs of no more trials and more epochs "
            + "than the rung before, given " + rungs);
      }
    }
  }

  /** Hyperband's brackets for a maximum of {@code maxEpochs} epochs, s = s_max first. */
  public static List<Bracket> hyperband(int maxEpochs, int eta) {
    checkHyperband(maxEpochs, eta);
    int sMax = 0;
    while (pow(eta, sMax + 1) <= maxEpochs) {
      sMax++;
    }
    List<Bracket> brackets = new ArrayList<>();
    for (int s = sMax; s >= 0; s--) {
      long n = Math.floorDiv((long) (sMax + 1) * pow(eta, s) + s, s + 1); // ⌈(s_max + 1) η^s / (s + 1)⌉
      List<Rung> rungs = new ArrayList<>();
      for (int i = 0; i <= s; i++) {
        rungs.add(new Rung((int) (n / pow(eta, i)), (int) (maxEpochs / pow(eta, s - i))));
      }
      brackets.add(new Bracket(s, rungs));
    }
    return brackets;
  }

  /** Successive halving from {@code trials} trials of {@code minEpochs}, η× the epochs and 1/η the trials a rung. */
  public static Bracket halving(int trials, int minEpochs, int eta) {
    checkHyperband(minEpochs, eta);
    List<Rung> rungs = new ArrayList<>();
    for (int i = 0; trials / pow(eta, i) >= 1; i++) {
      rungs.add(new Rung((int) (trials / pow(eta, i)), Math.toIntExact(minEpochs * pow(eta, i))));
    }
    return new Bracket(rungs.size() - 1, rungs);
  }

  /** Trials in all rungs (a promoted trial counts once per rung). */
  public int trialCount() {
    return rungs.stream().mapToInt(Rung::trials).sum();
  }

  /** Epochs trained when promoted trials continue from their checkpoints: Σ n_i (r_i − r_{i−1}). */
  public long plannedEpochs() {
    long total = 0;
    int before = 0;
    for (Rung r : rungs) {
      total += (long) r.trials() * (r.epochs() - before);
      before = r.epochs();
    }
    return total;
  }

  static long pow(int eta, int k) {
    long p = 1;
    for (int i = 0; i < k; i++) {
      p = Math.multiplyExact(p, eta);
    }
    return p;
  }

  private static void checkHyperband(int epochs, int eta) {
    if (epochs < 1) {
      throw new IllegalArgumentException("successive halving: expected epochs ≥ 1, given " + epochs);
    }
    if (eta < 2) {
      throw new IllegalArgumentException("successive halving: expected η ≥ 2 (keep the top 1/η), given " + eta);
    }
  }
}
