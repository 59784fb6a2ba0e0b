package dev.layerwise;

/**
 * How many threads the models of one configured {@link Backend} may use: {@code intraOp} threads inside one op (a
 * matmul's blocks) and {@code interOp} threads running independent ops side by side. Set it with {@link
 * Backend#withThreads(int)} or {@link Backend#withThreads(int, int)}; every model compiled on that backend instance
 * opens its sessions with it.
 *
 * <p>Why a setting of the backend and not of {@link TrainingConfig}: the right number depends on the machine and on
 * what else runs on it (two trials training side by side on 2 cores want one thread each), not on the model. A
 * {@code TrainingConfig} is saved in the {@code .layerwise} archive and travels to other machines; a configured
 * backend is not saved, and is handed to {@code Model.compile}, {@code CompiledModel.load} and {@code recompile}
 * like any backend, so copies and reloads of a model keep the budget it was compiled with.
 *
 * <p>Values are checked here, before any native code runs: at least 1 and at most {@value #MAX} threads each (more
 * is a typo, not a machine; TF's own "0 = pick for me" is what not setting a budget means).
 *
 * @param intraOp threads inside one op, 1 to {@value #MAX}
 * @param interOp ops run in parallel, 1 to {@value #MAX}
 */
public record ThreadBudget(int intraOp, int interOp) {
  /** The most threads either pool may have. */
  public static final int MAX = 1024;

  public ThreadBudget {
    check("intra-op", intraOp);
    check("inter-op", interOp);
  }

  /** The same number of threads in both pools. */
  public static ThreadBudget of(int threads) {
    return new ThreadBudget(threads, threads);
  }

  private static void check(String pool, int threads) {
    if (threads < 1 || threads > MAX) {
      throw new IllegalArgumentException("thread budget: " + pool + " threads must be between 1 and " + MAX
          + ", got " + threads + (threads == 0 ? " (to let the backend choose, do not set a budget)" : ""));
    }
  }

  @Override
  public String toString() {
    return "intra-op " + intraOp + ", inter-op " + interOp;
  }
}
