package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.data.Dataset;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.internal.Batches;
import dev.layerwise.internal.DataChecks;
import dev.layerwise.layers.Dropout;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.RandomDraws;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The passes a compiled model opens to its user: a forward pass in either mode with any layer's output, and the
 * loss's gradients. Each takes the given samples as one batch (so training-mode batch normalisation uses their
 * statistics, as Keras's {@code model(x, training=True)} does), checks everything in Java first, and answers in the
 * model's precision.
 */
final class ModelPasses {
  private final ModelSpec spec;
  private final TrainingConfig config;
  /** The precision values are handed out in ({@code CompiledModel.dtype()}). */
  private final DType valueDType;
  private final BackendModel impl;
  private final long seed;
  /** The Dropout nodes by the name users know them by (the node's own: Dropout does not desugar). */
  private final Map<String, LayerNode> randomNodes = new LinkedHashMap<>();

  ModelPasses(ModelSpec spec, TrainingConfig config, DType valueDType, BackendModel impl, long seed) {
    this.spec = spec;
    this.config = config;
    this.valueDType = valueDType;
    this.impl = impl;
    this.seed = seed;
    spec.nodes().stream().filter(n -> RandomDraws.sampleShape(n) != null).forEach(n -> randomNodes.put(n.name(), n));
  }

  ForwardResult forward(Dataset data, ForwardOptions options) {
    String what = options.trainingMode() ? "forward(training)" : "forward";
    List<String> nodes = new ArrayList<>(spec.outputs());
    for (String layer : options.layerOutputs()) {
      try {
        nodes.add(spec.coreNodeOf(layer));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
      }
    }
    Batch batch = wholeBatch(DataChecks.features(spec, data, what));
    Map<String, float[]> masks = options.trainingMode() ? masks(batch.size(), options.dropoutMasks(), what) : Map.of();
    List<TensorValue> values = impl.forwardNodes(batch.withMasks(masks), options.trainingMode(), nodes);
    Map<String, NdValue> outputs = new LinkedHashMap<>();
    for (int k = 0; k < spec.outputs().size(); k++) {
      outputs.put(spec.outputNames().get(k), SpiValues.toNd(values.get(k), valueDType));
    }
    Map<String, NdValue> layers = new LinkedHashMap<>();
    for (int k = 0; k < options.layerOutputs().size(); k++) {
      layers.put(options.layerOutputs().get(k), SpiValues.toNd(values.get(spec.outputs().size() + k),
          valueDType));
    }
    return new ForwardResult(options.trainingMode(), outputs, layers, maskValues(masks, batch.size()));
  }

  LossGradients gradients(Dataset data, Map<String, NdValue> dropoutMasks) {
    String what = "gradients";
    spec.checkDifferentiable(what);
    spec.checkInputGradients(what);
    Batch batch = wholeBatch(DataChecks.labelled(spec, config, data, what));
    Map<String, float[]> masks = masks(batch.size(), dropoutMasks, what);
    Gradients g = impl.lossGradients(batch.withMasks(masks));
    Map<String, Double> outputLosses = new LinkedHashMap<>();
    Map<String, NdValue> outputs = new LinkedHashMap<>();
    for (int k = 0; k < spec.outputs().size(); k++) {
      outputLosses.put(spec.outputNames().get(k), g.outputLosses().get(k));
      outputs.put(spec.outputNames().get(k), SpiValues.toNd(g.outputs().get(k), valueDType));
    }
    Map<String, NdValue> inputs = new LinkedHashMap<>();
    for (int k = 0; k < spec.inputs().size(); k++) {
      inputs.put(spec.inputs().get(k), SpiValues.toNd(g.inputGradients().get(k), valueDType));
    }
    return new LossGradients(g.loss(), g.regularizationLoss(), outputLosses,
        SpiValues.toNd(g.weightGradients(), valueDType), inputs, outputs, maskValues(masks, batch.size()));
  }

  /** A dataset of one input's samples (and one output's targets), each array {@code [samples, ...shape]}. */
  static Dataset singleInput(Model model, NdValue x, NdValue y, String what) {
    requireNonNull(x, what + ": x");
    checkArgument(model.spec().inputs().size() == 1 && (y == null || model.spec().outputs().size() == 1), "%s: model '%s' has"
        + " inputs %s and outputs %s; give a Dataset with an array per input and output", what, model.name(),
        model.inputNames(), model.outputNames());
    checkArgument(x.rank() >= 1 && (y == null || y.rank() >= 1), "%s: x and y hold samples along their first axis,"
        + " got x of shape %s%s", what, x.shape(), y == null ? "" : " and y of shape " + y.shape());
    Shape sample = x.rank() == 1 ? Shape.scalar() : x.shape().dropFirst();
    Shape label = y == null ? null : y.rank() == 1 ? Shape.scalar() : y.shape().dropFirst();
    // Values keep their precision: a float64 model computes on float64 ones as given, a float32 one rounds them.
    boolean doubles = x.dtype() == DType.FLOAT64 || y != null && y.dtype() == DType.FLOAT64;
    if (y == null) {
      return doubles ? Dataset.featuresOnly(x.toDoubleArray(), sample) : Dataset.featuresOnly(x.toFloatArray(),
          sample);
    }
    return doubles ? Dataset.of(x.toDoubleArray(), sample, y.toDoubleArray(), label)
        : Dataset.of(x.toFloatArray(), sample, y.toFloatArray(), label);
  }

  /** Every sample of an arranged dataset in one batch (in float64 too for a float64 model). */
  private Batch wholeBatch(Dataset arranged) {
    return Batches.sequential(arranged, arranged.size(), config.dtype() == DType.FLOAT64).get(0);
  }

  /**
   * The draws of every random node (Dropout masks, augmentation parameters) for {@code n} samples: the given ones,
   * checked, and the others drawn from the model's seed (the same for every call with the same number of samples).
   */
  private Map<String, float[]> masks(int n, Map<String, NdValue> given, String what) {
    given.forEach((name, values) -> {
      checkArgument(randomNodes.containsKey(name), "%s: model '%s' has no Dropout or augmentation layer '%s'; its"
          + " random layers are %s", what, spec.name(), name, randomNodes.keySet());
      LayerNode node = randomNodes.get(name);
      Shape expected = RandomDraws.sampleShape(node).withBatch(n);
      boolean dropout = node.layer() instanceof Dropout;
      checkArgument(values != null && values.shape().equals(expected), "%s: the %s of '%s' must have shape %s"
          + " (%s samples of %s), got %s", what, dropout ? "dropout mask" : "draws", name, expected, n,
          dropout ? "the layer's input" : "its parameters", values == null ? null : values.shape());
      RandomDraws.check(node, values.toFloatArray(), n, what);
    });
    Map<String, float[]> masks = new LinkedHashMap<>(new RandomDraws(spec).draw(n, SeededRandom.derive(seed,
        "forward")));
    given.forEach((name, values) -> masks.put(name, values.toFloatArray()));
    return masks;
  }

  private Map<String, NdValue> maskValues(Map<String, float[]> masks, int n) {
    Map<String, NdValue> out = new LinkedHashMap<>();
    masks.forEach((name, m) -> out.put(name, NdValue.own(RandomDraws.sampleShape(randomNodes.get(name))
        .withBatch(n), m).withDType(valueDType)));
    return out;
  }
}
