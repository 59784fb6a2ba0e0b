package dev.layerwise.conformance.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.Shape;
import dev.layerwise.check.GradientCheck;
import dev.layerwise.check.GradientCheckReport;
import dev.layerwise.check.ParameterCheck;
import dev.layerwise.data.Dataset;
import dev.layerwise.reference.PlantedFault;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.ModelSpec;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The user-facing gradient check passes on graph models (a residual CNN, a shared layer, two inputs and two
 * outputs with a loss weight) on both backends: each backend's backward pass through merges, fan-out and sharing
 * agrees with finite differences of its own forward pass.
 */
class GraphGradientCheckTest {

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({"residual CNN, reference", "residual CNN, tensorflow", "shared layer, reference",
      "shared layer, tensorflow", "two inputs two outputs, reference", "two inputs two outputs, tensorflow"})
  void theGradientCheckPassesOnAGraph(String name, String backend) {
    GraphModels.Named named = GraphModels.all().stream().filter(m -> m.name().equals(name)).findFirst()
        .orElseThrow();
    try (CompiledModel m = named.model().compile(Backend.named("reference"), named.config())) {
      GradientCheckReport report = GradientCheck.of(m).data(dataset(named)).onBackend(backend).run();
      assertTrue(report.passed(), report.toString());
      assertEquals(m.spec().trainableWeightNames().size(), report.checks().size(), report.toString());
    }
  }

  /**
   * The check's teeth on graphs: with the reference backend's sum over a shared layer's applications (or over a
   * fanned-out tensor's consumers) replaced by the last term, the weights that sum feeds fail, and only they.
   */
  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource({"shared layer, SHARED_WEIGHT_GRADIENT_NOT_SUMMED, encoder/kernel encoder/bias",
      "residual CNN, FAN_OUT_GRADIENT_NOT_SUMMED, conv2d/kernel conv2d/bias"})
  void aGraphWhoseGradientsAreNotSummedFailsTheWeightsBeforeTheSum(String name, PlantedFault fault,
      String failing) {
    GraphModels.Named named = GraphModels.all().stream().filter(m -> m.name().equals(name)).findFirst()
        .orElseThrow();
    try (PlantedFault.Planting p = PlantedFault.plant(fault);
        CompiledModel m = named.model().compile(Backend.named("reference"), named.config())) {
      GradientCheckReport report = GradientCheck.of(m).data(dataset(named)).onBackend("reference").run();
      assertEquals(List.of(failing.split(" ")), report.failures().stream().map(ParameterCheck::weight).toList(),
          report.toString());
    }
  }

  /** The batch {@link FunctionalBackendsTest} uses, as a named dataset. */
  private static Dataset dataset(GraphModels.Named named) {
    ModelSpec spec = named.model().spec();
    Batch b = FunctionalBackendsTest.batch(spec, named.config(), 7);
    Dataset.Builder d = Dataset.builder();
    for (int k = 0; k < spec.inputs().size(); k++) {
      d.features(spec.inputs().get(k), b.xs().get(k), spec.inputShapes().get(k));
    }
    for (int k = 0; k < spec.outputs().size(); k++) {
      String out = spec.outputNames().get(k);
      Shape labels = named.config().lossFor(out).labelShape(spec.outputShapes().get(k));
      d.targets(out, b.ys().get(k), labels);
    }
    return d.build();
  }
}
