package dev.layerwise.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.layers.Add;
import dev.layerwise.layers.Average;
import dev.layerwise.layers.Concatenate;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.Maximum;
import dev.layerwise.layers.Minimum;
import dev.layerwise.layers.Multiply;
import dev.layerwise.layers.Subtract;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Adagrad;
import dev.layerwise.optimizers.Adam;
import dev.layerwise.optimizers.AdamW;
import dev.layerwise.optimizers.Nadam;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.optimizers.Sgd;
import dev.layerwise.optimizers.UpdateFormula;
import dev.layerwise.schedules.LearningRateSchedule;
import dev.layerwise.spi.ModelSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Every layer record the api permits, every loss, and every optimizer variant and schedule, must be exercised by at
 * least one conformance case.
 */
class CoverageTest {
  /** Every record, the merge layers under {@code MergeLayer} included: none is exempt. */
  @Test
  void everyLayerRecordHasACase() {
    Set<Class<?>> covered = new HashSet<>();
    ConformanceSuite.cases().forEach(c -> covered.addAll(c.coveredLayers()));
    List<String> missing = records(Layer.class).stream().filter(k -> !covered.contains(k))
        .map(Class::getSimpleName).toList();
    assertTrue(missing.isEmpty(), "layers without a conformance case: " + missing);
  }

  @Test
  void theMergeLayersAreAmongTheRecordsRequired() {
    assertTrue(records(Layer.class).containsAll(List.of(Add.class, Subtract.class, Multiply.class, Average.class,
        Maximum.class, Minimum.class, Concatenate.class)), "records(Layer) must reach the merge layers: "
        + records(Layer.class));
  }

  /**
   * The graph structures issue 13 asks the suite to prove: each must appear in some case (the predicate reads the
   * case's model), so a case that stops exercising one fails here, not silently.
   */
  @Test
  void everyGraphStructureHasACase() {
    Map<String, Predicate<ConformanceCase>> required = new LinkedHashMap<>();
    required.put("a shared layer", c -> spec(c).nodes().stream().anyMatch(n -> !n.owner().equals(n.name())));
    required.put("a fan-out", c -> spec(c).nodes().stream().filter(n -> !(n.layer() instanceof Input))
        .anyMatch(n -> spec(c).consumers(n.name()).size() >= 2));
    required.put("a residual block", c -> spec(c).nodes().stream().anyMatch(n -> n.layer() instanceof Add
        && ancestors(spec(c), n.inbound().get(1)).contains(n.inbound().get(0))));
    required.put("a two-input model's dx per input", c -> c instanceof LayerCase && spec(c).inputs().size() >= 2);
    required.put("a two-output model's outputs", c -> c instanceof LayerCase && spec(c).outputs().size() >= 2);
    required.put("a two-output objective with loss weights", c -> c instanceof ObjectiveCase o
        && o.model().outputs().size() >= 2 && !o.config().lossWeights().isEmpty());
    required.put("two-output training with loss weights", c -> c instanceof TrainingCase t
        && t.model().outputs().size() >= 2 && !t.config().lossWeights().isEmpty());
    required.put("Concatenate on a non-last axis", c -> spec(c).nodes().stream().anyMatch(n -> n.layer()
        instanceof Concatenate k && Math.floorMod(k.axis(), n.outputShape().rank()) != n.outputShape().rank() - 1));
    required.put("Maximum's ties", c -> ties(c, Maximum.class));
    required.put("Minimum's ties", c -> ties(c, Minimum.class));
    List<ConformanceCase> cases = ConformanceSuite.cases().stream().filter(c -> c.spec().isPresent()).toList();
    List<String> missing = required.entrySet().stream().filter(e -> cases.stream().noneMatch(e.getValue()))
        .map(Map.Entry::getKey).toList();
    assertTrue(missing.isEmpty(), "graph structures without a conformance case: " + missing);
  }

  private static ModelSpec spec(ConformanceCase c) {
    return c.spec().orElseThrow();
  }

