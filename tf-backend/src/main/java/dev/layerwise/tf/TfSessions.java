package dev.layerwise.tf;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.ConfigProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens sessions with the thread pools of {@link TfThreads#configured()}. */
final class TfSessions {
  private static final Logger LOG = LoggerFactory.getLogger(TfSessions.class);
  private static volatile boolean versionLogged;

  private TfSessions() {}

  static Session open(Graph graph) {
    if (!versionLogged) {
      versionLogged = true;
      LOG.debug("TensorFlow core {} through TF Java; thread pools {}", TensorFlow.version(), TfThreads.configured());
    }
    TfThreads threads = TfThreads.configured();
    ConfigProto config = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(threads.intraOp())
        .setInterOpParallelismThreads(threads.interOp())
        .build();
    return new Session(graph, config);
  }
}
