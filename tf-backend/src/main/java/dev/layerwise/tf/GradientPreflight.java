package dev.layerwise.tf;

import static java.util.Objects.requireNonNull;

import dev.layerwise.TrainingConfig;
import dev.layerwise.spi.ModelSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;

/**
 * Lists, before {@code Graph.addGradients} runs, the ops of a graph through which TensorFlow cannot
 * differentiate a target (the loss) with respect to given variables. TF Java takes gradients from TF's C++
 * gradient registry, which covers far fewer ops than Python's; when an op on the way has no entry there,
 * {@code addGradients} fails natively with "No gradient defined for op: X", naming neither the layer nor the
 * model, and when the gradient dies at an op registered as non-differentiable, the variables before it just get
 * no gradient. The preflight finds both in Java, so the TF backend can refuse a model up front with the layer
 * and op names (see {@link GradientFlow} for the rules, {@link TfGradientRegistry} for what the registry says).
 *
 * <p>The TF backend runs it before every {@code addGradients}, so also when a trainable model is compiled;
 * {@link TfBackend#gradientPreflight} runs it on a model without compiling or training it.
 */
public final class GradientPreflight {
  private static final Logger LOG = LoggerFactory.getLogger(GradientPreflight.class);
  /** Segment names of ops that belong to the loss and to the regularization penalty rather than to a layer. */
  static final String LOSS = "loss";
  static final String REGULARIZATION = "regularization";

  private GradientPreflight() {}

  /** Why an op blocks the gradient. */
  public enum Reason {
    /** No entry in the C++ gradient registry: {@code addGradients} fails when a gradient reaches the op. */
    NOT_REGISTERED("no gradient in the registry"),
    /** Registered as non-differentiable: it passes no gradient back, so the variables before it never learn. */
    REGISTERED_NON_DIFFERENTIABLE("registered as non-differentiable"),
    /** Its output towards the target is an integer or boolean tensor, which carries no gradient back. */
    NON_FLOATING_OUTPUT("integer or boolean output, which carries no gradient");

    private final String text;

    Reason(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * One op that blocks the gradient.
   *
   * @param opName the op's name in the graph ({@code train/hardmax/ArgMax})
   * @param opType the op's type ({@code ArgMax})
   * @param layer the layer the op belongs to, {@code loss} or {@code regularization} for the loss terms, or
   *     {@code ""} when its name shows none
   */
  public record Finding(String opName, String opType, String layer, Reason reason) {
    public Finding {
      requireNonNull(opName, "opName");
      requireNonNull(opType, "opType");
      requireNonNull(layer, "layer");
      requireNonNull(reason, "reason");
    }

    /** {@code 'train/hardmax/ArgMax' (ArgMax, layer hardmax: integer or boolean output, …)}. */
    public String describe() {
      return "'" + opName + "' (" + opType + (layer.isEmpty() ? "" : ", layer " + layer) + ": " + reason + ")";
    }
  }

  /**
   * The ops blocking ∂target/∂variables, in graph order; empty when {@code addGradients} will succeed and give
   * every variable a gradient. (A variable the target does not depend on at all is not looked at: TF refuses it
   * by name, "unreachable from the output node(s)", and no model of the backend has one.)
   *
   * @param target the scalar (or any) output differentiated, such as the loss
   * @param variables what it is differentiated with respect to (the trainable variables)
   * @param layers layer names: an op belongs to the first segment of its {@code /}-separated name that is one
   *     of them (ops are scoped by layer: {@code train/dense_1/MatMul} belongs to {@code dense_1})
   */
  public static List<Finding> check(Graph graph, Operand<?> target, List<? extends Operand<?>> variables,
      Collection<String> layers) {
    requireNonNull(graph, "graph");
    requireNonNull(target, "target");
    requireNonNull(variables, "variables");
    requireNonNull(layers, "layers");
    Output<?> y = inGraph(graph, target, "target");
    Set<Output<?>> xs = new LinkedHashSet<>();
    for (Operand<?> v : variables) {
      xs.add(inGraph(graph, requireNonNull(v, "variables contains null"), "variable"));
    }
    GradientFlow flow = new GradientFlow(graph);
    Set<Integer> xOps = xs.stream().map(flow::indexOf).collect(Collectors.toCollection(LinkedHashSet::new));
    GradientFlow.Result r = flow.analyse(flow.indexOf(y), xOps, new TfGradientRegistry());
    List<Finding> out = new ArrayList<>();
    for (GradientFlow.Finding f : r.findings()) {
      out.add(new Finding(f.name(), f.type(), layerOf(f.name(), layers), f.reason()));
    }
    LOG.debug("gradient preflight of '{}' with respect to {} variables: {} of {} ops in the graph need a gradient,"
        + " {} blocking", y.op().name(), xOps.size(), r.differentiatedOps(), r.graphOps(), out.size());
    return List.copyOf(out);
  }

  /**
   * {@link #check}, throwing when anything blocks the gradient.
   *
   * @param what who is asking, for the message ({@code "model 'mlp'"})
   * @throws IllegalArgumentException listing every blocking op
   */
  public static void require(Graph graph, Operand<?> target, List<? extends Operand<?>> variables,
      Collection<String> layers, String what) {
    List<Finding> found = check(graph, target, variables, layers);
    if (!found.isEmpty()) {
      throw new IllegalArgumentException(message(what, found));
    }
  }

  /**
   * The preflight of a model's training loss (data loss plus penalty) with respect to its trainable weights,
   * built on a throw-away graph with no gradients. Unlike compiling, it also runs for models with a layer the api
   * marks as non-differentiable (Hardmax), and then names that layer's ops.
   */
  public static List<Finding> check(ModelSpec spec, TrainingConfig config) {
    requireNonNull(spec, "spec");
    requireNonNull(config, "config");
    try (Graph graph = new Graph()) {
      TfModelGraph<?> g = TfModelGraph.withoutGradients(graph, spec, config);
      return check(graph, g.trainLoss, g.trainableVariables(), g.layerNames());
    }
  }

  /** {@code graph.addGradients} after {@link #require}: the one way the TF backend adds gradients. */
  static Output<?>[] addGradients(Graph graph, String prefix, Output<?> y, Output<?>[] xs, Output<?> dy,
      Collection<String> layers, String what) {
    require(graph, y, List.of(xs), layers, what);
    return graph.addGradients(prefix, new Output<?>[] {y}, xs, dy == null ? null : new Output<?>[] {dy});
  }

  static String message(String what, List<Finding> found) {
    return what + ": these ops of the model have no usable gradient in TensorFlow's C++ gradient registry (the one"
        + " TF Java's addGradients uses), so training cannot differentiate through them: "
        + found.stream().map(Finding::describe).collect(Collectors.joining(", "))
        + "; remove or replace the layer" + (found.stream().anyMatch(f -> f.reason() == Reason.NOT_REGISTERED)
            ? ", or, where an op is marked '" + Reason.NOT_REGISTERED + "', train on the reference backend, whose"
                + " gradients do not depend on TensorFlow's registry"
            : "");
  }

  private static Output<?> inGraph(Graph graph, Operand<?> operand, String what) {
    Output<?> o = operand.asOutput();
    if (o.op().env() != graph) {
      throw new IllegalArgumentException("the " + what + " '" + o.op().name() + "' belongs to another graph than"
          + " the one checked");
    }
    return o;
  }

  private static String layerOf(String opName, Collection<String> layers) {
    for (String segment : opName.split("/")) {
      if (layers.contains(segment)) {
        return segment;
      }
    }
    return "";
  }
}
