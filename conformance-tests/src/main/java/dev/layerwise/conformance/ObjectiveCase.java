package dev.layerwise.conformance;

import dev.layerwise.DType;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model under the objective it trains on, {@code L = Σₖ wₖ·Lₖ + penalty}: each output's own mean loss Lₖ, weighted
 * by its loss weight wₖ, plus the regularization penalty of its weights. Compares the penalty on its own (when there
 * is one), each output's loss (when there are several), the total objective and the gradients of the total with
 * respect to every weight, which include the penalty's ({@code λ₁·sign(w) + 2λ₂·w}); finite differences check the
 * total. For L1, weights keep a margin from 0 unless the case checks the convention at 0 itself.
 *
 * @param config the losses, loss weights and optimizer (a placeholder: nothing is updated); its dtype is the mode's
 * @param labels how each output's targets are drawn, in output order
 * @param conventionOnly weights include exact zeros (the kink of |w|): cross-backend only
 */
public record ObjectiveCase(String name, ModelSpec model, TrainingConfig config, int batch,
    CaseData.Generator weights, List<CaseData.Generator> labels, boolean conventionOnly, long seed)
    implements ConformanceCase {

  public ObjectiveCase {
    labels = List.copyOf(labels);
  }

  /** A chain of layers with regularized weights under one loss, targets drawn from U(−1, 1). */
  public static ObjectiveCase regularized(String name, List<Layer> layers, Loss loss, int batch,
      CaseData.Generator weights, boolean conventionOnly, long seed) {
    return new ObjectiveCase(name, ModelSpec.chain(name, layers), new TrainingConfig(Optimizer.sgd(0.1), loss,
        List.of(), DType.FLOAT64), batch, weights, List.of(CaseData.uniform(-1, 1)), conventionOnly, seed);
  }

  /** A model of any shape under a training configuration (a loss and a loss weight per output); the spec's name. */
  public static ObjectiveCase of(ModelSpec model, TrainingConfig config, int batch, List<CaseData.Generator> labels,
      long seed) {
    return new ObjectiveCase(model.name(), model, config, batch, CaseData.uniform(-1, 1), labels, false, seed);
  }

  @Override
  public Set<Mode> modes() {
    return Mode.forCase(conventionOnly);
  }

  @Override
  public Optional<ModelSpec> spec() {
    return Optional.of(model);
  }

  @Override
  public List<CheckRow> run(Mode mode, Engines engines) {
    SeededRandom random = new SeededRandom(seed);
    List<float[]> xs = new ArrayList<>();
    model.inputShapes().forEach(s -> xs.add(CaseData.uniform(-1, 1).generate(random, s.withBatch(batch).size())));
    List<float[]> ys = new ArrayList<>();
    for (int k = 0; k < model.outputs().size(); k++) {
      Loss loss = config.lossFor(model.outputNames().get(k));
      ys.add(labels.get(k).generate(random, loss.labelShape(model.outputShapes().get(k)).size() * batch));
    }
    Map<String, TensorValue> w = CaseData.weights(model, seed + 1, weights);
    Batch b = new Batch(xs, ys, batch, Map.of());
    List<CheckRow> rows = new ArrayList<>();
    if (mode == Mode.FD64) {
      for (var backend : List.of(engines.reference(), engines.tensorflow())) {
        String who = (backend == engines.reference() ? "ref64" : "tf64") + " vs fd64";
        try (BackendModel m = Engines.compile(backend, model, config, DType.FLOAT64)) {
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
    try (BackendModel m = Engines.compile(engines.reference(), model, config, DType.FLOAT64)) {
      m.setWeights(w);
      ref = m.lossGradients(b);
    }
    try (BackendModel m = Engines.compile(engines.tensorflow(), model, config, Engines.tfType(mode))) {
      m.setWeights(w);
      tf = m.lossGradients(b);
    }
    boolean x32 = mode == Mode.X32;
    Tolerance loss = x32 ? Tolerances.X32_LOSS : Tolerances.X64;
    if (model.hasRegularizers()) {
      rows.add(Compare.allClose(name, mode, "regularization_loss", mode.label(), scalar(ref.regularizationLoss()),
          scalar(tf.regularizationLoss()), loss));
    }
    for (int k = 0; model.outputs().size() > 1 && k < model.outputs().size(); k++) {
      rows.add(Compare.allClose(name, mode, "loss(" + model.outputNames().get(k) + ")", mode.label(),
          scalar(ref.outputLosses().get(k)), scalar(tf.outputLosses().get(k)), loss));
    }
    rows.add(Compare.allClose(name, mode, "loss", mode.label(), scalar(ref.loss()), scalar(tf.loss()), loss));
    ref.weightGradients().forEach((k, v) -> rows.add(Compare.allClose(name, mode, "d" + k, mode.label(), v,
        tf.weightGradients().get(k), x32 ? Tolerances.X32_GRADIENT : Tolerances.X64)));
    return rows;
  }

  private static TensorValue scalar(double v) {
    return new TensorValue(Shape.scalar(), new double[] {v});
  }
}
