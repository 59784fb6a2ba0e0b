package dev.layerwise.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.CompiledModel;
import dev.layerwise.FitOptions;
import dev.layerwise.Model;
import dev.layerwise.Sequential;
import dev.layerwise.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.io.ArchiveContents;
import dev.layerwise.io.ModelArchive;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Add;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.TensorValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.SavedModel;

/**
 * The SavedModel as an outside reader sees it: every variable op is named as the weight it holds in the model
 * archive and holds that weight's value; no node carries an attribute at its op's default (TF's registry says which
 * are defaults); the meta graph says it was stripped and which TensorFlow wrote it; and the stripped model still
 * loads, through {@link TfSavedModel} and through TF Java's own {@link SavedModelBundle}, and predicts as the
 * trained model does.
 */
class TfSavedModelHygieneTest {
  private static final int N = 16;

  /** Dense → BN → ReLU → Dropout → Dense, the default names (dense, batch_normalization, ..., dense_1). */
  private static Sequential withBatchNorm() {
    return Sequential.of(Input.shape(5), Dense.units(6), BatchNormalization.create(),
        Dense.units(4).withActivation(ActivationFn.RELU), Dropout.rate(0.25), Dense.units(3)).withSeed(4);
  }

  /** Inputs a and b through one shared Dense, summed, then BN and a Dense head. */
  private static Model withSharedLayer() {
    Dense shared = Dense.units(4).withActivation(ActivationFn.TANH).withName("encoder");
    SymbolicTensor a = Input.shape(5).withName("a").tensor();
    SymbolicTensor b = Input.shape(5).withName("b").tensor();
    SymbolicTensor h = BatchNormalization.create().apply(Add.create().apply(shared.apply(a), shared.apply(b)));
    return Model.of(List.of(a, b), List.of(Dense.units(3).withName("head").apply(h))).withSeed(5);
  }

