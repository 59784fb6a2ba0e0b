package dev.layerwise.doctor;

import static dev.layerwise.doctor.Probes.g;
import static dev.layerwise.doctor.Probes.pct;

import dev.layerwise.CompiledModel;
import dev.layerwise.ForwardOptions;
import dev.layerwise.ForwardResult;
import dev.layerwise.NdValue;
import dev.layerwise.data.Dataset;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.ELU;
import dev.layerwise.layers.LeakyReLU;
import dev.layerwise.layers.Maxout;
import dev.layerwise.layers.PReLU;
import dev.layerwise.spi.LayerNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The course's look at a model's activations before training: one forward pass over up to {@value
 * Probes#SAMPLES} samples, and for every layer whose output is an activation (Dense, Conv2D, Activation,
 * BatchNormalization, LeakyReLU, PReLU, ELU, Maxout) the mean and standard deviation of its outputs over samples,
 * positions and units; for tanh and sigmoid layers the share saturated; for ReLU layers the share of units dead.
 * Softmax outputs are left out: they are probabilities, not activations to read. The model's output layer is
 * measured (for the charts) but not judged: its scale is the initial loss's business ({@link InitialLoss}).
 *
 * <p>The pass runs in inference mode (nothing drops, nothing changes), except in a model with batch normalisation:
 * there inference mode uses the moving statistics, which at initialisation (mean 0, variance 1) make the layer
 * nearly the identity, so the pass would show the activations of a model without it. Such a model runs in training
 * mode, as its first training step does, with every Dropout mask keeping everything; nothing is updated either way.
 *
 * <p>Three checks, on the hidden layers (every measured layer but the outputs), in model order:
 * <ul>
 *   <li><b>activation scale</b>: the std of each hidden layer that applies a nonlinearity against the first such
 *       layer's (a linear layer before batch normalisation, and the normalisation itself, set no scale that the
 *       next layer sees). Through N(0, σ²) weights a layer's variance is multiplied by fanIn·σ² (times tanh's slope
 *       ≤ 1): with σ = 0.01 and 256 units by 0.026, so the std shrinks ~6× per layer and the later layers — and
 *       the gradients of every weight before them, ∂L/∂W = δ·xᵀ — go to 0. A first layer that outputs one constant
 *       for every sample (every value equal: std exactly 0) has all-zero kernels (or every unit dead): every unit
 *       of a layer computes the same thing, gets the same gradient and stays the same. A ReLU layer with every unit
 *       dead is left to the dead-ReLU check (its std is 0 because it is dead), unless the kernels are all zero.
 *   <li><b>saturation</b>: tanh units with |a| &gt; {@value #TANH_SATURATED} and sigmoid units below
 *       {@value #SIGMOID_LOW} or above 1 − {@value #SIGMOID_LOW}. The threshold is where the slope that
 *       back-propagation multiplies by has all but vanished: tanh'(z) = 1 − a² = 0.0199 at |a| = 0.99, 1/50 of its
 *       largest value 1; σ'(z) = a(1 − a) = 0.0099 at a = 0.99, 1/25 of its largest value 1/4. (The 0.9 of the
 *       initialisation experiment counts units that still pass a fifth of their gradient.) N(0, 1) weights in a
 *       deep tanh net put most units there.
 *   <li><b>dead ReLUs</b>: ReLU units (Dense units, Conv2D channels) whose output is ≤ 0 for every sample (and every
 *       position) of the batch: their gradient is 0, so nothing upstream of them learns through them and they stay
 *       dead. A large negative bias does it at initialisation; a too-large step does it during training. Left out
 *       when the first layer outputs a constant because the kernels are all zero: every unit is then "dead" for
 *       that reason, which the scale check names.
 * </ul>
 *
 * @param means each measured layer's mean activation, by layer name, in model order
 * @param stds each measured layer's standard deviation, over samples, positions and units
 * @param saturated the saturated share of each tanh or sigmoid layer
 * @param dead the dead share of the units of each ReLU layer
 * @param hidden the layers judged (measured, not an output), in model order
 * @param checks activation scale, saturation (if a tanh or sigmoid layer is hidden), dead ReLUs (if a ReLU layer is)
 */
public record ActivationStatistics(Map<String, Double> means, Map<String, Double> stds,
    Map<String, Double> saturated, Map<String, Double> dead, List<String> hidden, List<Check> checks) {
  /** |a| above which a tanh unit counts as saturated: its slope 1 − a² is below 0.02 (see the class comment). */
  static final double TANH_SATURATED = 0.99;
  /** A sigmoid unit below this or above 1 minus this counts as saturated: its slope a(1 − a) is below 0.01. */
  static final double SIGMOID_LOW = 0.01;
  /**
   * A hidden layer's std relative to the first one's below which the activations have collapsed (FAIL). Measured
   * ({@code DoctorCalibration}, TensorFlow backend, 512 Fashion-MNIST samples): the smallest ratio is 0.82 in the
   * healthy 784-256-128-10 ReLU MLP (Glorot), 1.00 in the example CNN, 0.54 in a 7-layer tanh net with Glorot
   * kernels; with N(0, 0.01²) kernels the same tanh net's stds are 0.118, 0.019, 0.0031, 5.0e-4, 7.9e-5, 1.3e-5,
   * 2.0e-6, the ratio 1.7e-5.
   */
  static final double COLLAPSE_FAIL = 1e-2;
  /**
   * ... below which they are shrinking (WARN): 5× under the smallest healthy ratio measured (0.54), and already
   * passed by the second layer of the N(0, 0.01²) net (0.16 after one layer, 0.027 after two).
   */
  static final double COLLAPSE_WARN = 0.1;
  /**
   * The saturated share of a tanh or sigmoid layer above which the layer WARNs. Measured: at most 0.01% in the
   * 7-layer tanh net with Glorot kernels, 80–87% in every layer of the same net with N(0, 1) kernels (on standardised
   * generated data, 0.8% behind batch normalisation of N(0, 1) kernels).
   */
  static final double SATURATION_WARN = 0.2;
  /** ... above which it FAILs: most of the layer passes almost no gradient. */
  static final double SATURATION_FAIL = 0.5;
  /**
   * The dead share of a ReLU layer's units above which the layer WARNs. Measured: at most 2.3% in the healthy MLP and
   * 3.1% in the CNN (a unit silent on all 512 samples, not dead for good); with every bias −1 the MLP's layers have
   * 57% and 100% dead; after one epoch of Adam at 1e-1, 100% and 100%.
   */
  static final double DEAD_WARN = 0.1;
  /** ... above which it FAILs: most of the layer is gone. */
  static final double DEAD_FAIL = 0.5;

  public ActivationStatistics {
    means = Collections.unmodifiableMap(new LinkedHashMap<>(means));
    stds = Collections.unmodifiableMap(new LinkedHashMap<>(stds));
    saturated = Collections.unmodifiableMap(new LinkedHashMap<>(saturated));
    dead = Collections.unmodifiableMap(new LinkedHashMap<>(dead));
    hidden = List.copyOf(hidden);
    checks = List.copyOf(checks);
  }

  /** One forward pass over up to {@value Probes#SAMPLES} samples of {@code data}; nothing changes in the model. */
  public static ActivationStatistics measure(CompiledModel model, Dataset data) {
    Dataset batch = Probes.spread(data, Probes.SAMPLES);
    List<LayerNode> measured = new ArrayList<>();
    for (LayerNode n : model.spec().layers()) {
      if (measurable(n)) {
        measured.add(n);
      }
    }
    ForwardResult pass = model.forward(batch, options(model, measured, batch.size()));
    Map<String, Double> means = new LinkedHashMap<>();
    Map<String, Double> stds = new LinkedHashMap<>();
    Map<String, Double> saturated = new LinkedHashMap<>();
    Map<String, Double> dead = new LinkedHashMap<>();
    List<String> hidden = new ArrayList<>();
    List<String> activations = new ArrayList<>();
    Map<String, ActivationFn> functions = new LinkedHashMap<>();
    for (LayerNode n : measured) {
      ActivationFn fn = Probes.activationOf(n.layer());
      NdValue a = pass.layerOutput(n.name());                // read in place: a CNN's layers are 10⁷ values
      int units = n.outputShape().last();
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      long out = 0;
      boolean[] alive = new boolean[units];
      int size = a.size();
      for (int i = 0; i < size; i++) {
        double v = a.getFlat(i);
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
        if (v > 0) {
          alive[i % units] = true;
        }
        if (fn == ActivationFn.TANH && Math.abs(v) > TANH_SATURATED
            || fn == ActivationFn.SIGMOID && (v < SIGMOID_LOW || v > 1 - SIGMOID_LOW)) {
          out++;
        }
      }
      double mean = sum / size;
      double square = 0;                                     // two passes: the std of a tiny spread about a large
      for (int i = 0; i < size; i++) {                       // mean does not cancel away
        double d = a.getFlat(i) - mean;
        square += d * d;
      }
      means.put(n.name(), mean);
      stds.put(n.name(), min == max ? 0 : Math.sqrt(square / size));   // exactly 0 for a constant output
      if (fn == ActivationFn.TANH || fn == ActivationFn.SIGMOID) {
        saturated.put(n.name(), (double) out / size);
      }
      if (fn == ActivationFn.RELU) {
        int deadUnits = 0;
        for (boolean b : alive) {
          deadUnits += b ? 0 : 1;
        }
        dead.put(n.name(), (double) deadUnits / units);
      }
      if (!Probes.isOutput(model, n)) {
        hidden.add(n.name());
        functions.put(n.name(), fn);
        if (nonlinear(n)) {
          activations.add(n.name());
        }
      }
    }
    List<Check> checks = new ArrayList<>();
    List<String> zero = zeroKernels(model);
    List<String> live = live(activations, dead, zero);
    checks.add(scale(activations, live, zero, stds));
    List<String> bounded = hidden.stream().filter(saturated::containsKey).toList();
    if (!bounded.isEmpty()) {
      checks.add(saturation(bounded, saturated, functions));
    }
    List<String> relus = hidden.stream().filter(dead::containsKey).toList();
    // a constant first layer (all-zero kernels) makes every later unit "dead"; the scale check has named it
    boolean constant = !live.isEmpty() && stds.get(live.get(0)) == 0;
    if (!relus.isEmpty() && !constant) {
      checks.add(deadRelus(relus, dead));
    }
    return new ActivationStatistics(means, stds, saturated, dead, hidden, checks);
  }

  /** A layer whose output is an activation worth reading; softmax outputs are probabilities and left out. */
  private static boolean measurable(LayerNode n) {
    boolean kind = n.layer() instanceof Dense || n.layer() instanceof Conv2D || n.layer() instanceof Activation
        || n.layer() instanceof BatchNormalization || n.layer() instanceof LeakyReLU || n.layer() instanceof PReLU
        || n.layer() instanceof ELU || n.layer() instanceof Maxout;
    return kind && Probes.activationOf(n.layer()) != ActivationFn.SOFTMAX;
  }

  /**
   * Whether a layer applies a nonlinearity: the layers whose scale the next layer takes in. A linear Dense or
   * Conv2D layer feeding batch normalisation, or the normalisation itself, has a scale of no consequence.
   */
  private static boolean nonlinear(LayerNode n) {
    return Probes.activationOf(n.layer()) != ActivationFn.LINEAR || n.layer() instanceof LeakyReLU
        || n.layer() instanceof PReLU || n.layer() instanceof ELU || n.layer() instanceof Maxout;
  }

  /** Inference mode; training mode with keep-everything dropout masks for a model with batch normalisation. */
  private static ForwardOptions options(CompiledModel model, List<LayerNode> measured, int samples) {
    String[] names = measured.stream().map(LayerNode::name).toArray(String[]::new);
    boolean normalised = model.spec().layers().stream().anyMatch(n -> n.layer() instanceof BatchNormalization);
    if (!normalised) {
      return ForwardOptions.inference().withLayerOutputs(names);
    }
    Map<String, NdValue> keepAll = new LinkedHashMap<>();
    for (LayerNode n : model.spec().layers()) {
      if (n.layer() instanceof Dropout) {
        keepAll.put(n.name(), NdValue.filled(n.inputShape().withBatch(samples), model.dtype(), 1.0));
      }
    }
    return ForwardOptions.training().withDropoutMasks(keepAll).withLayerOutputs(names);
  }

  /** The kernels that are all zero, by full name. */
  private static List<String> zeroKernels(CompiledModel model) {
    List<String> zero = new ArrayList<>();
    model.weights().forEach((w, v) -> {
      if (w.endsWith("/kernel") && Probes.norm(v) == 0) {
        zero.add(w);
      }
    });
    return zero;
  }

  /**
   * The hidden layers the scale check reads. A ReLU layer with every unit dead has std 0 because it is dead: the
   * dead-ReLU check reads it. With all-zero kernels every layer is constant, dead or not, and that is this check's
   * reading.
   */
  private static List<String> live(List<String> hidden, Map<String, Double> dead, List<String> zero) {
    return hidden.stream().filter(l -> !zero.isEmpty() || !dead.containsKey(l) || dead.get(l) < 1.0).toList();
  }

  /** The scale check over the hidden layers that apply a nonlinearity ({@code hidden} here). */
  private static Check scale(List<String> hidden, List<String> live, List<String> zero, Map<String, Double> stds) {
    String name = "activation scale";
    String expected = String.format(java.util.Locale.ROOT, "every hidden layer's std above %s of the first"
        + " hidden layer's", g(COLLAPSE_WARN));
    if (hidden.isEmpty()) {
      return Check.pass(name, "no hidden layer with a nonlinearity", expected);
    }
    if (live.isEmpty()) {
      return Check.pass(name, "every hidden layer is a ReLU layer with every unit dead (see dead ReLUs)", expected);
    }
    String first = live.get(0);
    double reference = stds.get(first);
    if (reference == 0) {
      return new Check(name, Verdict.FAIL, "hidden layer '" + first + "' (the first read) outputs one constant for"
          + " every sample (std 0)" + (zero.isEmpty() ? "" : "; all-zero kernels: " + String.join(", ", zero)),
          expected,
          "A layer that outputs the same for every sample carries nothing about the input, and every unit of it"
              + " computes the same thing: with all-zero (or constant) weights each unit of a layer gets the same"
              + " gradient and they stay identical — the symmetry is never broken.",
          List.of("Initialise the kernels randomly: Glorot for tanh, sigmoid and linear layers, He for ReLU.",
              "If the kernels are random, look at the layers before: one that outputs a constant starves the rest."));
    }
    String worst = null;
    double worstRatio = Double.POSITIVE_INFINITY;
    StringBuilder row = new StringBuilder();
    for (String layer : live) {
      row.append(row.length() == 0 ? "" : ", ").append(layer).append(' ').append(g(stds.get(layer)));
      double ratio = stds.get(layer) / reference;
      if (ratio < worstRatio) {
        worstRatio = ratio;
        worst = layer;
      }
    }
    String measured = "std by layer: " + row + "; smallest relative to '" + first + "': " + g(worstRatio)
        + " ('" + worst + "')";
    if (worstRatio >= COLLAPSE_WARN) {
      return Check.pass(name, measured, expected);
    }
    return new Check(name, worstRatio < COLLAPSE_FAIL ? Verdict.FAIL : Verdict.WARN, measured, expected,
        "The activations shrink from layer to layer: the weights are too small for their fan-in (each layer"
            + " multiplies the variance by fanIn·Var(w)), so the deeper layers output almost 0, and the gradient of"
            + " every weight, δ·xᵀ, shrinks with them: training starts slowly or not at all.",
        List.of("Initialise with Glorot (tanh, sigmoid) or He (ReLU): Var(w) = 2/(fanIn + fanOut) or 2/fanIn"
                + " keeps the variance from layer to layer, instead of a small fixed N(0, 0.01²).",
            "Add batch normalisation after the deep layers.",
            "Check the features are standardised (mean 0, std 1): tiny inputs shrink every layer too."));
  }

  private static Check saturation(List<String> layers, Map<String, Double> saturated,
      Map<String, ActivationFn> functions) {
    String worst = layers.get(0);
    StringBuilder row = new StringBuilder();
    for (String layer : layers) {
      row.append(row.length() == 0 ? "" : ", ").append(layer).append(' ').append(pct(saturated.get(layer)));
      if (saturated.get(layer) > saturated.get(worst)) {
        worst = layer;
      }
    }
    double share = saturated.get(worst);
    String measured = "saturated share by layer: " + row;
    String expected = "at most " + pct(SATURATION_WARN) + " of a layer's tanh outputs beyond ±" + TANH_SATURATED
        + " (sigmoid: beyond " + SIGMOID_LOW + " of 0 or 1)";
    if (share <= SATURATION_WARN) {
      return Check.pass("saturation", measured, expected);
    }
    return new Check("saturation", share > SATURATION_FAIL ? Verdict.FAIL : Verdict.WARN, measured, expected,
        "Units sit at the flat ends of " + functions.get(worst).kerasName() + " ('" + worst + "': "
            + pct(share) + "): there its slope is almost 0, so back-propagation passes almost no gradient through"
            + " them and the layers before them barely learn. The weights are too large for their fan-in (N(0, 1)"
            + " weights multiply the variance by the fan-in).",
        List.of("Initialise with Glorot (Var(w) = 2/(fanIn + fanOut)) instead of N(0, 1) or another large fixed"
                + " scale.",
            "Standardise the features: large inputs saturate the first layer.",
            "Add batch normalisation before the activations, or use ReLU in the hidden layers."));
  }

  private static Check deadRelus(List<String> layers, Map<String, Double> dead) {
    String worst = layers.get(0);
    StringBuilder row = new StringBuilder();
    for (String layer : layers) {
      row.append(row.length() == 0 ? "" : ", ").append(layer).append(' ').append(pct(dead.get(layer)));
      if (dead.get(layer) > dead.get(worst)) {
        worst = layer;
      }
    }
    double share = dead.get(worst);
    String measured = "units ≤ 0 on every sample, by layer: " + row;
    String expected = "at most " + pct(DEAD_WARN) + " of a layer's units";
    if (share <= DEAD_WARN) {
      return Check.pass("dead ReLUs", measured, expected);
    }
    return new Check("dead ReLUs", share > DEAD_FAIL ? Verdict.FAIL : Verdict.WARN, measured, expected,
        "ReLU units that output 0 for every sample ('" + worst + "': " + pct(share) + " of its units) get no"
            + " gradient (ReLU's slope is 0 there), so they never learn and pass nothing on: the layer is"
            + " narrower than it looks, or dead. A large negative bias at initialisation does it, and so does a"
            + " too-large step that pushed the weights far negative.",
        List.of("Initialise the biases at 0 (or a small positive value) and the kernels with He.",
            "If this is a trained model, lower the learning rate: a large update kills units for good.",
            "Use LeakyReLU or ELU, whose slope below 0 is not 0."));
  }
}
