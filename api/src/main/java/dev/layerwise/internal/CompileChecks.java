package dev.layerwise.internal;

import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.Softmax;
import dev.layerwise.losses.BinaryCrossentropy;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.metrics.Readout;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks a model against its loss at compile time, before any backend sees it. */
public final class CompileChecks {
  private CompileChecks() {}

  /**
   * Refuses the two ways of mixing up logits and probabilities: a last layer that applies softmax (or sigmoid)
   * feeding a {@code fromLogits} loss (softmax applied twice, so training stalls at a plateau), and a last layer
   * with no probability activation feeding a loss that expects probabilities (log of raw scores; for
   * {@code kl_divergence}, which has no logits form, the model must end with softmax). The regression losses and
   * {@code categorical_hinge} read raw values and accept any last layer.
   */
  public static void checkLossMatchesOutput(ModelSpec spec, Loss loss) {
    loss.labelShape(spec.outputShape()); // throws if the output shape cannot carry this loss
    LayerNode last = spec.lastNode();
    String user = userLayerName(spec, last);
    Optional<ActivationFn> outAct = outputActivation(last);
    boolean probabilityOutput = outAct.filter(f -> f == ActivationFn.SOFTMAX || f == ActivationFn.SIGMOID).isPresent();
    String lossName = loss.takesLogits() ? loss.kerasName() + "(fromLogits=" + loss.fromLogits() + ")"
        : loss.kerasName();
    if (loss.fromLogits() && probabilityOutput) {
      throw new IllegalArgumentException(String.format(
          "%s expects logits, but the last layer '%s' already applies %s: it would be applied twice (the"
              + " double-%s bug). Remove the activation from '%s', or use fromLogits=false.",
          lossName, user, outAct.get().kerasName(), outAct.get().kerasName(), user));
    }
    Optional<ActivationFn> wanted = loss.probabilityActivation();
    if (wanted.isPresent()) {
      boolean ok = outAct.filter(f -> f == wanted.get()
          || (loss instanceof BinaryCrossentropy && f == ActivationFn.SOFTMAX)).isPresent();
      if (!ok) {
        String fix = loss.takesLogits() ? "Use fromLogits=true (numerically safer), or end the model with "
            : "End the model with ";
        throw new IllegalArgumentException(String.format(
            "%s expects probabilities, but the last layer '%s' outputs %s values, not %s probabilities. %s%s.",
            lossName, user, outAct.map(ActivationFn::kerasName).orElse("linear"), wanted.get().kerasName(), fix,
            wanted.get().kerasName()));
      }
    }
  }

  /**
   * Refuses metrics that do not fit the model (each says why: top-k with k above the classes, AUC of hinge
   * scores, …) and two metrics reporting under one key.
   */
  public static void checkMetrics(ModelSpec spec, Loss loss, List<Metric> metrics) {
    Readout readout = Readout.of(loss, spec.outputShape());
    Map<String, Metric> byKey = new HashMap<>();
    for (Metric m : metrics) {
      m.accumulator(readout);
      Metric before = byKey.putIfAbsent(m.key(), m);
      if (before != null) {
        throw new IllegalArgumentException(String.format("metrics: %s and %s both report as '%s'; keep one",
            before, m, m.key()));
      }
    }
  }

  /**
   * The activation a model's last node applies: an {@code Activation}, or a {@code Softmax} layer over the last
   * axis (the same function).
   */
  public static Optional<ActivationFn> outputActivation(LayerNode last) {
    if (last.layer() instanceof Activation a) {
      return Optional.of(a.function());
    }
    if (last.layer() instanceof Softmax s && s.resolvedAxis(last.inputShape()) == last.inputShape().rank() - 1) {
      return Optional.of(ActivationFn.SOFTMAX);
    }
    return Optional.empty();
  }

  /** The user's layer a core node came from ({@code dense_1} for the desugared {@code dense_1_softmax}). */
  private static String userLayerName(ModelSpec spec, LayerNode node) {
    for (LayerNode l : spec.layers()) {
      for (Layer core : l.layer().desugar()) {
        if (core.name().equals(node.name())) {
          return l.name();
        }
      }
    }
    return node.name();
  }
}
