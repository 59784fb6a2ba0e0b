package dev.layerwise.bench;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.tf.TfStepChunks;

public final class TmpProfile {
  public static void main(String[] args) {
    Dataset train = FashionMnist.load().train().withFeatureShape(dev.layerwise.Shape.of(784));
    for (int k : new int[] {16, 64}) {
      try (CompiledModel m = FitVsRawTf.mlp().compile(Backend.named("tensorflow"), Optimizer.adam(1e-3),
          Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
        FitOptions o = FitOptions.builder().epochs(1).batchSize(32).quiet().stepsPerExecution(k).build();
        m.fit(train, o);
        for (int r = 0; r < 3; r++) {
          TfStepChunks.RUN_NS = 0; TfStepChunks.READ_NS = 0; TfStepChunks.WRITE_NS = 0;
          double t = FitVsRawTf.time(() -> m.fit(train, o));
          System.out.printf("K=%d epoch %.3f run %.3f read %.3f write %.3f%n", k, t, TfStepChunks.RUN_NS / 1e9,
              TfStepChunks.READ_NS / 1e9, TfStepChunks.WRITE_NS / 1e9);
        }
      }
    }
  }
}