  private static float[] ramp(int n, double phase) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) Math.sin(0.37 * i + phase);
    }
    return x;
  }

  @Test
  void aSequentialWithBatchNormExportsTheArchivesNamesWithoutDefaultsAndPredictsTheSame(@TempDir Path dir)
      throws IOException {
    float[] x = ramp(N * 5, 0);
    Dataset train = Dataset.of(x, Shape.of(5), ramp(N * 3, 1), Shape.of(3));
    try (CompiledModel m = withBatchNorm().compile(TfHarness.tf(), Optimizer.adam(0.05), Loss.meanSquaredError())) {
      m.fit(train, FitOptions.builder().epochs(3).batchSize(4).quiet().build());
      Path exported = m.exportSavedModel(dir.resolve("served"));
      ArchiveContents archive = savedArchive(m, dir);
      assertEquals(List.of("dense/kernel", "dense/bias", "batch_normalization/gamma", "batch_normalization/beta",
          "batch_normalization/moving_mean", "batch_normalization/moving_variance", "dense_1/kernel",
          "dense_1/bias", "dense_2/kernel", "dense_2/bias"), List.copyOf(archive.weights().keySet()));
      checkHygiene(exported, archive);

      float[] expected = m.predict(Dataset.featuresOnly(x, Shape.of(5)));
      try (TfSavedModel served = TfSavedModel.load(exported)) {
        assertArrayEquals(expected, served.predict(x, N), 1e-6f);
      }
      try (SavedModelBundle bundle = SavedModelBundle.load(exported.toString());
          Tensor in = TfTensors.create(false, TensorValue.of(Shape.of(N, 5), x));
          Result out = bundle.session().runner().feed("x", in).fetch("output").run()) {
        assertArrayEquals(expected, TfTensors.readFloats(out.get(0), expected.length), 1e-6f);
      }
    }
  }

  @Test
  void aModelWithASharedLayerExportsEachWeightOnceUnderItsArchiveName(@TempDir Path dir) throws IOException {
    float[] a = ramp(N * 5, 0.3);
    float[] b = ramp(N * 5, 2.1);
    Dataset train = Dataset.builder().features("a", a, Shape.of(5)).features("b", b, Shape.of(5))
        .targets("head", ramp(N * 3, 0.7), Shape.of(3)).build();
    try (CompiledModel m = withSharedLayer().compile(TfHarness.tf(), Optimizer.adam(0.05), Loss.meanSquaredError())) {
      m.fit(train, FitOptions.builder().epochs(3).batchSize(4).quiet().build());
      Path exported = m.exportSavedModel(dir.resolve("served"));
      ArchiveContents archive = savedArchive(m, dir);
      assertEquals(List.of("encoder/kernel", "encoder/bias", "batch_normalization/gamma", "batch_normalization/beta",
          "batch_normalization/moving_mean", "batch_normalization/moving_variance", "head/kernel", "head/bias"),
          List.copyOf(archive.weights().keySet()));
      checkHygiene(exported, archive);

      // One output: the signature names it "output" (the export's output name), not after the layer.
      float[] expected = m.predict(Dataset.builder().features("a", a, Shape.of(5)).features("b", b, Shape.of(5))
          .build());
      try (TfSavedModel served = TfSavedModel.load(exported)) {
        assertArrayEquals(expected, served.predict(Map.of("a", a, "b", b), N).get("output"), 1e-6f);
      }
      try (SavedModelBundle bundle = SavedModelBundle.load(exported.toString());
          Tensor ta = TfTensors.create(false, TensorValue.of(Shape.of(N, 5), a));
          Tensor tb = TfTensors.create(false, TensorValue.of(Shape.of(N, 5), b));
          Result out = bundle.function("serving_default").call(Map.of("a", ta, "b", tb))) {
        assertArrayEquals(expected, TfTensors.readFloats(out.get("output").orElseThrow(), expected.length), 1e-6f);
      }
    }
  }

  /** Saves the model as an archive and reads it back: the names and values the SavedModel must match. */
  private static ArchiveContents savedArchive(CompiledModel m, Path dir) {
    Path file = dir.resolve("model.layerwise");
    m.save(file);
    return ModelArchive.read(file);
  }

  /**
   * The variable ops are exactly the archive's weights, each holding the archive's value; no node attribute equals
   * its op's default; the meta graph is marked stripped and carries TF's version.
   */
  private static void checkHygiene(Path exported, ArchiveContents archive) throws IOException {
    SavedModel saved;
    try (InputStream in = Files.newInputStream(exported.resolve("saved_model.pb"))) {
      saved = SavedModel.parseFrom(in);
    }
    assertEquals(1, saved.getMetaGraphsCount());
    assertEquals(1, saved.getSavedModelSchemaVersion());
    MetaGraphDef graph = saved.getMetaGraphs(0);
    List<String> variables = new ArrayList<>();
    List<String> defaulted = new ArrayList<>();
    Map<String, OpDef> ops = new HashMap<>();
    TensorFlow.registeredOpList().getOpList().forEach(op -> ops.put(op.getName(), op));
    for (NodeDef node : graph.getGraphDef().getNodeList()) {
      if (node.getOp().equals("VariableV2")) {
        variables.add(node.getName());
      }
      OpDef op = ops.get(node.getOp());
      assertTrue(op != null, "op " + node.getOp() + " of " + node.getName() + " is registered");
      for (OpDef.AttrDef attr : op.getAttrList()) {
        AttrValue value = node.getAttrMap().get(attr.getName());
        if (attr.hasDefaultValue() && attr.getDefaultValue().equals(value)) {
          defaulted.add(node.getName() + " (" + node.getOp() + ")." + attr.getName());
        }
      }
    }
    assertEquals(new TreeSet<>(archive.weights().keySet()), new TreeSet<>(variables));
    assertEquals(List.of(), defaulted, "attributes at their op's default");
    for (NodeDef node : graph.getGraphDef().getNodeList()) {
      if (node.getOp().equals("MatMul")) {
        assertFalse(node.containsAttr("grad_a") || node.containsAttr("transpose_a"), node.toString());
      }
    }
    assertTrue(graph.getMetaInfoDef().getStrippedDefaultAttrs());
    assertEquals("2.18.0", graph.getMetaInfoDef().getTensorflowVersion());
    assertEquals("v2.18.0", graph.getMetaInfoDef().getTensorflowGitVersion());
    assertEquals(0, graph.getGraphDef().getVersions().getMinConsumer(), "any older runtime may read the graph");

    try (SavedModelBundle bundle = SavedModelBundle.load(exported.toString())) {
      Session.Runner runner = bundle.session().runner();
      List<String> names = List.copyOf(archive.weights().keySet());
      names.forEach(runner::fetch);
      try (Result values = runner.run()) {
        for (int i = 0; i < names.size(); i++) {
          TensorValue want = archive.weights().get(names.get(i));
          float[] got = TfTensors.readFloats(values.get(i), want.shape().size());
          float[] expected = new float[got.length];
          for (int j = 0; j < expected.length; j++) {
            expected[j] = (float) want.data()[j];
          }
          assertArrayEquals(expected, got, names.get(i));
        }
      }
    }
  }
}
