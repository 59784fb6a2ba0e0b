package dev.layerwise.reference.losses;

import static dev.layerwise.reference.RefGradientCheck.assertAllClose;
import static dev.layerwise.reference.RefGradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SparseCategoricalCrossentropyEquationsTest {

  @ParameterizedTest(name = "fromLogits={0}")
  @ValueSource(booleans = {false, true})
  void valueByHand(boolean fromLogits) {
    var eq = new SparseCategoricalCrossentropyEquations(fromLogits, 3);
    double[] out = fromLogits ? new double[] {1, 2, 3, 0, 0, 0} : new double[] {0.2, 0.3, 0.5, 0.4, 0.6, 1.0};
    double[] labels = {2, 0};
    double expected = fromLogits
        ? (Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3 + Math.log(3)) / 2
        : -(Math.log(0.5) + Math.log(0.2)) / 2;
    assertEquals(expected, eq.loss(out, labels), 1e-15);
  }

  @ParameterizedTest(name = "fromLogits={0}")
  @ValueSource(booleans = {false, true})
  void gradient(boolean fromLogits) {
    Random r = new Random(41);
    var eq = new SparseCategoricalCrossentropyEquations(fromLogits, 4);
    double[] out = fromLogits ? uniform(r, 20, -3, 3) : uniform(r, 20, 0.1, 1);
    LossChecks.checkGradient("sparse cce", eq, out, new double[] {3, 0, 1, 1, 2});
  }

  @ParameterizedTest(name = "fromLogits={0}")
  @ValueSource(booleans = {false, true})
  void sameAsCategoricalWithOneHotLabels(boolean fromLogits) {
    Random r = new Random(43);
    double[] out = fromLogits ? uniform(r, 15, -3, 3) : uniform(r, 15, 0.05, 1);
    double[] labels = {4, 0, 2};
    double[] oneHot = new double[15];
    for (int i = 0; i < 3; i++) {
      oneHot[i * 5 + (int) labels[i]] = 1;
    }
    var sparse = new SparseCategoricalCrossentropyEquations(fromLogits, 5);
    var dense = new CategoricalCrossentropyEquations(fromLogits, 5);
    assertEquals(dense.loss(out, oneHot), sparse.loss(out, labels), 1e-15);
    assertAllClose("gradient", dense.gradient(out, oneHot), sparse.gradient(out, labels), 1e-16, 1e-14);
  }

  @ParameterizedTest(name = "label {0}")
  @ValueSource(doubles = {3, -1, 1.5, Double.NaN})
  void refusesLabelsThatAreNotClassIndices(double label) {
    var eq = new SparseCategoricalCrossentropyEquations(true, 3);
    var e = assertThrows(IllegalArgumentException.class,
        () -> eq.loss(new double[6], new double[] {0, label}));
    assertEquals("sparse_categorical_crossentropy: sample 1 has label " + label
        + "; expected a class index in [0, 3)", e.getMessage());
  }
}