  /** A convention case (exact ties, cross-backend only) of a model with the given merge. */
  private static boolean ties(ConformanceCase c, Class<?> merge) {
    return c instanceof LayerCase l && l.conventionOnly() && l.model().nodes().stream()
        .anyMatch(n -> merge.isInstance(n.layer()));
  }

  /** Every node a node's output depends on, itself included. */
  private static Set<String> ancestors(ModelSpec spec, String node) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(node));
    while (!todo.isEmpty()) {
      String n = todo.pop();
      if (seen.add(n)) {
        todo.addAll(spec.node(n).inbound());
      }
    }
    return seen;
  }

  /** The records a sealed interface permits, through its sealed sub-interfaces ({@code MergeLayer}). */
  private static List<Class<?>> records(Class<?> sealed) {
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> k : sealed.getPermittedSubclasses()) {
      if (k.isRecord()) {
        out.add(k);
      } else {
        out.addAll(records(k));
      }
    }
    return out;
  }

  /** Every optimizer record, each formula where there is a choice, AMSGrad and a weight decay on every rule. */
  @Test
  void everyOptimizerVariantAndScheduleHasACase() {
    List<Optimizer> optimizers = ConformanceSuite.cases().stream().map(CoverageTest::optimizer)
        .filter(o -> o != null).toList();
    Set<String> covered = new HashSet<>();
    for (Optimizer o : optimizers) {
      String name = o.getClass().getSimpleName();
      covered.add(name);
      if (o.weightDecay() > 0) {
        covered.add(name + " with weight decay");
      }
      if (o instanceof Sgd s && s.momentum() > 0) {
        covered.add("Sgd momentum " + s.formula() + (s.nesterov() ? " nesterov" : ""));
      } else if (o instanceof Adagrad a) {
        covered.add("Adagrad " + a.formula());
      } else if (o instanceof Nadam n) {
        covered.add("Nadam " + n.formula());
      } else if (o instanceof Adam a && a.amsgrad() || o instanceof AdamW w && w.amsgrad()) {
        covered.add(name + " amsgrad");
      }
      covered.add(o.learningRate().getClass().getSimpleName());
    }
    List<String> required = new ArrayList<>();
    for (Class<?> k : Optimizer.class.getPermittedSubclasses()) {
      required.add(k.getSimpleName());
      required.add(k.getSimpleName() + " with weight decay");
    }
    for (UpdateFormula f : UpdateFormula.values()) {
      required.addAll(List.of("Sgd momentum " + f, "Sgd momentum " + f + " nesterov", "Adagrad " + f, "Nadam " + f));
    }
    required.addAll(List.of("Adam amsgrad", "AdamW amsgrad"));
    for (Class<?> k : LearningRateSchedule.class.getPermittedSubclasses()) {
      required.add(k.getSimpleName());
    }
    List<String> missing = required.stream().filter(r -> !covered.contains(r)).toList();
    assertTrue(missing.isEmpty(), "optimizer variants or schedules without a conformance case: " + missing);
  }

  /** Every loss record, through a loss case (value and gradient against the predictions in all modes). */
  @Test
  void everyLossRecordHasACase() {
    Set<Class<?>> covered = new HashSet<>();
    ConformanceSuite.cases().stream().filter(c -> c instanceof LossCase).forEach(c -> covered.add(
        ((LossCase) c).loss().getClass()));
    List<String> missing = Arrays.stream(Loss.class.getPermittedSubclasses()).filter(k -> !covered.contains(k))
        .map(Class::getSimpleName).toList();
    assertTrue(missing.isEmpty(), "losses without a conformance case: " + missing);
  }

  private static Optimizer optimizer(ConformanceCase c) {
    if (c instanceof OptimizerCase o) {
      return o.optimizer();
    }
    return c instanceof TrainingCase t ? t.optimizer() : null;
  }

  @Test
  void caseNamesAreUnique() {
    List<String> names = ConformanceSuite.cases().stream().map(ConformanceCase::name).toList();
    assertTrue(names.size() == new HashSet<>(names).size(), "duplicate case names in " + names);
  }
}
