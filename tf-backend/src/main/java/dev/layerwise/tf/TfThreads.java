package dev.layerwise.tf;

/**
 * The thread pools every TF session of this backend opens with, and where the numbers came from. Public so a
 * report (the conformance header, a benchmark) can state the setting a run really used, not the one it asked for.
 *
 * <p>On this class of small machine (2 cores) one intra-op and one inter-op thread ran the MLP 1.7× faster than
 * TF's default pools, which oversubscribe the cores; larger machines get one intra-op thread per core and two
 * inter-op threads. {@code -Dlayerwise.tf.threads=N} sets both pools; {@code -Dlayerwise.tf.intraOpThreads} and
 * {@code -Dlayerwise.tf.interOpThreads} set one each and win over it.
 *
 * <p>These are the pools of models compiled on a plain {@code Backend.named("tensorflow")}. A model compiled on
 * {@code Backend.named("tensorflow").withThreads(n)} uses its own budget instead ({@link TfSessions} says what
 * TensorFlow honours per session).
 *
 * @param intraOp threads inside one op (a matmul's blocks)
 * @param interOp ops run in parallel
 * @param source how they were chosen, e.g. {@code -Dlayerwise.tf.threads=1} or {@code default for 2 cores}
 */
public record TfThreads(int intraOp, int interOp, String source) {
  public static final String THREADS = "layerwise.tf.threads";
  public static final String INTRA_OP = "layerwise.tf.intraOpThreads";
  public static final String INTER_OP = "layerwise.tf.interOpThreads";

  public TfThreads {
    if (intraOp < 1 || interOp < 1) {
      throw new IllegalArgumentException("TF thread pools need at least one thread each, got intra-op " + intraOp
          + ", inter-op " + interOp + " (" + source + ")");
    }
  }

  /** The setting sessions open with now, from the system properties and the core count. */
  public static TfThreads configured() {
    int cores = Runtime.getRuntime().availableProcessors();
    Integer both = Integer.getInteger(THREADS);
    Integer intra = Integer.getInteger(INTRA_OP);
    Integer inter = Integer.getInteger(INTER_OP);
    int defaultIntra = both != null ? both : cores <= 2 ? 1 : cores;
    int defaultInter = both != null ? both : cores <= 2 ? 1 : 2;
    StringBuilder source = new StringBuilder();
    if (both != null) {
      source.append("-D").append(THREADS).append('=').append(both);
    }
    if (intra != null) {
      source.append(source.isEmpty() ? "" : ", ").append("-D").append(INTRA_OP).append('=').append(intra);
    }
    if (inter != null) {
      source.append(source.isEmpty() ? "" : ", ").append("-D").append(INTER_OP).append('=').append(inter);
    }
    if (source.isEmpty()) {
      source.append("default for ").append(cores).append(cores == 1 ? " core" : " cores");
    }
    return new TfThreads(intra != null ? intra : defaultIntra, inter != null ? inter : defaultInter,
        source.toString());
  }

  @Override
  public String toString() {
    return "intra-op " + intraOp + ", inter-op " + interOp + " (" + source + ")";
  }
}
