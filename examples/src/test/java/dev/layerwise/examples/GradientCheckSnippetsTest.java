package dev.layerwise.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.check.GradientCheckReport;
import dev.layerwise.data.FashionMnist;
import org.junit.jupiter.api.Test;

/** Runs the samples of {@code docs/gradient-check.md} on Fashion-MNIST. */
class GradientCheckSnippetsTest {
  private static final FashionMnist.Splits DATA = FashionMnist.load(FashionMnist.defaultDirectory());

  @Test
  void aCompiledModelIsCheckedAtItsTrainedWeights() {
    GradientCheckReport r = GradientCheckSnippets.compiled(FashionMnistMlp.model(42), DATA.train());
    assertTrue(r.passed(), r.toString());
    assertEquals("reference", r.backend());
    assertEquals(8, r.samples());
    assertEquals(4, r.checks().size());
  }

  @Test
  void theOptionsShownAreTheOnesUsed() {
    GradientCheckReport r = GradientCheckSnippets.options(FashionMnistMlp.model(42), DATA.train());
    assertTrue(r.passed(), r.toString());
    assertEquals("tensorflow", r.backend());
    assertEquals(4, r.samples());
    assertEquals(1e-5, r.tolerance());
  }
}
