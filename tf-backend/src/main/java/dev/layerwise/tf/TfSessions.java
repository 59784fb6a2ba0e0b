package dev.layerwise.tf;

import dev.layerwise.ThreadBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.ConfigProto;

/**
 * Opens sessions with the thread pools of a model's {@link ThreadBudget} ({@code Backend.withThreads}) or, for a
 * model without one, of {@link TfThreads#configured()} (the JVM-wide {@code -Dlayerwise.tf.threads}).
 *
 * <p>What TensorFlow (2.x, the core TF Java 1.1.0 loads) does with the two numbers, read in its source:
 * <ul>
 *   <li><b>Inter-op</b> ({@code tensorflow/core/common_runtime/direct_session.cc}, the {@code DirectSession}
 *       constructor): a session with {@code session_inter_op_thread_pool} entries or with
 *       {@code use_per_session_threads} gets its own pool, built from its own options and deleted with it; any
 *       other session shares {@code GlobalThreadPool(options)} ({@code process_util.cc}), a function-local static
 *       built once from the options of the <em>first</em> session of the process. So a budgeted session sets
 *       {@code use_per_session_threads}: without it, its inter-op number would be ignored whenever another
 *       session came first.</li>
 *   <li><b>Intra-op</b> ({@code tensorflow/core/common_runtime/local_device.cc}, {@code LocalDevice}'s
 *       constructor): every session creates its own CPU device, but the device's Eigen pool (which runs the
 *       kernels' inner loops, oneDNN's included) is the static {@code global_tp_info_[0]}, built from the options
 *       of the first session that creates a CPU device, unless {@code use_global_threadpool_} is false. The only
 *       switch that clears it is the environment variable {@code TF_OVERRIDE_GLOBAL_THREADPOOL=true}, read once
 *       per process ({@code OverrideGlobalThreadPoolFromEnvironment}); there is no {@code ConfigProto} field for
 *       it and TF Java cannot set an environment variable after start-up. So a budget's intra-op count is honoured
 *       per session only in a JVM started with that variable (and {@link #intraOpPerSession()} says so); otherwise
 *       all sessions share one intra-op pool sized by whichever session came first. {@code config.proto} documents
 *       the same ("there is exactly one intra op thread pool per process ... The first session created determines
 *       the number of threads in this pool").</li>
 * </ul>
 */
final class TfSessions {
  /** The environment variable that gives every session its own intra-op pool (see the class comment). */
  static final String OVERRIDE_GLOBAL_THREADPOOL = "TF_OVERRIDE_GLOBAL_THREADPOOL";
  private static final Logger LOG = LoggerFactory.getLogger(TfSessions.class);
  private static volatile boolean versionLogged;
  private static volatile boolean sharedIntraOpLogged;

  private TfSessions() {}

  /** A session on {@code graph} with {@code budget}'s pools, or the JVM-wide ones when it is {@code null}. */
  static Session open(Graph graph, ThreadBudget budget) {
    return open(graph, budget, config(budget));
  }

  /** {@link #open(Graph, ThreadBudget)} with the options {@link #config} made for {@code budget}. */
  static Session open(Graph graph, ThreadBudget budget, ConfigProto config) {
    if (!versionLogged) {
      versionLogged = true;
      LOG.debug("TensorFlow core {} through TF Java; thread pools {}, intra-op pool per session: {}",
          TensorFlow.version(), TfThreads.configured(), intraOpPerSession());
    }
    if (budget != null && !intraOpPerSession() && !sharedIntraOpLogged) {
      sharedIntraOpLogged = true;
      LOG.info("thread budget {}: the inter-op pool is this model's own, but TensorFlow shares one intra-op pool"
          + " per process, sized by the first session, unless the JVM starts with {}=true", budget,
          OVERRIDE_GLOBAL_THREADPOOL);
    }
    return new Session(graph, config);
  }

  /** The session options of {@link #open}; package-private so tests can read what a session was given. */
  static ConfigProto config(ThreadBudget budget) {
    if (budget == null) {
      TfThreads threads = TfThreads.configured();
      return ConfigProto.newBuilder()
          .setIntraOpParallelismThreads(threads.intraOp())
          .setInterOpParallelismThreads(threads.interOp())
          .build();
    }
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(budget.intraOp())
        .setInterOpParallelismThreads(budget.interOp())
        .setUsePerSessionThreads(true)
        .build();
  }

  /** Whether this process gives each session its own intra-op pool ({@code TF_OVERRIDE_GLOBAL_THREADPOOL}). */
  static boolean intraOpPerSession() {
    String v = System.getenv(OVERRIDE_GLOBAL_THREADPOOL);
    return v != null && (v.equalsIgnoreCase("true") || v.equals("1"));
  }
}
