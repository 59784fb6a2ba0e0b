package dev.layerwise.tf;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.spi.TensorValue;
import java.util.Arrays;
import java.util.Map;

/**
 * Prints a hash of the weights the bench MLP trains to under a budget, so runs in separate JVMs (each with its own
 * intra-op pool under {@code TF_OVERRIDE_GLOBAL_THREADPOOL=true}) can be compared bit for bit:
 * {@code java -cp ... dev.layerwise.tf.ThreadBudgetWeights 1} and {@code ... 2}.
 */
public final class ThreadBudgetWeights {
  private ThreadBudgetWeights() {}

  public static void main(String[] args) {
    Backend backend = args[0].equals("default") ? Backend.named("tensorflow")
        : Backend.named("tensorflow").withThreads(Integer.parseInt(args[0]));
    try (CompiledModel m = ThreadBudgetMlp.compile(backend, ThreadBudgetBench.FEATURES, ThreadBudgetBench.HIDDEN)) {
      double loss = m.fit(ThreadBudgetMlp.data(ThreadBudgetBench.BATCH * 20, ThreadBudgetBench.FEATURES),
          ThreadBudgetMlp.options(2, ThreadBudgetBench.BATCH)).last("loss");
      Map<String, TensorValue> w = m.backendModel().weights();
      int hash = 1;
      for (TensorValue v : w.values()) {
        hash = 31 * hash + Arrays.hashCode(v.data());
      }
      System.out.printf("budget=%s TF_OVERRIDE_GLOBAL_THREADPOOL=%s loss %.9f weights hash %08x%n", args[0],
          System.getenv(TfSessions.OVERRIDE_GLOBAL_THREADPOOL), loss, hash);
    }
  }
}
