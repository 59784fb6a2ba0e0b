package dev.layerwise.reference.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.layerwise.optimizers.UpdateFormula;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightDecayUpdateTest {

  @Test
  void decaysFirstThenTakesAdamsStep() {
    // AdamW: η = 0.5, λ = 0.5: w = {1, 1} − (w·0.5)·0.5 = {0.75, 0.75}. Then Adam with the inputs of
    // AdamUpdateTest.stepTwoFromWarmMomentsByHand (β₁ 0.5, β₂ 0.8, ε 0.5, t = 2, m₀ = {0.5, 0}, v₀ = {1, 4},
    // g = {1, −2}), whose step {0.2, −0.16} does not depend on w: w = {0.55, 0.91}. Decaying after the Adam step
    // would give 0.75·{0.8, 1.16} = {0.6, 0.87}.
    double[] w = {1, 1};
    double[] m = {0.5, 0};
    double[] v = {1, 4};
    WeightDecayUpdate.of(new AdamUpdate(0.5, 0.8, 0.5, false), 0.5)
        .apply(w, new double[] {1, -2}, new double[][] {m, v}, 0.5, 2);
    assertArrayEquals(new double[] {0.75, -1}, m);
    assertArrayEquals(new double[] {1, 4}, v);
    assertArrayEquals(new double[] {0.55, 0.91}, w, 1e-15);
  }

  @Test
  void aZeroGradientOnlyDecaysWhateverTheRule() {
    // Keras's test_weight_decay: a zero gradient leaves every rule's step at 0, so w = 2 loses w·λ·η per step.
    // λ = 0.25, η = 0.5: w −= 0.125·w.
    List<RefOptimizerUpdate> rules = List.of(SgdUpdate.plain(), new SgdUpdate(0.9, true, UpdateFormula.KERAS),
        new AdagradUpdate(1e-7, UpdateFormula.KERAS), new RmsPropUpdate(0.9, 0, 1e-7, false),
        new AdadeltaUpdate(0.95, 1e-7), new AdamUpdate(0.9, 0.999, 1e-7, true), new AdamaxUpdate(0.9, 0.999, 1e-7),
        new NadamUpdate(0.9, 0.999, 1e-7, UpdateFormula.KERAS));
    for (RefOptimizerUpdate rule : rules) {
      double[] w = {2, -4};
      double[][] slots = new double[rule.slotNames().size()][2];
      WeightDecayUpdate.of(rule, 0.25).apply(w, new double[2], slots, 0.5, 1);
      assertArrayEquals(new double[] {1.75, -3.5}, w, rule.getClass().getSimpleName());
    }
  }

  @Test
  void noDecayIsTheRuleItselfAndARefusedStepChangesNothing() {
    AdamUpdate adam = new AdamUpdate(0.9, 0.999, 1e-7, false);
    assertSame(adam, WeightDecayUpdate.of(adam, 0));
    RefOptimizerUpdate decayed = WeightDecayUpdate.of(adam, 0.5);
    assertEquals(List.of("m", "v"), decayed.slotNames());
    double[] w = {1};
    var e = assertThrows(IllegalArgumentException.class,
        () -> decayed.apply(w, new double[1], new double[][] {{0}, {0}}, 0.5, 0));
    assertEquals("weight decay: the step index t is 1-based, got 0", e.getMessage());
    assertEquals(1, w[0]);
    e = assertThrows(IllegalArgumentException.class, () -> WeightDecayUpdate.of(adam, -0.1));
    assertEquals("weight decay: weightDecay must be non-negative and finite, got -0.1", e.getMessage());
  }
}
