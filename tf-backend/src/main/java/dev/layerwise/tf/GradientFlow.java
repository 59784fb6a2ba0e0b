package dev.layerwise.tf;

import dev.layerwise.tf.GradientPreflight.Reason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.proto.DataType;

/**
 * A replay, in Java, of what {@code Graph.addGradients} (TF's C++ {@code SymbolicGradientBuilder}) will do with a
 * graph, to find where it would fail or silently stop before it is called. The rules it replays:
 * <ol>
 *   <li>Only ops both reachable from the differentiated variables (along data edges of any type) and leading to
 *       the target take part; the variables' own ops are the frontier and are never asked for a gradient.
 *   <li>An op that receives a gradient on any output has its registry entry looked up: without one,
 *       {@code addGradients} fails ("No gradient defined for op"), even when the op hangs off the variables only
 *       through an integer tensor such as {@code Shape} (checked with {@code RandomUniform(Shape(w))}); with an
 *       explicit "no gradient" entry, nothing passes on. (TF stops at the first op without an entry; the replay
 *       carries on past it as if it had one, to list them all at once.)
 *   <li>A gradient never crosses an edge that is not floating-point ({@code half}, {@code bfloat16},
 *       {@code float}, {@code double}, complex, as TF's {@code IsFloatingPointDtype}): TF's gradient functions
 *       return none for integer and boolean inputs ({@code Cast} from an integer, shapes, axes, indices), so an
 *       op feeding the path only through such an edge never receives one.
 * </ol>
 * A variable the gradient never reaches gets a null gradient from TF, without an error. For each such variable
 * the ops where the gradient dies are reported: an op registered as non-differentiable that received a gradient
 * but passes none back towards the variable, and an op whose non-floating-point output is where the path from the
 * variable turns into integers ({@code ArgMax} before {@code OneHot}).
 */
final class GradientFlow {
  /** A data edge: output {@code srcOutput} of op {@code src} feeds op {@code dst}. */
  private record Edge(int src, int srcOutput, int dst, boolean floating) {}

  private final List<String> names = new ArrayList<>();
  private final List<String> types = new ArrayList<>();
  private final List<List<Edge>> in = new ArrayList<>();
  private final List<List<Edge>> out = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();

  /** Ops found and the number that would be asked for a gradient function, for logging. */
  record Result(List<Finding> findings, int graphOps, int differentiatedOps) {}

  /** An op where the gradient fails or stops, by its index in graph order. */
  record Finding(int op, String name, String type, Reason reason) {}

  /** Reads every op and data edge of the graph once (the analysis itself makes no native calls). */
  GradientFlow(Graph graph) {
    Iterator<GraphOperation> ops = graph.operations();
    List<GraphOperation> all = new ArrayList<>();
    while (ops.hasNext()) {
      GraphOperation op = ops.next();
      index.put(op.name(), all.size());
      all.add(op);
      names.add(op.name());
      types.add(op.type());
      in.add(new ArrayList<>());
      out.add(new ArrayList<>());
    }
    for (int dst = 0; dst < all.size(); dst++) {
      GraphOperation op = all.get(dst);
      for (int i = 0; i < op.numInputs(); i++) {
        Output<?> source = op.input(i);
        Edge e = new Edge(index.get(source.op().name()), source.index(), dst, floating(source.dataType()));
        in.get(dst).add(e);
        out.get(e.src()).add(e);
      }
    }
  }

  /** TF's {@code IsFloatingPointDtype}, for values and for the reference (ref-variable) types alike. */
  private static boolean floating(DataType type) {
    int base = type.getNumber() > 100 ? type.getNumber() - 100 : type.getNumber();
    return base == DataType.DT_FLOAT_VALUE || base == DataType.DT_DOUBLE_VALUE || base == DataType.DT_HALF_VALUE
        || base == DataType.DT_BFLOAT16_VALUE || base == DataType.DT_COMPLEX64_VALUE
        || base == DataType.DT_COMPLEX128_VALUE;
  }

