package dev.layerwise.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Building, sampling, conditions, the fingerprint and every bad input's message. */
class SearchSpaceTest {
  static SearchSpace mlp() {
    return SearchSpace.empty()
        .logUniform("lr", 1e-4, 1e-1)
        .intRange("units", 32, 512, Scale.LOG)
        .choice("optimizer", "adam", "sgd")
        .uniform("momentum", 0.8, 0.99).when("optimizer", "sgd")
        .choice("nesterov", true, false).when("optimizer", "sgd");
  }

  static String message(Supplier<?> bad) {
    return assertThrows(IllegalArgumentException.class, bad::get).getMessage();
  }

  @Test
  void samplesStayInTheirRangesAndAreSeeded() {
    SearchSpace space = mlp();
    Random r = new Random(1);
    for (int i = 0; i < 2000; i++) {
      Hyperparameters p = space.sample(r);
      assertTrue(p.getDouble("lr") >= 1e-4 && p.getDouble("lr") < 1e-1, p.toString());
      assertTrue(p.getInt("units") >= 32 && p.getInt("units") <= 512, p.toString());
    }
    assertEquals(space.sample(new Random(7)), space.sample(new Random(7)));
    assertNotEquals(space.sample(new Random(7)), space.sample(new Random(8)));
  }

  @Test
  void conditionalParametersOnlyWhenTheirConditionHolds() {
    SearchSpace space = mlp();
    Random r = new Random(2);
    int sgd = 0;
    for (int i = 0; i < 500; i++) {
      Hyperparameters p = space.sample(r);
      boolean isSgd = p.getString("optimizer").equals("sgd");
      sgd += isSgd ? 1 : 0;
      assertEquals(isSgd, p.has("momentum"), p.toString());
      assertEquals(isSgd, p.has("nesterov"), p.toString());
      if (isSgd) {
        assertTrue(p.getDouble("momentum") >= 0.8 && p.getDouble("momentum") < 0.99);
      }
    }
    assertTrue(sgd > 200 && sgd < 300, "sgd drawn " + sgd + " times of 500");
  }

  @Test
  void conditionsChainAndMayNameIntegerParents() {
    SearchSpace space = SearchSpace.empty()
        .intRange("layers", 1, 3)
        .intRange("units2", 16, 256, Scale.LOG).when("layers", 2, 3)
        .uniform("dropout2", 0.0, 0.5).when("units2", 16, 32);
    Random r = new Random(3);
    for (int i = 0; i < 500; i++) {
      Hyperparameters p = space.sample(r);
      assertEquals(p.getInt("layers") >= 2, p.has("units2"), p.toString());
      assertEquals(p.has("units2") && (p.getInt("units2") == 16 || p.getInt("units2") == 32), p.has("dropout2"),
          p.toString());
    }
  }

  @Test
  void fingerprintIsTheExactDefinition() {
    assertEquals(mlp().fingerprint(), mlp().fingerprint());
    assertEquals(16, mlp().fingerprint().length());
    assertNotEquals(mlp().fingerprint(), mlp().uniform("dropout", 0, 0.5).fingerprint());
    SearchSpace a = SearchSpace.empty().logUniform("lr", 1e-4, 1e-1);
    assertNotEquals(a.fingerprint(), SearchSpace.empty().logUniform("lr", 1e-4, 1e-2).fingerprint());
    assertNotEquals(a.fingerprint(), SearchSpace.empty().uniform("lr", 1e-4, 1e-1).fingerprint());
    assertNotEquals(SearchSpace.empty().choice("x", 1).fingerprint(),
        SearchSpace.empty().choice("x", "1").fingerprint());
    String d = mlp().describe();
    assertTrue(d.contains("lr: log-uniform in [0.0001, 0.1)"), d);
    assertTrue(d.contains("momentum: uniform in [0.8, 0.99), only when optimizer in [sgd]"), d);
    assertTrue(d.contains("units: integer in [32, 512], log scale"), d);
  }

  @Test
  void emptyAndInvertedRanges() {
    assertEquals("uniform 'dropout': the range [0.5, 0.5] is empty; expected lo < hi (for a constant use "
        + "choice(\"dropout\", 0.5))", message(() -> SearchSpace.empty().uniform("dropout", 0.5, 0.5)));
    assertEquals("logUniform 'lr': the range [0.1, 0.0001] is inverted; expected lo < hi",
        message(() -> SearchSpace.empty().logUniform("lr", 0.1, 1e-4)));
    assertEquals("intRange 'units': the range [512, 32] is inverted; expected lo < hi",
        message(() -> SearchSpace.empty().intRange("units", 512, 32)));
    assertEquals("intRange 'layers': the range [2, 2] is empty; expected lo < hi (for a constant use "
        + "choice(\"layers\", 2))", message(() -> SearchSpace.empty().intRange("layers", 2, 2)));
    assertEquals("uniform 'x': expected finite bounds, given [NaN, 1]",
        message(() -> SearchSpace.empty().uniform("x", Double.NaN, 1)));
  }

