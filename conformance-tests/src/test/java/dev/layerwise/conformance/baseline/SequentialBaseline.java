package dev.layerwise.conformance.baseline;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Evaluation;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.Padding;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.regularizers.Regularizer;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two Sequential models trained the same way before and after models became graphs (issue 13), so a test can
 * prove that a Sequential model behaves exactly as it did: {@link SequentialBaselineRecorder} ran these on main's
 * code (commit bf3bed0) and stored what came out in {@code src/test/resources/sequential-baseline}; {@code
 * SequentialBaselineTest} runs them again on the current code and compares.
 *
 * <p>The models cover what the graph refactoring touches in a chain: fused activations (desugared nodes), dropout
 * masks by node, batch normalisation's moving statistics, weight penalties, a validation set, shuffling and an
 * uneven last batch.
 */
public final class SequentialBaseline {
  static final String MLP = "mlp";
  static final String CNN = "cnn";
  static final List<String> MODELS = List.of(MLP, CNN);
  static final List<String> BACKENDS = List.of("reference", "tensorflow");

  private SequentialBaseline() {}

  static Sequential model(String name) {
    return switch (name) {
      case MLP -> Sequential.of(
          Input.shape(6),
          Dense.units(8).withActivation(ActivationFn.RELU).withKernelRegularizer(Regularizer.l2(1e-3)),
          Dropout.rate(0.25),
          Dense.units(3)).withName(MLP).withSeed(5);
      case CNN -> Sequential.of(
          Input.shape(6, 6, 1),
          Conv2D.of(4, 3).withPadding(Padding.SAME).withActivation(ActivationFn.RELU),
          BatchNormalization.create(),
          MaxPooling2D.of(2),
          Flatten.create(),
          Dropout.rate(0.1),
          Dense.units(3).withActivation(ActivationFn.SOFTMAX)).withName(CNN).withSeed(9);
      default -> throw new IllegalArgumentException(name);
    };
  }

  static CompiledModel compile(String name, String backend) {
    return switch (name) {
      case MLP -> model(name).compile(Backend.named(backend), Optimizer.adam(0.01),
          Loss.sparseCategoricalCrossentropy().withFromLogits(true), Metric.ACCURACY);
      case CNN -> model(name).compile(Backend.named(backend), Optimizer.sgd(0.05).withMomentum(0.9),
          Loss.categoricalCrossentropy(), Metric.ACCURACY);
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** 13 samples: batches of 5 leave a last batch of 3. */
  static Dataset train(String name) {
    return data(name, 13, 0.37);
  }

  static Dataset validation(String name) {
    return data(name, 7, 1.91);
  }

  private static Dataset data(String name, int n, double phase) {
    Shape features = name.equals(MLP) ? Shape.of(6) : Shape.of(6, 6, 1);
    float[] x = new float[n * features.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(0.73 * i + phase);
    }
    if (name.equals(MLP)) {
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = (i * 7 + 2) % 3;
      }
      return Dataset.withClassLabels(x, features, labels);
    }
    float[] y = new float[n * 3];
    for (int i = 0; i < n; i++) {
      y[i * 3 + (i * 5 + 1) % 3] = 1;
    }
    return Dataset.of(x, features, y, Shape.of(3));
  }

  static FitOptions options(String name) {
    return FitOptions.builder().epochs(2).batchSize(5).seed(name.length() * 31L).validationData(validation(name))
        .quiet().build();
  }

  /** What one run gives: the history, the weights and slots, predictions and an evaluation afterwards. */
  static Map<String, Object> run(String name, String backend) {
    try (CompiledModel m = compile(name, backend)) {
      History h = m.fit(train(name), options(name));
      Map<String, Object> out = new LinkedHashMap<>();
      Map<String, Object> history = new LinkedHashMap<>();
      for (String key : h.keys()) {
        history.put(key, doubles(h.get(key)));
      }
      history.put("learning_rates", doubles(h.learningRates()));
      out.put("history", history);
      out.put("weights", tensors(m.backendModel().weights()));
      out.put("slots", tensors(m.backendModel().optimizerSlots()));
      float[] p = m.predict(validation(name));
      double[] pd = new double[p.length];
      for (int i = 0; i < p.length; i++) {
        pd[i] = p[i];
      }
      out.put("predictions", doubles(pd));
      Evaluation e = m.evaluate(validation(name), 4);
      Map<String, Object> evaluation = new LinkedHashMap<>();
      e.values().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(v -> evaluation.put(v.getKey(), v.getValue()));
      out.put("evaluation", evaluation);
      return out;
    }
  }

  static List<Object> doubles(double[] values) {
    List<Object> l = new ArrayList<>();
    for (double v : values) {
      l.add(v);
    }
    return l;
  }

  private static Map<String, Object> tensors(Map<String, TensorValue> tensors) {
    Map<String, Object> m = new LinkedHashMap<>();
    tensors.forEach((k, v) -> m.put(k, doubles(v.data())));
    return m;
  }
}