  int indexOf(Output<?> output) {
    Integer i = index.get(output.op().name());
    if (i == null) {
      throw new IllegalArgumentException("'" + output.op().name() + "' is not an op of this graph");
    }
    return i;
  }

  /**
   * @param target the op whose output is differentiated (the loss)
   * @param variables the ops of the outputs it is differentiated with respect to
   */
  Result analyse(int target, Set<Integer> variables, TfGradientRegistry registry) {
    BitSet leadsToTarget = reach(Set.of(target), false, null);
    BitSet involved = reach(variables, true, leadsToTarget);
    Map<Long, Finding> findings = new TreeMap<>();

    // Which ops receive a gradient on some output, walking back from the target.
    BitSet receivers = new BitSet();
    BitSet asked = new BitSet();
    Deque<Integer> work = new ArrayDeque<>(List.of(target));
    while (!work.isEmpty()) {
      int op = work.poll();
      if (!involved.get(op) || receivers.get(op)) {
        continue;
      }
      receivers.set(op);
      if (variables.contains(op)) {
        continue;
      }
      asked.set(op);
      String type = types.get(op);
      if (!registry.hasEntry(type)) {
        add(findings, op, Reason.NOT_REGISTERED);
      }
      // Past an op without an entry as if it had one, so that one run lists every such op, not just the first.
      if (!registry.nonDifferentiable(type)) {
        for (Edge e : in.get(op)) {
          if (e.floating()) {
            work.add(e.src());
          }
        }
      }
    }

    // Where the gradient dies on its way to each variable it never reaches.
    for (int v : variables) {
      if (leadsToTarget.get(v) && !receivers.get(v)) {
        starvedFrontier(v, involved, receivers, registry, findings);
      }
    }
    return new Result(List.copyOf(findings.values()), names.size(), asked.cardinality());
  }

  /**
   * Walks forward from a variable through the ops that receive no gradient and reports, at each edge into an op
   * that does, why the gradient did not cross it.
   */
  private void starvedFrontier(int variable, BitSet involved, BitSet receivers, TfGradientRegistry registry,
      Map<Long, Finding> findings) {
    BitSet seen = new BitSet();
    Deque<Integer> work = new ArrayDeque<>(List.of(variable));
    seen.set(variable);
    while (!work.isEmpty()) {
      int op = work.poll();
      for (Edge e : out.get(op)) {
        if (!involved.get(e.dst())) {
          continue;
        }
        if (receivers.get(e.dst())) {
          if (registry.nonDifferentiable(types.get(e.dst()))) {
            add(findings, e.dst(), Reason.REGISTERED_NON_DIFFERENTIABLE);
          }
          if (!e.floating()) {
            add(findings, op, Reason.NON_FLOATING_OUTPUT);
          }
        } else if (!seen.get(e.dst())) {
          seen.set(e.dst());
          work.add(e.dst());
        }
      }
    }
  }

  private void add(Map<Long, Finding> findings, int op, Reason reason) {
    findings.putIfAbsent((long) op << 8 | reason.ordinal(), new Finding(op, names.get(op), types.get(op), reason));
  }

  /**
   * The ops reachable from {@code start} along data edges, forwards (to consumers) or backwards (to inputs),
   * entering only ops in {@code within} when it is given.
   */
  private BitSet reach(Set<Integer> start, boolean forward, BitSet within) {
    BitSet seen = new BitSet();
    Deque<Integer> work = new ArrayDeque<>();
    for (int s : start) {
      seen.set(s);
      work.add(s);
    }
    while (!work.isEmpty()) {
      int op = work.poll();
      for (Edge e : forward ? out.get(op) : in.get(op)) {
        int next = forward ? e.dst() : e.src();
        if (!seen.get(next) && (within == null || within.get(next))) {
          seen.set(next);
          work.add(next);
        }
      }
    }
    return seen;
  }
}
