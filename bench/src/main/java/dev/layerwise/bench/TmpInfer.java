package dev.layerwise.bench;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.Arrays;

public final class TmpInfer {
  public static void main(String[] args) {
    var fm = FashionMnist.load();
    Dataset train = fm.train().withFeatureShape(dev.layerwise.Shape.of(784));
    Dataset test = fm.test().withFeatureShape(dev.layerwise.Shape.of(784));
    try (CompiledModel m = FitVsRawTf.mlp().compile(Backend.named("tensorflow"), Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      m.fit(train, FitOptions.builder().epochs(1).batchSize(128).quiet().build());
      float[] ref = m.predict(test, 32);
      for (int b : new int[] {32, 256, 1024, 4096, 10000}) {
        m.predict(test, b);
        double tp = FitVsRawTf.time(() -> m.predict(test, b));
        double te = FitVsRawTf.time(() -> m.evaluate(test, b));
        float[] p = m.predict(test, b);
        System.out.printf("b=%d predict %.4f evaluate %.4f same-bits %s loss %s%n", b, tp, te, Arrays.equals(ref, p), m.evaluate(test, b).loss());
      }
    }
  }
}
