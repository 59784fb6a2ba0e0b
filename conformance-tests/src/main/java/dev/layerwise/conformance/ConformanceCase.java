package dev.layerwise.conformance;

import dev.layerwise.layers.Layer;
import dev.layerwise.spi.ModelSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One check of the suite, runnable in some of the {@link Mode}s. */
public sealed interface ConformanceCase
    permits LayerCase, LossCase, OptimizerCase, TrainingCase, ObjectiveCase {

  String name();

  /** The modes this case makes sense in (an optimizer step has no finite-difference check). */
  Set<Mode> modes();

  /** The model the case runs, when it is about one ({@code CoverageTest} reads its layers and its graph). */
  default Optional<ModelSpec> spec() {
    return Optional.empty();
  }

  /**
   * The layer records the case exercises, by default its model's core layers; {@code CoverageTest} requires every
   * record to appear somewhere.
   */
  default Set<Class<? extends Layer>> coveredLayers() {
    Set<Class<? extends Layer>> s = new HashSet<>();
    spec().ifPresent(m -> m.nodes().forEach(n -> s.add(n.layer().getClass())));
    return s;
  }

  /** Runs the case in one mode and returns a row per compared tensor. */
  List<CheckRow> run(Mode mode, Engines engines);

  /** Runs the case and applies the registry of expected differences to its rows. */
  default List<CheckRow> check(Mode mode, Engines engines) {
    return run(mode, engines).stream().map(r -> ExpectedDifference.apply(ExpectedDifference.REGISTRY, r)).toList();
  }
}