  @Test
  void logScalesRefuseZeroAndNegatives() {
    assertEquals("logUniform 'lr': a log scale needs 0 < lo < hi, but the range [0, 0.1] contains 0; use a "
        + "linear scale or a positive lower bound such as 1e-6",
        message(() -> SearchSpace.empty().logUniform("lr", 0, 0.1)));
    assertTrue(message(() -> SearchSpace.empty().logUniform("l2", -1e-3, 1e-3))
        .startsWith("logUniform 'l2': a log scale needs 0 < lo < hi, but the range [-0.001, 0.001] contains 0 "
            + "and negatives"));
    assertTrue(message(() -> SearchSpace.empty().logUniform("l2", -1, -0.5)).contains("is negative or 0"));
    assertTrue(message(() -> SearchSpace.empty().intRange("units", 0, 512, Scale.LOG))
        .startsWith("intRange (log) 'units': a log scale needs 0 < lo < hi, but the range [0, 512] contains 0"));
  }

  @Test
  void duplicateNamesAndEmptyChoices() {
    assertEquals("duplicate parameter 'lr': expected a new name, given uniform in [0, 1) but it is already "
        + "log-uniform in [0.0001, 0.1)",
        message(() -> SearchSpace.empty().logUniform("lr", 1e-4, 0.1).uniform("lr", 0, 1)));
    assertEquals("choice 'activation': expected at least one value (of type Double, Integer, String or Boolean), "
        + "given none", message(() -> SearchSpace.empty().choice("activation")));
    assertEquals("choice 'batch': expected distinct values, given 32 twice in [32, 64, 32]",
        message(() -> SearchSpace.empty().choice("batch", 32, 64, 32)));
    assertEquals("choice 'batch': expected values of type Double, Integer, String or Boolean, given 32 (Long)",
        message(() -> SearchSpace.empty().choice("batch", 32L)));
  }

  @Test
  void conditionsThatCanNeverHold() {
    SearchSpace base = SearchSpace.empty().choice("optimizer", "adam", "sgd").logUniform("lr", 1e-4, 1e-1);
    assertEquals("condition of 'momentum': unknown parameter 'optimiser'; expected one defined before "
        + "'momentum': [optimizer, lr]",
        message(() -> base.uniform("momentum", 0.8, 0.99).when("optimiser", "sgd")));
    assertEquals("condition of 'momentum': 'optimizer' never takes SGD (String), so 'momentum' would never be "
        + "drawn; expected a value it takes: one of [adam, sgd]",
        message(() -> base.uniform("momentum", 0.8, 0.99).when("optimizer", "SGD")));
    assertTrue(message(() -> base.uniform("momentum", 0.8, 0.99).when("lr", 0.01))
        .startsWith("condition of 'momentum': 'lr' is a continuous range"));
    assertEquals("condition of 'momentum': expected at least one value of 'optimizer', given none; the "
        + "condition never holds", message(() -> base.uniform("momentum", 0.8, 0.99).when("optimizer")));
    assertTrue(message(() -> SearchSpace.empty().intRange("layers", 1, 3).intRange("u", 8, 64)
        .when("layers", 4)).contains("'layers' never takes 4 (Integer)"));
    assertEquals("when(\"optimizer\", ...) applies to the last parameter defined, but none is defined yet",
        message(() -> SearchSpace.empty().when("optimizer", "sgd")));
    assertTrue(message(() -> base.uniform("momentum", 0.8, 0.99).when("optimizer", "sgd").when("optimizer", "sgd"))
        .startsWith("parameter 'momentum': expected one condition, given a second"));
    assertEquals("condition of 'x': expected another parameter, given 'x' itself",
        message(() -> base.choice("x", 1, 2).when("x", 1)));
  }

  @Test
  void spacesAreImmutable() {
    SearchSpace a = SearchSpace.empty().uniform("x", 0, 1);
    SearchSpace b = a.uniform("y", 0, 1);
    assertEquals(1, a.parameters().size());
    assertEquals(2, b.parameters().size());
    assertFalse(a.find("y").isPresent());
  }
}
