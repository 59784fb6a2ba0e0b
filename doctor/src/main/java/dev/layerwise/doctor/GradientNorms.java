package dev.layerwise.doctor;

import static dev.layerwise.doctor.Probes.g;

import dev.layerwise.CompiledModel;
import dev.layerwise.LossGradients;
import dev.layerwise.NdValue;
import dev.layerwise.data.Dataset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gradient of the loss on one batch of up to {@value Probes#SAMPLES} samples ({@link CompiledModel#gradients}:
 * training mode, nothing updated), per trainable weight: its norm ‖∂L/∂W‖ and its size relative to the weight,
 * ‖∂L/∂W‖/‖W‖ (Frobenius norms; NaN for a weight that is all zero). The relative size is what a step of plain SGD
 * multiplies by the learning rate to get the update ratio, so it compares layers of any size.
 *
 * <p>Checks (the last two on the kernels, Dense and Conv2D weights: a bias starts at 0 and has no relative size):
 * <ul>
 *   <li><b>finite gradients</b>: a NaN or infinite gradient of any trainable weight FAILs: the loss or a layer
 *       overflows already at the initial weights; nothing else is read then.
 *   <li><b>zero gradients</b>: a kernel whose gradient is exactly 0 everywhere FAILs: nothing reaches it, so it
 *       never changes — all-zero initialisation (∂L/∂W = δ·xᵀ with x = 0, or δ = 0 through zero weights above), a
 *       layer whose ReLUs are all dead, or a layer detached from the loss.
 *   <li><b>gradient flow</b>: the first kernel's relative gradient against the last's (the output layer's). Through
 *       each layer back-propagation multiplies δ by Wᵀ and the activation's slope: too small weights or saturated
 *       units shrink it layer after layer (vanishing: the first layers barely learn), too large weights grow it
 *       (exploding). Below {@value #VANISHING_WARN} of the last's WARNs and below {@value #VANISHING_FAIL} FAILs;
 *       above {@value #EXPLODING_WARN} times it WARNs and above {@value #EXPLODING_FAIL} FAILs.
 * </ul>
 *
 * @param norms ‖∂L/∂W‖ of every trainable weight, by full name, in model order
 * @param relative ‖∂L/∂W‖/‖W‖ of every trainable weight (NaN where W is all zero)
 * @param loss the loss at which the gradients were taken
 * @param checks finite gradients, zero gradients, gradient flow (the last only for two kernels or more)
 */
public record GradientNorms(Map<String, Double> norms, Map<String, Double> relative, double loss,
    List<Check> checks) {
  /**
   * The first kernel's relative gradient, as a share of the last's, below which the gradient is vanishing (WARN).
   * Measured ({@code DoctorCalibration}, TensorFlow backend, 512 Fashion-MNIST samples): first/last 0.62 in the
   * healthy 784-256-128-10 ReLU MLP, 0.083 in the example CNN (its convolutions' kernels are small relative to
   * their gradients' reach), 0.40 in a 7-layer tanh net with Glorot kernels, 0.12 with N(0, 0.01²) kernels (there
   * every kernel's relative gradient is ~1e-6: uniformly tiny, which the activation-scale check names). No set-up
   * measured vanishes by this ratio; the bands are an order of magnitude beyond the healthy extremes.
   */
  static final double VANISHING_WARN = 1e-2;
  /** ... below which it has vanished (FAIL). */
  static final double VANISHING_FAIL = 1e-3;
  /**
   * The first kernel's relative gradient, as a multiple of the last's, above which it is exploding (WARN): 16× the
   * largest healthy ratio measured (0.62); the 7-layer tanh net with N(0, 1) kernels measures 132 (relative
   * gradients 3.4, 2.2, 0.74, 0.26, 0.087, 0.029, 0.010 from the first layer on, 0.025 at the output).
   */
  static final double EXPLODING_WARN = 10;
  /** ... above which it has exploded (FAIL). */
  static final double EXPLODING_FAIL = 1e3;

  public GradientNorms {
    norms = Collections.unmodifiableMap(new LinkedHashMap<>(norms));
    relative = Collections.unmodifiableMap(new LinkedHashMap<>(relative));
    checks = List.copyOf(checks);
  }

  /** The gradients on up to {@value Probes#SAMPLES} samples of {@code data}; nothing changes in the model. */
  public static GradientNorms measure(CompiledModel model, Dataset data) {
    LossGradients grads = model.gradients(Probes.spread(data, Probes.SAMPLES));
    Map<String, NdValue> weights = model.weights();
    Map<String, Double> norms = new LinkedHashMap<>();
    Map<String, Double> relative = new LinkedHashMap<>();
    List<String> nonFinite = new ArrayList<>();
    grads.weights().forEach((name, grad) -> {
      double n = Probes.norm(grad);
      double w = Probes.norm(weights.get(name));
      norms.put(name, n);
      relative.put(name, w == 0 ? Double.NaN : n / w);
      if (!Double.isFinite(n)) {
        nonFinite.add(name);
      }
    });
    List<String> kernels = Probes.kernels(model);
    List<Check> checks = new ArrayList<>();
    checks.add(finite(nonFinite, grads.loss()));
    if (nonFinite.isEmpty()) {
      checks.add(zeros(kernels, norms));
      if (kernels.size() >= 2) {
        checks.add(flow(kernels, relative));
      }
    }
    return new GradientNorms(norms, relative, grads.loss(), checks);
  }

  private static Check finite(List<String> nonFinite, double loss) {
    String expected = "every gradient finite";
    if (nonFinite.isEmpty()) {
      return Check.pass("finite gradients", "every gradient finite (loss " + g(loss) + ")", expected);
    }
    return new Check("finite gradients", Verdict.FAIL, "NaN or infinite gradient norms: " + String.join(", ",
        nonFinite) + " (loss " + g(loss) + ")", expected,
        "The gradient overflows at the initial weights: the first step would write NaN into the model.",
        List.of("Look for a log or division of 0 in a custom loss, or probabilities given to a loss that expects"
                + " logits (fromLogits).",
            "Standardise the features: huge inputs overflow the first layers.",
            "Initialise with Glorot or He instead of large fixed scales."));
  }

  private static Check zeros(List<String> kernels, Map<String, Double> norms) {
    List<String> zero = kernels.stream().filter(k -> norms.get(k) == 0).toList();
    String expected = "a non-zero gradient for every kernel";
    if (zero.isEmpty()) {
      return Check.pass("zero gradients", "every kernel has a non-zero gradient", expected);
    }
    return new Check("zero gradients", Verdict.FAIL, zero.size() + " of " + kernels.size()
        + " kernels get exactly 0: " + String.join(", ", zero), expected,
        "No gradient reaches these kernels, so training never changes them. ∂L/∂W = δ·xᵀ is 0 when the layer's"
            + " input x is 0 or its error δ is: all-zero initialisation (every unit identical, the symmetry never"
            + " broken), a layer whose ReLUs are all dead, or a layer the loss does not depend on.",
        List.of("Initialise the kernels randomly: Glorot for tanh, sigmoid and linear layers, He for ReLU.",
            "Look at the dead-ReLU check: a large negative bias kills a whole layer.",
            "Check the layer is on the path from the input to the loss."));
  }

  private static Check flow(List<String> kernels, Map<String, Double> relative) {
    String first = kernels.get(0);
    String last = kernels.get(kernels.size() - 1);
    double ratio = relative.get(first) / relative.get(last);
    StringBuilder row = new StringBuilder();
    for (String k : kernels) {
      row.append(row.length() == 0 ? "" : ", ").append(Probes.owner(k)).append(' ').append(g(relative.get(k)));
    }
    String measured = "‖∂L/∂W‖/‖W‖ by layer: " + row + "; first/last " + g(ratio);
    String expected = "first/last between " + g(VANISHING_WARN) + " and " + g(EXPLODING_WARN);
    if (Double.isNaN(ratio)) {
      return Check.pass("gradient flow", measured + " (not judged: a kernel or its gradient is all zero, see zero"
          + " gradients)", expected);
    }
    if (ratio < VANISHING_WARN) {
      return new Check("gradient flow", ratio < VANISHING_FAIL ? Verdict.FAIL : Verdict.WARN, measured, expected,
          "The gradient vanishes on its way back: the first layers get orders of magnitude less (for their size)"
              + " than the last, so they barely learn. Back-propagation multiplies δ by each layer's Wᵀ and the"
              + " activation's slope: weights too small, or tanh/sigmoid units saturated, shrink it layer by layer.",
          List.of("Initialise with Glorot (tanh, sigmoid) or He (ReLU) instead of small or large fixed scales.",
              "Use ReLU in the hidden layers, or add batch normalisation.",
              "Make the network shallower, or add residual connections."));
    }
    if (ratio > EXPLODING_WARN) {
      return new Check("gradient flow", ratio > EXPLODING_FAIL ? Verdict.FAIL : Verdict.WARN, measured, expected,
          "The gradient grows on its way back: the first layers get orders of magnitude more (for their size)"
              + " than the last, so one step that suits the last layer throws the first ones far: the weights are"
              + " too large for their fan-in.",
          List.of("Initialise with Glorot or He instead of large fixed scales.",
              "Add batch normalisation, or clip the gradients' norm."));
    }
    return Check.pass("gradient flow", measured, expected);
  }
}
