package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Add;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Concatenate;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Building functional models: order, names, sharing by identity, and what is refused, with the names involved. */
class FunctionalModelTest {

  private static List<String> names(List<LayerNode> nodes) {
    return nodes.stream().map(LayerNode::name).toList();
  }

  private static IllegalArgumentException refused(Executable build, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
    return e;
  }

  /** image → dense(relu) → dense_1; add(dense, dense_1) → dense_2. */
  private static Model residual() {
    SymbolicTensor image = Input.shape(4).withName("image").tensor();
    SymbolicTensor x = Dense.units(4).withActivation(ActivationFn.RELU).apply(image);
    SymbolicTensor y = Dense.units(4).apply(x);
    SymbolicTensor r = Add.create().apply(x, y);
    return Model.of(image, Dense.units(2).apply(r)).withName("residual");
  }

  @Test
  void aGraphIsOrderedInputsFirstThenDepthFirstFromTheOutputs() {
    ModelSpec spec = residual().spec();
    assertEquals(List.of("image", "dense", "dense_1", "add", "dense_2"), names(spec.layers()));
    assertEquals(List.of("image", "dense", "dense_relu", "dense_1", "add", "dense_2"), names(spec.nodes()));
    assertEquals(List.of("dense_relu", "dense_1"), spec.node("add").inbound());
    assertEquals(List.of("dense", "dense_1"), spec.layers().get(3).inbound(), "user nodes refer to user nodes");
    assertEquals(List.of("dense_1", "add"), names(spec.consumers("dense_relu")), "a fan-out has two consumers");
    assertEquals(List.of(Shape.of(4), Shape.of(4)), spec.node("add").inputShapes());
    assertEquals(List.of("image"), spec.inputs());
    assertEquals(List.of("dense_2"), spec.outputs());
    assertEquals(Shape.of(2), spec.outputShape());
    assertEquals(List.of("image", "dense", "dense_1", "dense_2"),
        residual().layers().stream().filter(l -> !(l instanceof Add)).map(Layer::name).toList());
  }

  @Test
  void theOrderDependsOnTheGraphNotOnTheOrderItWasBuiltIn() {
    SymbolicTensor a = Input.shape(3).withName("a").tensor();
    SymbolicTensor b = Input.shape(3).withName("b").tensor();
    SymbolicTensor ha = Dense.units(2).apply(a);
    SymbolicTensor hb = Dense.units(2).apply(b);
    ModelSpec first = Model.of(List.of(a, b), List.of(Concatenate.create().apply(ha, hb))).spec();
    SymbolicTensor a2 = Input.shape(3).withName("a").tensor();
    SymbolicTensor b2 = Input.shape(3).withName("b").tensor();
    SymbolicTensor hb2 = Dense.units(2).apply(b2);
    SymbolicTensor ha2 = Dense.units(2).apply(a2);
    ModelSpec second = Model.of(List.of(a2, b2), List.of(Concatenate.create().apply(ha2, hb2))).spec();
    assertEquals(List.of("a", "b", "dense", "dense_1", "concatenate"), names(first.nodes()));
    assertEquals(first, second);
    assertEquals(List.of("a"), first.node("dense").inbound());
  }

  @Test
  void aSequentialModelIsTheChainBuiltThroughTheSamePath() {
    SymbolicTensor in = Input.shape(6).tensor();
    SymbolicTensor h = Dense.units(5).withActivation(ActivationFn.TANH).apply(in);
    ModelSpec graph = Model.of(in, Dense.units(2).apply(h)).withName("m").spec();
    ModelSpec chain = Sequential.of(Input.shape(6), Dense.units(5).withActivation(ActivationFn.TANH),
        Dense.units(2)).withName("m").spec();
    assertEquals(chain, graph);
    assertEquals(List.of("input_layer", "dense", "dense_tanh", "dense_1"), names(chain.nodes()));
  }

