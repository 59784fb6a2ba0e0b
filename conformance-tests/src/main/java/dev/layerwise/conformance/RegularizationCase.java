package dev.layerwise.conformance;

import dev.layerwise.DType;
import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.Layer;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model with regularized weights under a loss: compares the regularization penalty on its own, the total
 * objective (data loss + penalty) and the gradients of the total with respect to every weight, which include
 * the penalty's ({@code λ₁·sign(w) + 2λ₂·w}); finite differences check the total. For L1, weights keep a margin
 * from 0 unless the case checks the convention at 0 itself.
 *
 * @param conventionOnly weights include exact zeros (the kink of |w|): cross-backend only
 */
public record RegularizationCase(String name, List<Layer> layers, Loss loss, int batch,
    CaseData.Generator weights, boolean conventionOnly, long seed) implements ConformanceCase {

  public RegularizationCase {
    layers = List.copyOf(layers);
  }

  @Override
  public Set<Mode> modes() {
    return conventionOnly ? EnumSet.of(Mode.X32, Mode.X64) : EnumSet.allOf(Mode.class);
  }

  @Override
  public Set<Class<? extends Layer>> coveredLayers() {
    Set<Class<? extends Layer>> s = new HashSet<>();
    ModelSpec.chain(name, layers).nodes().forEach(n -> s.add(n.layer().getClass()));
    return s;
  }

  @Override
  public List<CheckRow> run(Mode mode, Engines engines) {
    ModelSpec spec = ModelSpec.chain(name, layers);
    SeededRandom random = new SeededRandom(seed);
    float[] x = CaseData.uniform(-1, 1).generate(random, spec.inputShape().withBatch(batch).size());
    float[] y = CaseData.uniform(-1, 1).generate(random, loss.labelShape(spec.outputShape()).size() * batch);
    Map<String, TensorValue> w = CaseData.weights(spec, seed + 1, weights);
    Batch b = new Batch(x, y, batch);
    List<CheckRow> rows = new ArrayList<>();
    if (mode == Mode.FD64) {
      for (var backend : List.of(engines.reference(), engines.tensorflow())) {
        String who = (backend == engines.reference() ? "ref64" : "tf64") + " vs fd64";
        try (BackendModel m = compile(backend, spec, DType.FLOAT64)) {
          m.setWeights(w);
          Gradients analytic = m.lossGradients(b);
          for (String k : analytic.weightGradients().keySet()) {
            TensorValue fd = FiniteDifference.gradient(w.get(k), v -> m.setWeights(Map.of(k, v)),
                () -> m.lossGradients(b).loss(), FiniteDifference.Step.FLOAT64_WEIGHT);
            rows.add(Compare.withNote(Compare.allClose(name, mode, "d" + k, who, fd,
                analytic.weightGradients().get(k), Tolerances.FD64), FiniteDifference.Step.FLOAT64_WEIGHT
                .description()));
          }
        }
      }
      return rows;
    }
    Gradients ref;
    Gradients tf;
    try (BackendModel m = compile(engines.reference(), spec, DType.FLOAT64)) {
      m.setWeights(w);
      ref = m.lossGradients(b);
    }
    try (BackendModel m = compile(engines.tensorflow(), spec, Engines.tfType(mode))) {
      m.setWeights(w);
      tf = m.lossGradients(b);
    }
    boolean x32 = mode == Mode.X32;
    rows.add(Compare.allClose(name, mode, "regularization_loss", mode.label(), scalar(ref.regularizationLoss()),
        scalar(tf.regularizationLoss()), x32 ? Tolerances.X32_LOSS : Tolerances.X64));
    rows.add(Compare.allClose(name, mode, "loss", mode.label(), scalar(ref.loss()), scalar(tf.loss()),
        x32 ? Tolerances.X32_LOSS : Tolerances.X64));
    ref.weightGradients().forEach((k, v) -> rows.add(Compare.allClose(name, mode, "d" + k, mode.label(), v,
        tf.weightGradients().get(k), x32 ? Tolerances.X32_GRADIENT : Tolerances.X64)));
    return rows;
  }

  private static TensorValue scalar(double v) {
    return new TensorValue(Shape.scalar(), new double[] {v});
  }

  private BackendModel compile(dev.layerwise.Backend backend, ModelSpec spec, DType dtype) {
    return Engines.compile(backend, spec, loss, Optimizer.sgd(0.1), dtype);
  }
}
