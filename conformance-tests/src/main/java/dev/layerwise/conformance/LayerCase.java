package dev.layerwise.conformance;

import dev.layerwise.DType;
import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.Layer;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.RandomDraws;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model — a stack of layers or a graph — checked through the objective {@code L = Σₖ Σ Rₖ ⊙ outputₖ} with a fixed
 * random cotangent Rₖ per output (a plain sum would hide bugs: Σ softmax is constant). Compares every forward
 * output, {@code ∂L/∂x} for every input and {@code ∂L/∂w} for every trainable weight. Dropout masks and augmentation
 * draws are drawn once from the case's seed and passed explicitly to both backends (and held fixed for finite
 * differences).
 *
 * <p>Rows of a model with one input and one output are {@code output} and {@code dx}; with several they are named
 * after the input or output: {@code output(class)}, {@code dx(image)}.
 *
 * @param model the model's spec; its name is the case's
 * @param inputs how the batch's features are drawn (kinked layers keep a margin from their kinks)
 * @param weights how every weight is drawn
 * @param training the mode of the forward and backward passes (batch norm and dropout differ)
 * @param conventionOnly a check of conventions at exact kinks or ties: cross-backend only, no finite differences
 * @param forwardOnly compare outputs only (non-differentiable layers)
 * @param x32Forward the X32 tolerance of the output
 * @param x32Gradient the X32 tolerance of the gradients
 * @param x64Forward the X64 tolerance of the output ({@link Tolerances#X64} unless TF computes in float32 inside)
 * @param validator accepts or rejects drawn data (margins from kinks); rejected data is redrawn with a new seed
 */
public record LayerCase(String name, ModelSpec model, int batch, CaseData.Generator inputs,
    CaseData.WeightGenerator weights, boolean training, boolean conventionOnly, boolean forwardOnly,
    Tolerance x32Forward, Tolerance x32Gradient, Tolerance x64Forward, Validator validator, long seed)
    implements ConformanceCase {

  /** Decides whether drawn data keeps the case's kinks at a safe distance. */
  @FunctionalInterface
  public interface Validator {
    boolean accept(ModelSpec spec, List<float[]> xs, Map<String, TensorValue> weights);
  }

  private static final int MAX_DRAWS = 500;

  /** A chain of layers, starting with its Input. */
  public static LayerCase of(String name, int batch, CaseData.Generator inputs, Layer... layers) {
    return of(ModelSpec.chain(name, List.of(layers)), batch, inputs);
  }

  /** A model of any shape; the case takes the spec's name. */
  public static LayerCase of(ModelSpec model, int batch, CaseData.Generator inputs) {
    return new LayerCase(model.name(), model, batch, inputs, CaseData.weightsFrom(CaseData.uniform(-1, 1)), true,
        false, false, Tolerances.X32_FORWARD, Tolerances.X32_GRADIENT, Tolerances.X64, (s, x, w) -> true,
        model.name().hashCode());
  }

  public LayerCase withWeights(CaseData.WeightGenerator weights) {
    return new LayerCase(name, model, batch, inputs, weights, training, conventionOnly, forwardOnly, x32Forward,
        x32Gradient, x64Forward, validator, seed);
  }

  /** Checks the inference-mode passes instead of the training-mode ones. */
  public LayerCase inInferenceMode() {
    return new LayerCase(name, model, batch, inputs, weights, false, conventionOnly, forwardOnly, x32Forward,
        x32Gradient, x64Forward, validator, seed);
  }

  /** A convention at an exact kink or tie: both backends must agree; finite differences do not apply there. */
  public LayerCase asConvention() {
    return new LayerCase(name, model, batch, inputs, weights, training, true, forwardOnly, x32Forward, x32Gradient,
        x64Forward, validator, seed);
  }

  /** Compares outputs only, across backends. */
  public LayerCase asForwardOnly() {
    return new LayerCase(name, model, batch, inputs, weights, training, true, true, x32Forward, x32Gradient,
        x64Forward, validator, seed);
  }

  public LayerCase withX32(Tolerance forward, Tolerance gradient) {
    return new LayerCase(name, model, batch, inputs, weights, training, conventionOnly, forwardOnly, forward,
        gradient, x64Forward, validator, seed);
  }

  /**
   * A layer TF computes in float32 even in a float64 graph (its sample points, as {@code ImageProjectiveTransformV3}
   * does): both cross-backend modes compare its output with this tolerance.
   */
  public LayerCase withFloat32Kernel(Tolerance forward) {
    return new LayerCase(name, model, batch, inputs, weights, training, conventionOnly, forwardOnly, forward,
        x32Gradient, forward, validator, seed);
  }

  public LayerCase withValidator(Validator validator) {
    return new LayerCase(name, model, batch, inputs, weights, training, conventionOnly, forwardOnly, x32Forward,
        x32Gradient, x64Forward, validator, seed);
  }

  @Override
  public Set<Mode> modes() {
    return Mode.forCase(conventionOnly);
  }

  @Override
  public Optional<ModelSpec> spec() {
    return Optional.of(model);
  }

  /** The data of one run: features of every input, a cotangent per output, weights and dropout masks. */
  private record Draw(Batch batch, List<TensorValue> cotangents, Map<String, TensorValue> weights,
      List<float[]> xs) {}

  private Draw draw() {
    for (int attempt = 0; attempt < MAX_DRAWS; attempt++) {
      long s = seed + 7919L * attempt;
      SeededRandom random = new SeededRandom(s);
      List<float[]> xs = new ArrayList<>();
      model.inputShapes().forEach(in -> xs.add(inputs.generate(random, in.withBatch(batch).size())));
      List<TensorValue> r = new ArrayList<>();
      for (Shape out : model.outputShapes()) {
        Shape shape = out.withBatch(batch);
        r.add(TensorValue.of(shape, CaseData.uniform(-1, 1).generate(random, shape.size())));
      }
      Map<String, TensorValue> w = CaseData.weights(model, s + 1, weights);
      if (validator.accept(model, xs, w)) {
        Batch b = Batch.features(xs, batch).withMasks(new RandomDraws(model).draw(batch, s + 2));
        return new Draw(b, r, w, xs);
      }
    }
    throw new IllegalStateException(name + ": no draw in " + MAX_DRAWS + " kept the kinks at a safe distance");
  }

  @Override
  public List<CheckRow> run(Mode mode, Engines engines) {
    Draw d = draw();
    return mode == Mode.FD64 ? finiteDifferences(engines, model, d) : crossBackend(mode, engines, model, d);
  }

  /** {@code output} or {@code output(name)}, {@code dx} or {@code dx(name)}: plain for a one-input one-output model. */
  private String outputRow(int k) {
    return model.outputs().size() == 1 ? "output" : "output(" + model.outputNames().get(k) + ")";
  }

  private String inputRow(int k) {
    return model.inputs().size() == 1 ? "dx" : "dx(" + model.inputs().get(k) + ")";
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
    Tolerance forward = x32 ? x32Forward : x64Forward;
    Tolerance gradient = x32 ? x32Gradient : Tolerances.X64;
    List<CheckRow> rows = new ArrayList<>();
    for (int k = 0; k < ref.outputs().size(); k++) {
      rows.add(Compare.allClose(name, mode, outputRow(k), mode.label(), ref.outputs().get(k), tf.outputs().get(k),
          forward));
    }
    if (!forwardOnly) {
      for (int k = 0; k < ref.inputGradients().size(); k++) {
        rows.add(Compare.allClose(name, mode, inputRow(k), mode.label(), ref.inputGradients().get(k),
            tf.inputGradients().get(k), gradient));
      }
      ref.weightGradients().forEach((k, v) -> rows.add(Compare.allClose(name, mode, "d" + k, mode.label(), v,
          tf.weightGradients().get(k), gradient)));
    }
    return rows;
  }

  private Gradients evaluate(BackendModel m, Draw d) {
    if (forwardOnly) {
      return new Gradients(Double.NaN, Double.NaN, List.of(), m.forwardOutputs(d.batch(), training), List.of(),
          Map.of());
    }
    return m.outputGradients(d.batch(), d.cotangents(), training);
  }

  private List<CheckRow> finiteDifferences(Engines engines, ModelSpec spec, Draw d) {
    List<CheckRow> rows = new ArrayList<>();
    for (var backend : List.of(engines.reference(), engines.tensorflow())) {
      String who = (backend == engines.reference() ? "ref64" : "tf64") + " vs fd64";
      try (BackendModel m = compile(backend, spec, DType.FLOAT64)) {
        m.setWeights(d.weights());
        Gradients analytic = m.outputGradients(d.batch(), d.cotangents(), training);
        for (String k : analytic.weightGradients().keySet()) {
          TensorValue fd = FiniteDifference.gradient(d.weights().get(k), v -> m.setWeights(Map.of(k, v)),
              () -> projection(m.forwardOutputs(d.batch(), training), d.cotangents()),
              FiniteDifference.Step.FLOAT64_WEIGHT);
          rows.add(Compare.withNote(Compare.allClose(name, Mode.FD64, "d" + k, who, fd,
              analytic.weightGradients().get(k), Tolerances.FD64), FiniteDifference.Step.FLOAT64_WEIGHT.description()));
        }
        for (int in = 0; in < d.xs().size(); in++) {
          // Every input keeps its drawn features while one of them is perturbed.
          List<float[]> moving = new ArrayList<>(d.xs());
          float[] perturbed = d.xs().get(in).clone();
          moving.set(in, perturbed);
          Batch moved = new Batch(moving, null, batch, d.batch().masks());
          TensorValue x = TensorValue.of(spec.inputShapes().get(in).withBatch(batch), d.xs().get(in));
          TensorValue fdx = FiniteDifference.gradient(x, v -> {
            for (int i = 0; i < perturbed.length; i++) {
              perturbed[i] = (float) v.get(i);
            }
          }, () -> projection(m.forwardOutputs(moved, training), d.cotangents()), FiniteDifference.Step.FLOAT32_INPUT);
          rows.add(Compare.withNote(Compare.allClose(name, Mode.FD64, inputRow(in), who, fdx,
              analytic.inputGradients().get(in), Tolerances.FD64), FiniteDifference.Step.FLOAT32_INPUT.description()));
        }
      }
    }
    return rows;
  }

  /** {@code Σₖ Σ Rₖ ⊙ outₖ}. */
  static double projection(List<TensorValue> outs, List<TensorValue> rs) {
    double s = 0;
    for (int k = 0; k < outs.size(); k++) {
      TensorValue out = outs.get(k);
      TensorValue r = rs.get(k);
      for (int i = 0; i < out.size(); i++) {
        s += out.get(i) * r.get(i);
      }
    }
    return s;
  }

  private static BackendModel compile(dev.layerwise.Backend backend, ModelSpec spec, DType dtype) {
    // The loss and optimizer are placeholders: a layer case drives the model through its output only.
    return Engines.compile(backend, spec, Loss.meanSquaredError(), Optimizer.sgd(0.1), dtype);
  }
}
