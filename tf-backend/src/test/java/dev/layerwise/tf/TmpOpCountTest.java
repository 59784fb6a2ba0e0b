package dev.layerwise.tf;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TmpOpCountTest {
  @Test
  void count() {
    float[] x = new float[640 * 784];
    int[] y = new int[640];
    try (CompiledModel m = Sequential.of(Input.shape(784), Dense.units(128).withActivation(ActivationFn.RELU),
        Dense.units(10)).compile(Backend.named("tensorflow"), Optimizer.adam(1e-3),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true))) {
      m.fit(Dataset.withClassLabels(x, Shape.of(784), y), FitOptions.builder().batchSize(32).quiet().stepsPerExecution(4).build());
      var g = ((TfModel<?>) m.backendModel()).resources().graph;
      TreeMap<String, Integer> types = new TreeMap<>();
      TreeMap<String, Integer> one = new TreeMap<>();
      int step = 0, total = 0;
      var it = g.operations();
      while (it.hasNext()) {
        var op = it.next();
        total++;
        String n = op.name();
        if (n.contains("step_2/") || n.contains("gradients_2")) {
          step++;
          types.merge(op.type(), 1, Integer::sum);
        }
        if (!n.startsWith("steps_x")) {
          one.merge(op.type(), 1, Integer::sum);
        }
      }
      System.out.println("TOTAL " + total + " step2 " + step + " " + types);
      System.out.println("ONE-STEP-GRAPH " + one);
    }
  }
}
