package dev.layerwise.tf;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.ConfigProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session settings. Thread pools: on this class of small machine (2 cores) one intra-op and one inter-op thread
 * ran the MLP 1.7× faster than TF's default pools, which oversubscribe the cores; larger machines get one
 * intra-op thread per core. Override with {@code -Dlayerwise.tf.threads=N} (both pools) or
 * {@code -Dlayerwise.tf.intraOpThreads} / {@code -Dlayerwise.tf.interOpThreads}.
 */
final class TfSessions {
  private static final Logger LOG = LoggerFactory.getLogger(TfSessions.class);
  private static volatile boolean versionLogged;

  private TfSessions() {}

  static Session open(Graph graph) {
    if (!versionLogged) {
      versionLogged = true;
      LOG.debug("TensorFlow core {} through TF Java", TensorFlow.version());
    }
    int cores = Runtime.getRuntime().availableProcessors();
    Integer both = Integer.getInteger("layerwise.tf.threads");
    int intra = Integer.getInteger("layerwise.tf.intraOpThreads", both != null ? both : cores <= 2 ? 1 : cores);
    int inter = Integer.getInteger("layerwise.tf.interOpThreads", both != null ? both : cores <= 2 ? 1 : 2);
    ConfigProto config = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intra)
        .setInterOpParallelismThreads(inter)
        .build();
    return new Session(graph, config);
  }
}