  @Test
  void theSameLayerObjectAppliedTwiceSharesItsWeights() {
    Dense shared = Dense.units(3).withActivation(ActivationFn.RELU);
    SymbolicTensor in = Input.shape(3).tensor();
    ModelSpec spec = Model.of(in, shared.apply(shared.apply(in))).spec();
    assertEquals(List.of("input_layer", "dense", "dense_relu", "dense/call_1", "dense/call_1_relu"),
        names(spec.nodes()));
    assertEquals("dense", spec.node("dense/call_1").owner());
    assertEquals("dense_relu", spec.node("dense/call_1_relu").owner());
    assertEquals(List.of("dense/kernel", "dense/bias"), List.copyOf(spec.weightSpecs().keySet()));
    assertEquals(12, spec.parameterCount());
    assertEquals(List.of("dense/call_1_relu"), spec.outputs());
    assertEquals(List.of("dense/call_1"), spec.outputNames());
  }

  @Test
  void twoEqualLayersWrittenSeparatelyAreTwoLayersWithTwoWeightSets() {
    Dense a = Dense.units(3);
    Dense b = Dense.units(3);
    assertEquals(a, b, "records with equal fields are equal");
    SymbolicTensor in = Input.shape(3).tensor();
    ModelSpec spec = Model.of(in, b.apply(a.apply(in))).spec();
    assertEquals(List.of("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"),
        List.copyOf(spec.weightSpecs().keySet()));
    assertEquals(24, spec.parameterCount());
  }

  @Test
  void aSequentialModelListingOneObjectTwiceSharesItToo() {
    Dense shared = Dense.units(4);
    Sequential m = Sequential.of(Input.shape(4), shared, shared);
    assertEquals(List.of("input_layer", "dense", "dense/call_1"), names(m.spec().nodes()));
    assertEquals(List.of("dense/kernel", "dense/bias"), List.copyOf(m.spec().weightSpecs().keySet()));
    assertSame(shared, m.layers().get(1));
    assertTrue(m.summary().contains("Total params: 20 "), m.summary());
    assertEquals(1, m.summary().split("dense \\(Dense\\)", -1).length - 1, "a shared layer is listed once");
  }

  @Test
  void twoDifferentLayersWithOneNameAreRefused() {
    SymbolicTensor in = Input.shape(3).tensor();
    SymbolicTensor h = Dense.units(3).withName("hidden").apply(in);
    refused(() -> Model.of(in, Dense.units(3).withName("hidden").apply(h)), "layer name 'hidden' is used twice",
        "to share a layer, apply the same object");
  }

  @Test
  void aTensorOfAnotherInputIsRefusedNamingTheLayerAndTheInput() {
    SymbolicTensor image = Input.shape(3).withName("image").tensor();
    SymbolicTensor stranger = Input.shape(3).withName("image_2").tensor();
    SymbolicTensor h = Dense.units(3).withName("dense_3").apply(stranger);
    SymbolicTensor out = Add.create().apply(Dense.units(3).apply(image), h);
    refused(() -> Model.of(image, out), "layer 'dense_3' needs input 'image_2', which is not among the model's"
        + " inputs [image]");
  }

  @Test
  void aTensorOfAnotherModelIsRefused() {
    SymbolicTensor first = Input.shape(3).withName("first").tensor();
    SymbolicTensor firstOut = Dense.units(3).withName("encoder").apply(first);
    Model.of(first, firstOut);
    SymbolicTensor second = Input.shape(3).withName("second").tensor();
    SymbolicTensor out = Add.create().withName("join").apply(firstOut, Dense.units(3).apply(second));
    refused(() -> Model.of(second, out), "layer 'encoder' needs input 'first'", "[second]");
  }

  @Test
  void anInputNoOutputUsesIsRefused() {
    SymbolicTensor image = Input.shape(3).withName("image").tensor();
    SymbolicTensor meta = Input.shape(2).withName("meta").tensor();
    refused(() -> Model.of(List.of(image, meta), List.of(Dense.units(1).apply(image))),
        "input 'meta' is not used by any output");
  }

