package dev.layerwise.conformance;

import dev.layerwise.DType;
import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.Layer;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.DropoutMasks;
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
 * A stack of layers checked through the objective {@code L = Σ R ⊙ output} with a fixed random cotangent R
 * (a plain sum would hide bugs: Σ softmax is constant). Compares the forward output, {@code ∂L/∂x} and
 * {@code ∂L/∂w} for every trainable weight. Dropout masks are drawn once from the case's seed and passed
 * explicitly to both backends (and held fixed for finite differences).
 *
 * @param layers the model, starting with its Input
 * @param inputs how the batch's features are drawn (kinked layers keep a margin from their kinks)
 * @param weights how every weight is drawn
 * @param training the mode of the forward and backward passes (batch norm and dropout differ)
 * @param conventionOnly a check of conventions at exact kinks or ties: cross-backend only, no finite differences
 * @param forwardOnly compare outputs only (non-differentiable layers)
 * @param x32Forward the X32 tolerance of the output
 * @param x32Gradient the X32 tolerance of the gradients
 * @param validator accepts or rejects drawn data (margins from kinks); rejected data is redrawn with a new seed
 */
public record LayerCase(String name, List<Layer> layers, int batch, CaseData.Generator inputs,
    CaseData.WeightGenerator weights, boolean training, boolean conventionOnly, boolean forwardOnly,
    Tolerance x32Forward, Tolerance x32Gradient, Validator validator, long seed) implements ConformanceCase {

  /** Decides whether drawn data keeps the case's kinks at a safe distance. */
  @FunctionalInterface
  public interface Validator {
    boolean accept(ModelSpec spec, float[] x, Map<String, TensorValue> weights);
  }

  private static final int MAX_DRAWS = 500;

  public LayerCase {
    layers = List.copyOf(layers);
  }

  public static LayerCase of(String name, int batch, CaseData.Generator inputs, Layer... layers) {
    return new LayerCase(name, List.of(layers), batch, inputs, CaseData.weightsFrom(CaseData.uniform(-1, 1)), true,
        false, false, Tolerances.X32_FORWARD, Tolerances.X32_GRADIENT, (s, x, w) -> true, name.hashCode());
  }

  public LayerCase withWeights(CaseData.WeightGenerator weights) {
    return new LayerCase(name, layers, batch, inputs, weights, training, conventionOnly, forwardOnly, x32Forward,
        x32Gradient, validator, seed);
  }

  /** Checks the inference-mode passes instead of the training-mode ones. */
  public LayerCase inInferenceMode() {
    return new LayerCase(name, layers, batch, inputs, weights, false, conventionOnly, forwardOnly, x32Forward,
        x32Gradient, validator, seed);
  }

  /** A convention at an exact kink or tie: both backends must agree; finite differences do not apply there. */
  public LayerCase asConvention() {
    return new LayerCase(name, layers, batch, inputs, weights, training, true, forwardOnly, x32Forward, x32Gradient,
        validator, seed);
  }

  /** Compares outputs only, across backends. */
  public LayerCase asForwardOnly() {
    return new LayerCase(name, layers, batch, inputs, weights, training, true, true, x32Forward, x32Gradient,
        validator, seed);
  }

  public LayerCase withX32(Tolerance forward, Tolerance gradient) {
    return new LayerCase(name, layers, batch, inputs, weights, training, conventionOnly, forwardOnly, forward,
        gradient, validator, seed);
  }

  public LayerCase withValidator(Validator validator) {
    return new LayerCase(name, layers, batch, inputs, weights, training, conventionOnly, forwardOnly, x32Forward,
        x32Gradient, validator, seed);
  }

  @Override
  public Set<Mode> modes() {
    return conventionOnly ? EnumSet.of(Mode.X32, Mode.X64) : EnumSet.allOf(Mode.class);
  }

  @Override
  public Set<Class<? extends Layer>> coveredLayers() {
    Set<Class<? extends Layer>> s = new HashSet<>();
    spec().nodes().forEach(n -> s.add(n.layer().getClass()));
    return s;
  }

  ModelSpec spec() {
    return ModelSpec.chain(name, layers);
  }

  /** The data of one run: features, cotangent, weights and dropout masks. */
  private record Draw(Batch batch, TensorValue cotangent, Map<String, TensorValue> weights, float[] x) {}

  private Draw draw(ModelSpec spec) {
    for (int attempt = 0; attempt < MAX_DRAWS; attempt++) {
      long s = seed + 7919L * attempt;
      SeededRandom random = new SeededRandom(s);
      float[] x = inputs.generate(random, spec.inputShape().withBatch(batch).size());
      Shape outShape = spec.outputShape().withBatch(batch);
      TensorValue r = TensorValue.of(outShape, CaseData.uniform(-1, 1).generate(random, outShape.size()));
      Map<String, TensorValue> w = CaseData.weights(spec, s + 1, weights);
      if (validator.accept(spec, x, w)) {
        Batch b = Batch.features(x, batch).withMasks(new DropoutMasks(spec).draw(batch, s + 2));
        return new Draw(b, r, w, x);
      }
    }
    throw new IllegalStateException(name + ": no draw in " + MAX_DRAWS + " kept the kinks at a safe distance");
  }

  @Override
  public List<CheckRow> run(Mode mode, Engines engines) {
    ModelSpec spec = spec();
    Draw d = draw(spec);
    return mode == Mode.FD64 ? finiteDifferences(engines, spec, d) : crossBackend(mode, engines, spec, d);
  }

  private List<CheckRow> crossBackend(Mode mode, Engines engines, ModelSpec spec, Draw d) {
    Gradients ref;
    Gradients tf;
    try (BackendModel m = compile(engines.reference(), spec, DType.FLOAT64)) {
      m.setWeights(d.weights());
      ref = evaluate(m, d);
    }
    try (BackendModel m = compile(engines.tensorflow(), spec, Engines.tfType(mode))) {
      m.setWeights(d.weights());
      tf = evaluate(m, d);
    }
    boolean x32 = mode == Mode.X32;
    Tolerance forward = x32 ? x32Forward : Tolerances.X64;
    Tolerance gradient = x32 ? x32Gradient : Tolerances.X64;
    List<CheckRow> rows = new ArrayList<>();
    rows.add(Compare.allClose(name, mode, "output", mode.label(), ref.output(), tf.output(), forward));
    if (!forwardOnly) {
      rows.add(Compare.allClose(name, mode, "dx", mode.label(), ref.inputGradient(), tf.inputGradient(), gradient));
      ref.weightGradients().forEach((k, v) -> rows.add(Compare.allClose(name, mode, "d" + k, mode.label(), v,
          tf.weightGradients().get(k), gradient)));
    }
    return rows;
  }

  private Gradients evaluate(BackendModel m, Draw d) {
    if (forwardOnly) {
      return new Gradients(Double.NaN, Double.NaN, m.forward(d.batch(), training), null, Map.of());
    }
    return m.outputGradients(d.batch(), d.cotangent(), training);
  }

  private List<CheckRow> finiteDifferences(Engines engines, ModelSpec spec, Draw d) {
    List<CheckRow> rows = new ArrayList<>();
    for (var backend : List.of(engines.reference(), engines.tensorflow())) {
      String who = (backend == engines.reference() ? "ref64" : "tf64") + " vs fd64";
      try (BackendModel m = compile(backend, spec, DType.FLOAT64)) {
        m.setWeights(d.weights());
        Gradients analytic = m.outputGradients(d.batch(), d.cotangent(), training);
        for (String k : analytic.weightGradients().keySet()) {
          TensorValue fd = FiniteDifference.gradient(d.weights().get(k), v -> m.setWeights(Map.of(k, v)),
              () -> projection(m.forward(d.batch(), training), d.cotangent()), FiniteDifference.Step.FLOAT64_WEIGHT);
          rows.add(Compare.withNote(Compare.allClose(name, Mode.FD64, "d" + k, who, fd,
              analytic.weightGradients().get(k), Tolerances.FD64), FiniteDifference.Step.FLOAT64_WEIGHT.description()));
        }
        TensorValue x = TensorValue.of(spec.inputShape().withBatch(batch), d.x());
        float[] perturbed = d.x().clone();
        Batch moved = new Batch(perturbed, null, batch, d.batch().masks());
        TensorValue fdx = FiniteDifference.gradient(x, v -> {
          for (int i = 0; i < perturbed.length; i++) {
            perturbed[i] = (float) v.get(i);
          }
        }, () -> projection(m.forward(moved, training), d.cotangent()), FiniteDifference.Step.FLOAT32_INPUT);
        rows.add(Compare.withNote(Compare.allClose(name, Mode.FD64, "dx", who, fdx, analytic.inputGradient(),
            Tolerances.FD64), FiniteDifference.Step.FLOAT32_INPUT.description()));
      }
    }
    return rows;
  }

  static double projection(TensorValue out, TensorValue r) {
    double s = 0;
    for (int i = 0; i < out.size(); i++) {
      s += out.get(i) * r.get(i);
    }
    return s;
  }

  private static BackendModel compile(dev.layerwise.Backend backend, ModelSpec spec, DType dtype) {
    // The loss and optimizer are placeholders: a layer case drives the model through its output only.
    return Engines.compile(backend, spec, Loss.meanSquaredError(), Optimizer.sgd(0.1), dtype);
  }
}
