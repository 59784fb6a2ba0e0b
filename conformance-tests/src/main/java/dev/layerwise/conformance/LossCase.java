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
 * @param validator accepts or rejects a draw of predictions and labels (kinks that depend on both, as Huber's
 *     {@code |p − y| = δ}); a rejected draw is redrawn with a new seed
 * @param sampleWeights how one weight per sample is drawn, or {@code null} for an unweighted batch
 */
public record LossCase(String name, Loss loss, Shape outputShape, int batch, CaseData.Generator predictions,
    CaseData.Generator labels, boolean conventionOnly, Validator validator, long seed,
    CaseData.Generator sampleWeights) implements ConformanceCase {

  /** Decides whether drawn predictions and labels keep the loss's kinks at a safe distance. */
  @FunctionalInterface
  public interface Validator {
    boolean accept(float[] predictions, float[] labels);
  }

  private static final int MAX_DRAWS = 500;

  public static LossCase of(String name, Loss loss, Shape outputShape, int batch, CaseData.Generator predictions,
      CaseData.Generator labels) {
    return new LossCase(name, loss, outputShape, batch, predictions, labels, false, (p, y) -> true,
        name.hashCode(), null);
  }

  /** Predictions at or beyond the clip bounds, or at other kinks: cross-backend only. */
  public LossCase asConvention() {
    return new LossCase(name, loss, outputShape, batch, predictions, labels, true, validator, seed, sampleWeights);
  }

  public LossCase withValidator(Validator validator) {
    return new LossCase(name, loss, outputShape, batch, predictions, labels, conventionOnly, validator, seed,
        sampleWeights);
  }

  /** The loss weighted per sample (Keras 3's {@code sum_over_batch_size}), the weights drawn with the batch. */
  public LossCase withSampleWeights(CaseData.Generator weights) {
    return new LossCase(name, loss, outputShape, batch, predictions, labels, conventionOnly, validator, seed,
        weights);
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
    Batch b = draw();
    float[] p = b.x();
    float[] y = b.y();
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
          }, () -> m.lossGradients(new Batch(perturbed, y, batch).withSampleWeights(b.sampleWeights())).loss(),
              FiniteDifference.Step.FLOAT32_INPUT);
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

  private Batch draw() {
    for (int attempt = 0; attempt < MAX_DRAWS; attempt++) {
      SeededRandom random = new SeededRandom(seed + 7919L * attempt);
      float[] p = predictions.generate(random, outputShape.size() * batch);
      float[] y = labels.generate(random, loss.labelShape(outputShape).size() * batch);
      if (validator.accept(p, y)) {
        return new Batch(p, y, batch).withSampleWeights(sampleWeights == null ? null : widen(
            sampleWeights.generate(random, batch)));
      }
    }
    throw new IllegalStateException(name + ": no draw in " + MAX_DRAWS + " kept the kinks at a safe distance");
  }

  private static double[] widen(float[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = values[i];
    }
    return d;
  }

  private static TensorValue scalar(double v) {
    return new TensorValue(Shape.scalar(), new double[] {v});
  }

  private BackendModel compile(dev.layerwise.Backend backend, ModelSpec spec, DType dtype) {
    return Engines.compile(backend, spec, loss, Optimizer.sgd(0.1), dtype);
  }
}
