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
 * A stack of layers checked through the objective {@code L = Σ R ⊙ output} with a fixed random cotangent R
 * (a plain sum would hide bugs: Σ softmax is constant). Compares the forward output, {@code ∂L/∂x} and
 * {@code ∂L/∂w} for every trainable weight.
 *
 * @param layers the model, starting with its Input
 * @param inputs how the batch's features are drawn (kinked layers keep a margin from their kinks)
 * @param weights how every weight is drawn
 */
public record LayerCase(String name, List<Layer> layers, int batch, CaseData.Generator inputs,
    CaseData.Generator weights, long seed) implements ConformanceCase {

  public LayerCase {
    layers = List.copyOf(layers);
  }

  public static LayerCase of(String name, int batch, CaseData.Generator inputs, Layer... layers) {
    return new LayerCase(name, List.of(layers), batch, inputs, CaseData.uniform(-1, 1), name.hashCode());
  }

  @Override
  public Set<Mode> modes() {
    return EnumSet.allOf(Mode.class);
  }

  @Override
  public Set<Class<? extends Layer>> coveredLayers() {
    Set<Class<? extends Layer>> s = new HashSet<>();
    spec().nodes().forEach(n -> s.add(n.layer().getClass()));
    return s;
  }

  ModelSpec spec() {
    return ModelSpec.of(name, layers);
  }

  @Override
  public List<CheckRow> run(Mode mode, Engines engines) {
    ModelSpec spec = spec();
    SeededRandom random = new SeededRandom(seed);
    Shape inShape = spec.inputShape().withBatch(batch);
    float[] x = inputs.generate(random, inShape.size());
    Shape outShape = spec.outputShape().withBatch(batch);
    TensorValue r = TensorValue.of(outShape, CaseData.uniform(-1, 1).generate(random, outShape.size()));
    Map<String, TensorValue> w = CaseData.weights(spec, seed + 1, weights);
    Batch b = Batch.features(x, batch);
    return mode == Mode.FD64 ? finiteDifferences(engines, spec, b, r, w) : crossBackend(mode, engines, spec, b, r, w);
  }

  private List<CheckRow> crossBackend(Mode mode, Engines engines, ModelSpec spec, Batch b, TensorValue r,
      Map<String, TensorValue> w) {
    Gradients ref;
    Gradients tf;
    try (BackendModel m = compile(engines.reference(), spec, DType.FLOAT64)) {
      m.setWeights(w);
      ref = m.outputGradients(b, r);
    }
    try (BackendModel m = compile(engines.tensorflow(), spec, Engines.tfType(mode))) {
      m.setWeights(w);
      tf = m.outputGradients(b, r);
    }
    boolean x32 = mode == Mode.X32;
    List<CheckRow> rows = new ArrayList<>();
    rows.add(Compare.allClose(name, mode, "output", mode.label(), ref.output(), tf.output(),
        x32 ? Tolerances.X32_FORWARD : Tolerances.X64));
    rows.add(Compare.allClose(name, mode, "dx", mode.label(), ref.inputGradient(), tf.inputGradient(),
        x32 ? Tolerances.X32_GRADIENT : Tolerances.X64));
    ref.weightGradients().forEach((k, v) -> rows.add(Compare.allClose(name, mode, "d" + k, mode.label(), v,
        tf.weightGradients().get(k), x32 ? Tolerances.X32_GRADIENT : Tolerances.X64)));
    return rows;
  }

  private List<CheckRow> finiteDifferences(Engines engines, ModelSpec spec, Batch b, TensorValue r,
      Map<String, TensorValue> w) {
    List<CheckRow> rows = new ArrayList<>();
    for (var backend : List.of(engines.reference(), engines.tensorflow())) {
      String who = (backend == engines.reference() ? "ref64" : "tf64") + " vs fd64";
      try (BackendModel m = compile(backend, spec, DType.FLOAT64)) {
        m.setWeights(w);
        Gradients analytic = m.outputGradients(b, r);
        for (String k : analytic.weightGradients().keySet()) {
          TensorValue fd = FiniteDifference.gradient(w.get(k), v -> m.setWeights(Map.of(k, v)),
              () -> projection(m.forward(b, true), r), FiniteDifference.Step.FLOAT64_WEIGHT);
          rows.add(Compare.withNote(Compare.allClose(name, Mode.FD64, "d" + k, who, fd,
              analytic.weightGradients().get(k), Tolerances.FD64), FiniteDifference.Step.FLOAT64_WEIGHT.description()));
        }
        TensorValue x = TensorValue.of(spec.inputShape().withBatch(batch), copy(b));
        float[] perturbed = copy(b);
        TensorValue fdx = FiniteDifference.gradient(x, v -> {
          for (int i = 0; i < perturbed.length; i++) {
            perturbed[i] = (float) v.get(i);
          }
        }, () -> projection(m.forward(Batch.features(perturbed, batch), true), r),
            FiniteDifference.Step.FLOAT32_INPUT);
        rows.add(Compare.withNote(Compare.allClose(name, Mode.FD64, "dx", who, fdx, analytic.inputGradient(),
            Tolerances.FD64), FiniteDifference.Step.FLOAT32_INPUT.description()));
      }
    }
    return rows;
  }

  private float[] copy(Batch b) {
    return java.util.Arrays.copyOf(b.x(), batch * spec().inputShape().size());
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
