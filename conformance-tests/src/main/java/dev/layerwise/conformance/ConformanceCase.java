package dev.layerwise.conformance;

import dev.layerwise.layers.Layer;
import java.util.List;
import java.util.Set;

/** One check of the suite, runnable in some of the {@link Mode}s. */
public sealed interface ConformanceCase
    permits LayerCase, LossCase, OptimizerCase, TrainingCase, RegularizationCase {

  String name();

  /** The modes this case makes sense in (an optimizer step has no finite-difference check). */
  Set<Mode> modes();

  /** The layer records the case exercises; {@code CoverageTest} requires every record to appear somewhere. */
  Set<Class<? extends Layer>> coveredLayers();

  /** Runs the case in one mode and returns a row per compared tensor. */
  List<CheckRow> run(Mode mode, Engines engines);

  /** Runs the case and applies the registry of expected differences to its rows. */
  default List<CheckRow> check(Mode mode, Engines engines) {
    return run(mode, engines).stream().map(r -> ExpectedDifference.apply(ExpectedDifference.REGISTRY, r)).toList();
  }
}
