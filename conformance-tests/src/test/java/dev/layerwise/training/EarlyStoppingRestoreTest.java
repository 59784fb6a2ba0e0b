package dev.layerwise.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitContext;
import dev.layerwise.FitOptions;
import dev.layerwise.History;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.callbacks.EarlyStopping;
import dev.layerwise.callbacks.LambdaCallback;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EarlyStopping with restoreBestWeights on both backends: a model fitted to y = 2x and validated on y = x gets
 * better on the validation data until its slope passes 1, then worse; training stops {@code patience} epochs after
 * the best validation loss, and the model then predicts exactly what it predicted at the end of the best epoch
 * (captured at each epoch's end by a callback).
 */
class EarlyStoppingRestoreTest {
  private static final int PATIENCE = 2;

  private static Dataset line(double slope) {
    int n = 8;
    float[] x = new float[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (i - 3.5f) / 4;
      y[i] = (float) (slope * x[i]);
    }
    return Dataset.of(x, Shape.of(1), y, Shape.of(1));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "tensorflow"})
  void stopsAfterTheBestEpochAndPredictsWhatItPredictedThen(String backend) {
    Dataset validation = line(1);
    List<float[]> predictions = new ArrayList<>();
    FitContext[] context = new FitContext[1];
    LambdaCallback capture = LambdaCallback.builder().onTrainBegin(c -> context[0] = c)
        .onEpochEnd(logs -> predictions.add(context[0].model().predict(validation))).build();
    try (CompiledModel m = Sequential.of(Input.shape(1), Dense.units(1).withUseBias(false)).withSeed(5)
        .compile(Backend.named(backend), Optimizer.sgd(0.3), Loss.meanSquaredError())) {
      m.setWeight("dense/kernel", dev.layerwise.NdValue.of(Shape.of(1, 1), 0f).withDType(m.dtype()));
      History h = m.fit(line(2), FitOptions.builder().epochs(40).batchSize(8).shuffle(false).quiet()
          .validationData(validation)
          .callbacks(capture, EarlyStopping.builder().patience(PATIENCE).restoreBestWeights(true).build()).build());

      double[] val = h.get("val_loss");
      int best = 0;
      for (int e = 1; e < val.length; e++) {
        if (val[e] < val[best]) {
          best = e;
        }
      }
      assertTrue(best >= 1, "the validation loss first improves: " + java.util.Arrays.toString(val));
      assertEquals(best + 1 + PATIENCE, h.epochCount(), "stopped " + PATIENCE + " epochs after the best");
      assertTrue(val[val.length - 1] > val[best], "and got worse meanwhile");
      assertTrue(h.stopReason().matches("EarlyStopping: val_loss did not improve for 2 epochs \\(best [0-9.]+ at"
          + " epoch " + (best + 1) + "\\)"), h.stopReason());
      assertArrayEquals(predictions.get(best), m.predict(validation), "the best epoch's predictions, exactly");
      assertTrue(predictions.get(val.length - 1)[0] != predictions.get(best)[0], "the last epoch predicted otherwise");
    }
  }
}
