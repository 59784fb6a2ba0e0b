package dev.layerwise.optimizers;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class OptimizerTest {

  private static void assertRejected(Executable create, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, create);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
  }

  @Test
  void adamUsesKerasDefaults() {
    Adam a = Optimizer.adam(1e-3);
    assertEquals(dev.layerwise.schedules.LearningRateSchedule.constant(1e-3), a.learningRate());
    assertEquals(0.9, a.beta1());
    assertEquals(0.999, a.beta2());
    assertEquals(1e-7, a.epsilon());
    assertEquals(List.of("m", "v"), a.slotNames());
  }

  @Test
  void adamWithersChangeOneField() {
    Adam a = Optimizer.adam(1e-3).withBeta1(0.8).withBeta2(0.99).withEpsilon(1e-8).withLearningRate(0.01);
    assertEquals(new Adam(dev.layerwise.schedules.LearningRateSchedule.constant(0.01), 0.8, 0.99, 1e-8, false, 0,
        GradientClipping.NONE), a);
  }

  @Test
  void adamBetasMustBeInTheHalfOpenUnitInterval() {
    assertRejected(() -> Optimizer.adam(1e-3).withBeta1(1.0), "Adam", "beta1", "[0, 1)", "got 1.0");
    assertRejected(() -> Optimizer.adam(1e-3).withBeta1(-0.1), "Adam", "beta1", "[0, 1)", "got -0.1");
    assertRejected(() -> Optimizer.adam(1e-3).withBeta2(1.5), "Adam", "beta2", "[0, 1)", "got 1.5");
    assertRejected(() -> Optimizer.adam(1e-3).withBeta2(Double.NaN), "Adam", "beta2", "got NaN");
    assertDoesNotThrow(() -> Optimizer.adam(1e-3).withBeta1(0).withBeta2(0.9999));
  }

  @Test
  void adamLearningRateMustBePositiveAndFinite() {
    assertRejected(() -> Optimizer.adam(0), "Adam", "learningRate must be positive", "got 0.0");
    assertRejected(() -> Optimizer.adam(-0.001), "Adam", "learningRate", "got -0.001");
    assertRejected(() -> Optimizer.adam(Double.POSITIVE_INFINITY), "Adam", "learningRate", "Infinity");
  }

  @Test
  void adamEpsilonMustBePositive() {
    assertRejected(() -> Optimizer.adam(1e-3).withEpsilon(0), "Adam", "epsilon must be positive", "got 0.0");
    assertRejected(() -> Optimizer.adam(1e-3).withEpsilon(-1e-7), "Adam", "epsilon", "got -1.0E-7");
  }

  @Test
  void sgdKeepsItsLearningRateAndHasNoSlots() {
    Sgd s = Optimizer.sgd(0.01);
    assertEquals(0.01, s.learningRate().at(0));
    assertEquals(List.of(), s.slotNames());
    assertEquals(0.5, s.withLearningRate(0.5).learningRate().at(1000));
  }

  @Test
  void sgdLearningRateMustBePositive() {
    assertRejected(() -> Optimizer.sgd(0), "SGD", "learningRate must be positive", "got 0.0");
    assertRejected(() -> Optimizer.sgd(-1), "SGD", "got -1.0");
    assertRejected(() -> Optimizer.sgd(Double.NaN), "SGD", "got NaN");
  }

  @Test
  void visitorDispatchesToTheMatchingMethod() {
    @SuppressWarnings("unchecked")
    OptimizerVisitor<String> v = (OptimizerVisitor<String>) java.lang.reflect.Proxy.newProxyInstance(
        OptimizerVisitor.class.getClassLoader(), new Class<?>[] {OptimizerVisitor.class},
        (proxy, method, args) -> method.getName());
    List<Optimizer> all = List.of(Optimizer.sgd(0.1), Optimizer.adagrad(0.1), Optimizer.rmsprop(0.1),
        Optimizer.adadelta(0.1), Optimizer.adam(0.1), Optimizer.adamax(0.1), Optimizer.nadam(0.1),
        Optimizer.adamW(0.1, 0.01));
    for (Optimizer o : all) {
      assertEquals("visit" + o.getClass().getSimpleName(), o.accept(v));
    }
  }
}
