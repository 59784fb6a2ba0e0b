package dev.layerwise.internal;

import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
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
   * Checks a training configuration against a model: its per-output settings name outputs the model has, every
   * output has a loss, each output's loss fits it ({@link #checkLossMatchesOutput(ModelSpec, int, Loss)}), and
   * each output's metrics can read it ({@link #checkMetrics}).
   */
  public static void checkConfig(ModelSpec spec, TrainingConfig config) {
    config.checkOutputs(spec.name(), spec.outputNames());
    for (int k = 0; k < spec.outputs().size(); k++) {
      String name = spec.outputNames().get(k);
      checkLossMatchesOutput(spec, k, config.lossFor(name));
      checkMetrics(spec.outputShapes().get(k), config.lossFor(name), config.metricsFor(name));
    }
  }

  /** {@link #checkLossMatchesOutput(ModelSpec, int, Loss)} of a model with one output. */
  public static void checkLossMatchesOutput(ModelSpec spec, Loss loss) {
    spec.lastNode();
    checkLossMatchesOutput(spec, 0, loss);
  }

  /**
   * Refuses the two ways of mixing up logits and probabilities: a last layer that applies softmax (or sigmoid)
   * feeding a {@code fromLogits} loss (softmax applied twice, so training stalls at a plateau), and a last layer
   * with no probability activation feeding a loss that expects probabilities (log of raw scores; for
   * {@code kl_divergence}, which has no logits form, the model must end with softmax). The regression losses and
   * {@code categorical_hinge} read raw values and accept any last layer.
   *
   * @param output which output (in the model's order) the loss is for
   */
  public static void checkLossMatchesOutput(ModelSpec spec, int output, Loss loss) {
    LayerNode last = spec.outputNodes().get(output);
    loss.labelShape(last.outputShape()); // throws if the output shape cannot carry this loss
    String user = spec.outputNames().get(output);
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
  public static void checkMetrics(Shape outputShape, Loss loss, List<Metric> metrics) {
    Readout readout = Readout.of(loss, outputShape);
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
}
