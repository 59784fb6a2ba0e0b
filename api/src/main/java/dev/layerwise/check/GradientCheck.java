package dev.layerwise.check;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.DType;
import dev.layerwise.Model;
import dev.layerwise.TrainingConfig;
import dev.layerwise.data.Dataset;
import dev.layerwise.internal.DataChecks;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.Capability;
import dev.layerwise.spi.RandomDraws;
import dev.layerwise.spi.Gradients;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a model's backward pass against finite differences of its own forward pass, in float64: every trainable
 * parameter tensor, for the data loss and, apart, for the regularization penalty.
 *
 * <pre>{@code
 * GradientCheckReport report = GradientCheck.of(compiled).data(train).run();   // reference backend, float64
 * System.out.println(report);                  // a row per layer and parameter, hints when something fails
 * report.orThrow();
 * }</pre>
 *
 * <p>How: the model is compiled again in float64 (on the reference backend unless {@link #onBackend} says
 * otherwise; TensorFlow in float64 is opt-in) with the weights it has now, on a batch of the first
 * {@link #samples} samples with dropout masks drawn once and frozen, and with batch normalisation in training mode
 * (batch statistics), as in a training step. For each tensor θ with backward-pass gradient g, two directional
 * derivatives are compared first (cheap: two forward passes each): along {@code g/‖g‖} and along a seeded random
 * unit vector, by central differences ({@link CentralDifference}, which also steps past kinks). Only if one
 * disagrees is the tensor checked element by element on an evenly spaced subset ({@link #elementsPerTensor}).
 * The data loss is differentiated on the model with its penalties removed; the penalty's gradient is the full
 * model's gradient minus that, checked against differences of the penalty alone — so a wrong penalty gradient
 * and a wrong data gradient cannot hide each other.
 */
public final class GradientCheck {
  private static final Logger LOG = LoggerFactory.getLogger(GradientCheck.class);
  private static final String WHAT = "GradientCheck";

  private final Model model;
  private final TrainingConfig config;
  private final Map<String, TensorValue> weights;
  private Backend backend;
  private Dataset data;
  private int samples = 8;
  private int elementsPerTensor = 16;
  private double rtol = 1e-5;
  private long seed = 1;

  private GradientCheck(Model model, TrainingConfig config, Map<String, TensorValue> weights) {
    this.model = model;
    this.config = config;
    this.weights = weights;
  }

  /** Checks a compiled model (any backend) at its current weights, with its loss. */
  public static GradientCheck of(CompiledModel model) {
    requireNonNull(model, "GradientCheck: model");
    return new GradientCheck(model.model(), model.config(), model.backendModel().weights());
  }

  /** Checks a model at its seeded initial weights (a seed is taken if it has none) with a loss. */
  public static GradientCheck of(Model model, Loss loss) {
    requireNonNull(model, "GradientCheck: model");
    requireNonNull(loss, "GradientCheck: loss");
    Model seeded = model.seed().isPresent() ? model : model.withSeed(1);
    return new GradientCheck(seeded, TrainingConfig.of(Optimizer.sgd(0.01), loss),
        seeded.spec().initialWeights(seeded.seed().getAsLong()));
  }

  /** The labelled samples to differentiate on; the first {@link #samples} are used. Required. */
  public GradientCheck data(Dataset data) {
    this.data = requireNonNull(data, "GradientCheck: data");
    return this;
  }

  /** How many samples form the batch (default 8): enough to exercise batch sums, few enough to be fast. */
  public GradientCheck samples(int samples) {
    checkArgument(samples >= 1, "GradientCheck: samples must be ≥ 1, got %s", samples);
    this.samples = samples;
    return this;
  }

  /** Where to compute (default the reference backend); it must compute in float64. */
  public GradientCheck onBackend(Backend backend) {
    requireNonNull(backend, "GradientCheck: backend");
    checkArgument(backend.capabilities().contains(Capability.FLOAT64),
        "GradientCheck: backend '%s' cannot compute in float64, which finite differences need", backend.name());
    this.backend = backend;
    return this;
  }

  /** {@link #onBackend(Backend)} by name, e.g. {@code "tensorflow"}. */
  public GradientCheck onBackend(String name) {
    return onBackend(Backend.named(name));
  }

  /** The relative tolerance of each comparison (default 1e-5). */
  public GradientCheck tolerance(double rtol) {
    checkArgument(rtol > 0 && rtol < 1, "GradientCheck: tolerance must be in (0, 1), got %s", rtol);
    this.rtol = rtol;
    return this;
  }

  /** How many evenly spaced elements of a tensor to check when a direction disagrees (default 16). */
  public GradientCheck elementsPerTensor(int count) {
    checkArgument(count >= 1, "GradientCheck: elementsPerTensor must be ≥ 1, got %s", count);
    this.elementsPerTensor = count;
    return this;
  }

  /** Seeds the random directions and the dropout masks (default 1). */
  public GradientCheck seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Runs the check; nothing of the source model changes. */
  public GradientCheckReport run() {
    ModelSpec spec = model.spec();
    spec.checkDifferentiable(WHAT);
    spec.checkInputGradients(WHAT);
    checkArgument(data != null, "%s: no data; call data(dataset) with a few labelled samples", WHAT);
    Dataset arranged = DataChecks.labelled(spec, config, data, WHAT);
    checkArgument(!spec.trainableWeightNames().isEmpty(), "%s: model '%s' has no trainable weights to check",
        WHAT, spec.name());
    Backend on = backend != null ? backend : Backend.named("reference");
    Batch batch = batch(spec, arranged);
    TrainingConfig f64 = new TrainingConfig(config.optimizer(), config.loss(), List.of(), DType.FLOAT64,
        config.outputLosses(), config.lossWeights(), Map.of());
    LOG.debug("gradient check of '{}' on {} in float64, {} samples", spec.name(), on.name(), batch.size());
    List<ParameterCheck> checks = new ArrayList<>();
    double dataLoss;
    double penalty = 0;
    try (BackendModel plain = on.compile(spec.withoutRegularizers(), f64)) {
      plain.setWeights(weights);
      Gradients g = plain.lossGradients(batch);
      dataLoss = g.loss();
      TensorProbes probes = new TensorProbes(plain, rtol, elementsPerTensor, seed);
      for (String name : spec.trainableWeightNames()) {
        checks.add(probes.check(name, "data loss", weights.get(name), g.weightGradients().get(name),
            () -> plain.lossGradients(batch).loss()));
      }
      if (spec.hasRegularizers()) {
        penalty = checkPenalty(on, spec, f64, batch, g, checks);
      }
    }
    return new GradientCheckReport(spec, on.name(), batch.size(), rtol, dataLoss, penalty, checks);
  }

  /** The penalty's gradient: the full model's minus the plain one's, against differences of the penalty. */
  private double checkPenalty(Backend on, ModelSpec spec, TrainingConfig f64, Batch batch, Gradients plain,
      List<ParameterCheck> checks) {
    try (BackendModel full = on.compile(spec, f64)) {
      full.setWeights(weights);
      Gradients g = full.lossGradients(batch);
      TensorProbes probes = new TensorProbes(full, rtol, elementsPerTensor, seed);
      spec.weightSpecs().forEach((name, w) -> {
        if (w.regularizer() == null) {
          return;
        }
        double[] total = g.weightGradients().get(name).data();
        double[] data = plain.weightGradients().get(name).data();
        double[] diff = new double[total.length];
        for (int i = 0; i < diff.length; i++) {
          diff[i] = total[i] - data[i];
        }
        checks.add(probes.check(name, "regularization", weights.get(name), new TensorValue(w.shape(), diff),
            () -> full.lossGradients(batch).regularizationLoss()));
      });
      return g.regularizationLoss();
    }
  }

  /** The first {@link #samples} samples of a dataset arranged in the model's order, with frozen dropout masks and augmentation draws. */
  private Batch batch(ModelSpec spec, Dataset arranged) {
    int n = Math.min(samples, arranged.size());
    List<float[]> xs = new ArrayList<>();
    arranged.featureShapes().forEach(s -> xs.add(new float[n * s.size()]));
    List<float[]> ys = new ArrayList<>();
    arranged.targetShapes().forEach(s -> ys.add(new float[n * s.size()]));
    arranged.copyRange(0, n, xs, ys);
    List<double[]> xs64 = new ArrayList<>();
    arranged.featureShapes().forEach(s -> xs64.add(new double[n * s.size()]));
    List<double[]> ys64 = new ArrayList<>();
    arranged.targetShapes().forEach(s -> ys64.add(new double[n * s.size()]));
    arranged.copyRangeDoubles(0, n, xs64, ys64); // the check runs in float64: double data reaches it unrounded
    return new Batch(xs, ys, n, new RandomDraws(spec).draw(n, seed), xs64, ys64);
  }
}
