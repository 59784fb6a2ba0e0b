package dev.layerwise.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.layers.Layer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every layer record the api permits must be exercised by at least one conformance case. */
class CoverageTest {
  @Test
  void everyLayerRecordHasACase() {
    Set<Class<?>> covered = new HashSet<>();
    ConformanceSuite.cases().forEach(c -> covered.addAll(c.coveredLayers()));
    List<String> missing = Arrays.stream(Layer.class.getPermittedSubclasses())
        .filter(k -> !covered.contains(k)).map(Class::getSimpleName).toList();
    assertTrue(missing.isEmpty(), "layers without a conformance case: " + missing);
  }

  @Test
  void caseNamesAreUnique() {
    List<String> names = ConformanceSuite.cases().stream().map(ConformanceCase::name).toList();
    assertTrue(names.size() == new HashSet<>(names).size(), "duplicate case names in " + names);
  }
}
