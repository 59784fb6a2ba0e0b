package dev.layerwise.conformance;

import dev.layerwise.DType;
import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.Input;
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
import java.util.List;
import java.util.Set;

/**
 * A loss on given predictions: the model is just its Input, so the loss reads the fed values directly (raw
 * probabilities included, which {@code compile} would refuse without a softmax in front). Compares the loss
 * value and {@code ∂L/∂predictions}.
 *
 * @param predictions how predictions (probabilities or logits) are drawn
 * @param labels how labels are drawn (values for the whole batch)
 */
public record LossCase(String name, Loss loss, Shape outputShape, int batch, CaseData.Generator predictions,
    CaseData.Generator labels, boolean conventionOnly, long seed) implements ConformanceCase {

  public static LossCase of(String name, Loss loss, Shape outputShape, int batch, CaseData.Generator predictions,
      CaseData.Generator labels) {
    return new LossCase(name, loss, outputShape, batch, predictions, labels, false, name.hashCode());
  }

  /** Predictions at or beyond the clip bounds: cross-backend only (the clip is a kink). */
  public LossCase asConvention() {
    return new LossCase(name, loss, outputShape, batch, predictions, labels, true, seed);
  }

  @Override
  public Set<Mode> modes() {
    return conventionOnly ? EnumSet.of(Mode.X32, Mode.X64) : EnumSet.allOf(Mode.class);
  }

  @Override
  public Set<Class<? extends Layer>> coveredLayers() {
    return Set.of(Input.class);
  }

  @Override
  public List<CheckRow> run(Mode mode, Engines engines) {
    ModelSpec spec = ModelSpec.chain(name, List.of(Input.of(outputShape)));
    SeededRandom random = new SeededRandom(seed);
    float[] p = predictions.generate(random, outputShape.size() * batch);
    float[] y = labels.generate(random, loss.labelShape(outputShape).size() * batch);
    Batch b = new Batch(p, y, batch);
    List<CheckRow> rows = new ArrayList<>();
    if (mode == Mode.FD64) {
      for (var backend : List.of(engines.reference(), engines.tensorflow())) {
        String who = (backend == engines.reference() ? "ref64" : "tf64") + " vs fd64";
        try (BackendModel m = compile(backend, spec, DType.FLOAT64)) {
          Gradients analytic = m.lossGradients(b);
          float[] perturbed = p.clone();
          TensorValue fd = FiniteDifference.gradient(analytic.output(), v -> {
            for (int i = 0; i < perturbed.length; i++) {
              perturbed[i] = (float) v.get(i);
            }
          }, () -> m.lossGradients(new Batch(perturbed, y, batch)).loss(), FiniteDifference.Step.FLOAT32_INPUT);
          rows.add(Compare.withNote(Compare.allClose(name, mode, "dpred", who, fd, analytic.inputGradient(),
              Tolerances.FD64), FiniteDifference.Step.FLOAT32_INPUT.description()));
        }
      }
      return rows;
    }
    Gradients ref;
    Gradients tf;
    try (BackendModel m = compile(engines.reference(), spec, DType.FLOAT64)) {
      ref = m.lossGradients(b);
    }
    try (BackendModel m = compile(engines.tensorflow(), spec, Engines.tfType(mode))) {
      tf = m.lossGradients(b);
    }
    boolean x32 = mode == Mode.X32;
    rows.add(Compare.allClose(name, mode, "loss", mode.label(), scalar(ref.loss()), scalar(tf.loss()),
        x32 ? Tolerances.X32_LOSS : Tolerances.X64));
    rows.add(Compare.allClose(name, mode, "dpred", mode.label(), ref.inputGradient(), tf.inputGradient(),
        x32 ? Tolerances.X32_GRADIENT : Tolerances.X64));
    return rows;
  }

  private static TensorValue scalar(double v) {
    return new TensorValue(Shape.scalar(), new double[] {v});
  }

  private BackendModel compile(dev.layerwise.Backend backend, ModelSpec spec, DType dtype) {
    return Engines.compile(backend, spec, loss, Optimizer.sgd(0.1), dtype);
  }
}