  @Test
  void inputsAndOutputsGivenTwiceAreRefused() {
    SymbolicTensor a = Input.shape(3).withName("a").tensor();
    SymbolicTensor out = Dense.units(1).apply(a);
    refused(() -> Model.of(List.of(a, a), List.of(out)), "Input 'a' (None, 3) is given twice as an input");
    refused(() -> Model.of(List.of(a), List.of(out, out)), "is given twice as an output");
  }

  @Test
  void anInputMustBeTheTensorOfAnInput() {
    SymbolicTensor a = Input.shape(3).tensor();
    SymbolicTensor h = Dense.units(2).withName("h").apply(a);
    refused(() -> Model.of(h, Dense.units(1).apply(h)), "input 0 is the output of Dense 'h' (None, 2), not the"
        + " tensor of an Input");
  }

  @Test
  void aSharedLayerMustFitItsWeightsAndKeepNoMovingStatistics() {
    Dense d = Dense.units(2).withName("shared");
    SymbolicTensor a = Input.shape(3).tensor();
    SymbolicTensor b = Input.shape(5).tensor();
    refused(() -> Model.of(List.of(a, b), List.of(Add.create().apply(d.apply(a), d.apply(b)))),
        "Dense 'shared' was first applied to inputs of shape [[3]]", "[[3, 2], [2]]", "[[5, 2], [2]]",
        "one set of weights");
    BatchNormalization bn = BatchNormalization.create();
    SymbolicTensor c = Input.shape(3).tensor();
    refused(() -> Model.of(c, bn.apply(bn.apply(c))), "BatchNormalization 'batch_normalization' is applied twice",
        "moving statistics");
  }

  @Test
  void eachTensorOfAnInputIsAnInputOfItsOwn() {
    Input in = Input.shape(2);
    SymbolicTensor a = in.tensor();
    SymbolicTensor b = in.tensor();
    ModelSpec spec = Model.of(List.of(a, b), List.of(Add.create().apply(a, b))).spec();
    assertEquals(List.of("input_layer", "input_layer_1"), spec.inputs());
    Input named = Input.shape(2).withName("x");
    SymbolicTensor c = named.tensor();
    SymbolicTensor d = named.tensor();
    refused(() -> Model.of(List.of(c, d), List.of(Add.create().apply(c, d))), "layer name 'x' is used twice");
  }

  @Test
  void anOutputMayBeAnInputAndSeveralOutputsAreNamedAfterTheirLayers() {
    SymbolicTensor a = Input.shape(2).withName("a").tensor();
    SymbolicTensor b = Input.shape(2).withName("b").tensor();
    Model identity = Model.of(List.of(a, b), List.of(a, b));
    assertEquals(List.of("a", "b"), identity.outputNames());
    assertEquals(List.of(Shape.of(2), Shape.of(2)), identity.spec().outputShapes());
    SymbolicTensor h = Dense.units(3).withActivation(ActivationFn.SOFTMAX).withName("probs").apply(a);
    Model two = Model.of(List.of(a), List.of(h, Dense.units(1).withName("score").apply(a)));
    assertEquals(List.of("probs", "score"), two.outputNames());
    assertEquals(List.of("probs_softmax", "score"), two.spec().outputs());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> two.spec().outputShape());
    assertEquals("model 'functional' has 2 outputs; use outputNodes()", e.getMessage());
  }

  @Test
  void withersKeepTheGraph() {
    Model m = residual();
    Model named = m.withName("other").withSeed(3);
    assertEquals("other", named.spec().name());
    assertEquals(java.util.OptionalLong.of(3), named.seed());
    assertEquals(m.spec().nodes(), named.spec().nodes());
    assertEquals("Model['residual', inputs [image], outputs [dense_2]]", m.toString());
  }
}
