package dev.layerwise.bench;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * The arithmetic rate the FLOP floor divides by: a 1024 × 1024 by 1024 × 1024 float32 MatMul in TF (2·1024³
 * FLOPs) on operands resident in the session, only a scalar fetched, with the benchmark's thread count. The
 * fastest of 15 runs after 3 warm-ups: the machine is shared, and the floor is what the hardware can do.
 */
final class MatMulRate {
  private static final int N = 1024;

  private MatMulRate() {}

  /** FLOP/s. */
  static double measure(int threads) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Ops init = tf.withInitScope();
      Variable<TFloat32> a = init.variable(init.random.randomUniform(init.constant(new int[] {N, N}), TFloat32.class));
      Variable<TFloat32> b = init.variable(init.random.randomUniform(init.constant(new int[] {N, N}), TFloat32.class));
      Operand<TFloat32> sum = tf.reduceSum(tf.linalg.matMul(a, b), tf.constant(new int[] {0, 1}));
      ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(threads)
          .setInterOpParallelismThreads(threads).build();
      try (Session session = new Session(g, config)) {
        session.initialize();
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
          long t = System.nanoTime();
          session.runner().fetch(sum).run().close();
          if (i >= 3) {
            seconds.add((System.nanoTime() - t) / 1e9);
          }
        }
        double fastest = seconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        return 2.0 * N * N * N / fastest;
      }
    }
  }
}
