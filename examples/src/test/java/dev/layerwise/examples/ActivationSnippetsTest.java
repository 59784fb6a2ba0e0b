package dev.layerwise.examples;

import static dev.layerwise.examples.SnippetAssertions.assertClose;
import static dev.layerwise.examples.SnippetAssertions.parameterCount;
import static dev.layerwise.examples.SnippetAssertions.weights;
import static dev.layerwise.examples.SnippetAssertions.predict;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.ELU;
import dev.layerwise.layers.Hardmax;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.LeakyReLU;
import dev.layerwise.layers.PReLU;
import dev.layerwise.layers.Softmax;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The samples of {@code docs/activations.md} ({@link ActivationSnippets}) build and run as the page says. */
class ActivationSnippetsTest {
  private static Dataset fashionTrain;
  private static Dataset fashionTest;

  @BeforeAll
  static void loadData() {
    FashionMnist.Splits data = FashionMnist.load();
    fashionTrain = data.train().take(3000);
    fashionTest = data.test().take(200);
  }

  @Test
  void aFusedActivationIsSugarForAnActivationLayer() {
    List<Sequential> models = ActivationSnippets.fusedActivation();
    assertEquals(List.of("input_layer", "dense"), models.get(0).layerNames());
    assertEquals(List.of("input_layer", "dense", "activation"), models.get(1).layerNames());
    assertEquals(models.get(0).spec().weightSpecs(), models.get(1).spec().weightSpecs());
  }

  @Test
  void theActivationSamplesHaveTheDocumentedShapesAndWeights() {
    Sequential relu = ActivationSnippets.reluFamily();
    assertEquals(Shape.of(10), relu.spec().outputShape());
    assertEquals(Shape.of(256), weights(relu, "p_re_lu").get(0).shape());

    Sequential maxout = ActivationSnippets.maxout();
    long dense128 = Sequential.of(Input.shape(784), Dense.units(128)).spec().parameterCount();
    assertEquals(100_480, dense128);
    assertEquals(2 * dense128, parameterCount(maxout, "maxout"));
    assertEquals(Shape.of(784, 256), weights(maxout, "maxout").get(0).shape());
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void theLogitsClassifierTrainsAndItsPredictionHeadsAgree(String name) {
    Backend backend = Backend.named(name);
    try (CompiledModel trained = ActivationSnippets.logitsClassifier(backend)) {
      trained.fit(fashionTrain, FitOptions.builder().epochs(1).quiet().build());
      float[] logits = trained.predict(fashionTest);
      List<float[]> heads = ActivationSnippets.predictionHeads(trained, fashionTest);
      float[] p = heads.get(0);
      float[] oneHot = heads.get(1);
      for (int i = 0; i < fashionTest.size(); i++) {
        double max = Double.NEGATIVE_INFINITY;
        int argmax = 0;
        for (int k = 0; k < 10; k++) {
          if (logits[i * 10 + k] > max) {
            max = logits[i * 10 + k];
            argmax = k;
          }
        }
        double sum = 0;
        for (int k = 0; k < 10; k++) {
          sum += Math.exp(logits[i * 10 + k] - max);
        }
        for (int k = 0; k < 10; k++) {
          double softmax = Math.exp(logits[i * 10 + k] - max) / sum;
          assertEquals(softmax, p[i * 10 + k], 1e-5, "probability " + i + "," + k);
          assertEquals(k == argmax ? 1f : 0f, oneHot[i * 10 + k], "hardmax " + i + "," + k);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "tensorflow"})
  void theActivationsComputeTheDocumentedFunctions(String name) {
    Backend backend = Backend.named(name);
    float[] z = {-2, -0.5f, 0, 0.5f, 2};
    Shape five = Shape.of(5);
    double lambda = ActivationFn.SELU_SCALE;
    double alpha = ActivationFn.SELU_ALPHA;
    Map<Layer, double[]> expected = new LinkedHashMap<>();
    expected.put(LeakyReLU.alpha(0.1), new double[] {-0.2, -0.05, 0, 0.5, 2});
    expected.put(LeakyReLU.create(), new double[] {-0.6, -0.15, 0, 0.5, 2});
    expected.put(PReLU.perChannel(), new double[] {0, 0, 0, 0.5, 2});               // α starts at 0: a ReLU
    expected.put(ELU.alpha(0.5), new double[] {0.5 * Math.expm1(-2), 0.5 * Math.expm1(-0.5), 0, 0.5, 2});
    expected.put(Activation.of(ActivationFn.SELU), new double[] {lambda * alpha * Math.expm1(-2),
        lambda * alpha * Math.expm1(-0.5), 0, lambda * 0.5, lambda * 2});
    expected.put(Activation.of(ActivationFn.ELU), new double[] {Math.expm1(-2),
        Math.expm1(-0.5), 0, 0.5, 2});
    expected.put(Hardmax.create(), new double[] {0, 0, 0, 0, 1});
    double s = 0;
    for (float v : z) {
      s += Math.exp(v);
    }
    double[] softmax = new double[5];
    for (int i = 0; i < 5; i++) {
      softmax[i] = Math.exp(z[i]) / s;
    }
    expected.put(Softmax.create(), softmax);
    for (Map.Entry<Layer, double[]> e : expected.entrySet()) {
      float[] y = predict(backend, Sequential.of(Input.of(five), e.getKey()), z);
      float[] want = new float[5];
      for (int i = 0; i < 5; i++) {
        want[i] = (float) e.getValue()[i];
      }
      assertClose(want, y, 1e-6, e.getKey().describe());
    }
  }
}
