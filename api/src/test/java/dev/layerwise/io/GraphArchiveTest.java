package dev.layerwise.io;

import static dev.layerwise.io.ModelArchiveTest.assertSameContents;
import static dev.layerwise.io.ModelArchiveTest.refused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.layerwise.Model;
import dev.layerwise.Sequential;
import dev.layerwise.TrainingConfig;
import dev.layerwise.TrainingState;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Add;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.SymbolicTensor;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.TensorValue;
import dev.layerwise.testing.ZipEdit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph format of the archive: what it holds for a model with two inputs, a layer shared by both, a merge and
 * two outputs with their own losses; that it reads back as the same model; that a Sequential keeps the chain format
 * unless it shares a layer; and that a file describing an impossible graph is refused naming the nodes.
 */
class GraphArchiveTest {
  @TempDir Path dir;

  /** left, right [4] → the shared encoder on each → added → class (2 logits) and score (1). */
  static Model twoTower() {
    Dense encoder = Dense.units(3).withActivation(ActivationFn.TANH).withName("encoder");
    SymbolicTensor left = Input.shape(4).withName("left").tensor();
    SymbolicTensor right = Input.shape(4).withName("right").tensor();
    SymbolicTensor sum = Add.create().apply(encoder.apply(left), encoder.apply(right));
    return Model.of(List.of(left, right), List.of(Dense.units(2).withName("class").apply(sum),
        Dense.units(1).withName("score").apply(sum))).withName("two_tower").withSeed(5);
  }

  private static final TrainingConfig TRAINING = TrainingConfig.of(Optimizer.adam(0.01), Map.of(
      "class", Loss.sparseCategoricalCrossentropy().withFromLogits(true), "score", Loss.meanSquaredError()))
      .withLossWeight("score", 0.25).withMetrics("class", Metric.ACCURACY);

  /** Contents with the model's initial weights, Adam slots of distinct values, and some training done. */
  static ArchiveContents contents(Model model, TrainingConfig training) {
    Map<String, TensorValue> weights = model.spec().initialWeights(5);
    Map<String, TensorValue> slots = new LinkedHashMap<>();
    int k = 0;
    for (String w : model.spec().trainableWeightNames()) {
      for (String slot : training.optimizer().slotNames()) {
        slots.put(w + "/" + slot, TensorValue.filled(weights.get(w).shape(), 0.5 + k++));
      }
    }
    return new ArchiveContents(model, training, weights, slots, new TrainingState(12, 3), Map.of("backend", "test"));
  }

  private Path saved(String name) {
    Path file = dir.resolve(name);
    ModelArchive.write(contents(twoTower(), TRAINING), file);
    return file;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> index(Path file) {
    return (Map<String, Object>) Json.parse(new String(ZipEdit.entries(file).get(ModelArchive.INDEX),
        StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> model(Map<String, Object> index) {
    return (Map<String, Object>) index.get("model");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> node(Map<String, Object> index, int i) {
    return (Map<String, Object>) ((List<Object>) model(index).get("nodes")).get(i);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> layerConfig(Map<String, Object> index, int i) {
    Map<String, Object> layer = (Map<String, Object>) ((List<Object>) model(index).get("layers")).get(i);
    return (Map<String, Object>) layer.get("config");
  }

  private static Map<String, Object> nodeJson(String name, String layer, String... inbound) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("layer", layer);
    m.put("inbound", new ArrayList<Object>(List.of((Object[]) inbound)));
    return m;
  }

  private Path edited(Path file, String name, Consumer<Map<String, Object>> edit) {
    return ModelArchiveTest.withIndex(file, dir.resolve(name), edit);
  }

  @Test
  void aGraphIsStoredAsEachLayerOnceAndEachNodeWithTheNodesItTakes() {
    Map<String, Object> index = index(saved("a.layerwise"));
    assertEquals(2L, index.get("format_version"));
    Map<String, Object> model = model(index);
    assertEquals(List.of("class_name", "name", "seed", "layers", "nodes", "inputs", "outputs"),
        new ArrayList<>(model.keySet()));
    assertEquals("Model", model.get("class_name"));
    assertEquals(5L, model.get("seed"));
    List<Object> layerNames = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      layerNames.add(layerConfig(index, i).get("name"));
    }
    assertEquals(List.of("left", "right", "encoder", "add", "class", "score"), layerNames);
    assertEquals(List.of(nodeJson("left", "left"), nodeJson("right", "right"), nodeJson("encoder", "encoder", "left"),
        nodeJson("encoder/call_1", "encoder", "right"), nodeJson("add", "add", "encoder", "encoder/call_1"),
        nodeJson("class", "class", "add"), nodeJson("score", "score", "add")), model.get("nodes"));
    assertEquals(List.of("left", "right"), model.get("inputs"));
    assertEquals(List.of("class", "score"), model.get("outputs"));
    @SuppressWarnings("unchecked")
    Map<String, Object> weights = (Map<String, Object>) index.get("weights");
    assertEquals(List.of("encoder/kernel", "encoder/bias", "class/kernel", "class/bias", "score/kernel",
        "score/bias"), new ArrayList<>(weights.keySet()), "the shared encoder's weights once, under its name");
  }

  @Test
  void aGraphReadsBackAsTheSameModelWithItsPerOutputTraining() {
    ArchiveContents read = ModelArchive.read(saved("a.layerwise"));
    assertSameContents(contents(twoTower(), TRAINING), read);
    assertEquals(Model.class, read.model().getClass());
    assertEquals(0.25, read.training().lossWeightFor("score"));
    assertEquals(List.of(Metric.ACCURACY), read.training().metricsFor("class"));
    assertEquals(List.of(), read.training().metricsFor("score"));
  }

  @Test
  void aSequentialWithoutSharingKeepsTheChainFormat() {
    Sequential chain = Sequential.of(Input.shape(3), Dense.units(2), Dense.units(1)).withSeed(2);
    Path file = dir.resolve("chain.layerwise");
    ModelArchive.write(contents(chain, TrainingConfig.of(Optimizer.sgd(0.1), Loss.meanSquaredError())), file);
    Map<String, Object> index = index(file);
    assertEquals(1L, index.get("format_version"));
    assertEquals(List.of("name", "seed", "layers"), new ArrayList<>(model(index).keySet()));
    assertEquals(Sequential.class, ModelArchive.read(file).model().getClass());
  }

  @Test
  void aSequentialSharingALayerIsAGraphAndReadsBackAsSequentialWithOneLayerObject() {
    Dense shared = Dense.units(3).withActivation(ActivationFn.TANH);
    Sequential chain = Sequential.of(Input.shape(3), shared, shared, Dense.units(1)).withSeed(2);
    Path file = dir.resolve("shared.layerwise");
    ArchiveContents written = contents(chain, TrainingConfig.of(Optimizer.adam(0.1), Loss.meanSquaredError()));
    ModelArchive.write(written, file);
    Map<String, Object> index = index(file);
    assertEquals(2L, index.get("format_version"));
    assertEquals("Sequential", model(index).get("class_name"));
    assertEquals(nodeJson("dense/call_1", "dense", "dense"), node(index, 2), "the second application, taking the"
        + " first");
    ArchiveContents read = ModelArchive.read(file);
    assertSameContents(written, read);
    Sequential loaded = (Sequential) read.model();
    assertSame(loaded.layers().get(1), loaded.layers().get(2));
  }

  @Test
  void writingWhatWasReadGivesTheSameEntriesByteForByte() {
    Dense shared = Dense.units(2);
    for (Model model : List.of(twoTower(), Sequential.of(Input.shape(2), shared, shared).withSeed(3),
        Sequential.of(Input.shape(2), Dense.units(2)).withSeed(4))) {
      Path first = dir.resolve(model.name() + "-1.layerwise");
      Path second = dir.resolve(model.name() + "-2.layerwise");
      ModelArchive.write(contents(model, TrainingConfig.of(Optimizer.adam(0.01), Loss.meanSquaredError())), first);
      ModelArchive.write(ModelArchive.read(first), second);
      Map<String, byte[]> a = ZipEdit.entries(first);
      Map<String, byte[]> b = ZipEdit.entries(second);
      assertEquals(a.keySet(), b.keySet());
      a.forEach((name, bytes) -> assertArrayEquals(bytes, b.get(name), model.name() + ": " + name));
    }
  }

  @Test
  void aCycleIsRefusedNamingItsNodes() {
    Path a = saved("a.layerwise");
    Path loop = edited(a, "loop.layerwise", i -> node(i, 2).put("inbound", List.of("add")));
    refused(loop, "model.nodes form a cycle: 'encoder' → 'add' → 'encoder' (each takes the output of the one"
        + " before it); a model is a graph without cycles");
    Path self = edited(a, "self.layerwise", i -> node(i, 4).put("inbound", List.of("add", "encoder/call_1")));
    refused(self, "model.nodes form a cycle: 'add' → 'add'");
  }

  @Test
  void aNameThatIsNotThereIsRefusedNamingTheNodeAndWhatItHas() {
    Path a = saved("a.layerwise");
    refused(edited(a, "inbound.layerwise", i -> node(i, 5).put("inbound", List.of("ad"))),
        "model.nodes 'class' takes 'ad', which is not a node of the model; its nodes are [left, right, encoder,"
            + " encoder/call_1, add, class, score]");
    refused(edited(a, "layer.layerwise", i -> node(i, 6).put("layer", "scorer")),
        "model.nodes[6] 'score' applies layer 'scorer', which model.layers does not hold");
    refused(edited(a, "output.layerwise", i -> model(i).put("outputs", List.of("class", "scores"))),
        "model.outputs names 'scores', which is not a node of the model");
    refused(edited(a, "loss.layerwise", i -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>) i.get("training")).get("config");
      @SuppressWarnings("unchecked")
      Map<String, Object> losses = (Map<String, Object>) config.get("outputLosses");
      losses.put("scores", losses.remove("score"));
    }), "the losses name outputs [scores], which model 'two_tower' does not have; its outputs are [class, score]");
  }

  @Test
  void anUnknownLayerTypeIsRefusedNamingTheEntry() {
    Path unknown = edited(saved("a.layerwise"), "type.layerwise", i -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> layer = (Map<String, Object>) ((List<Object>) model(i).get("layers")).get(3);
      layer.put("class_name", "Addd");
    });
    refused(unknown, "model.layers[3].class_name: expected a kind of Layer, got 'Addd'");
  }

  @Test
  void aGraphNoModelCouldHaveIsRefusedNamingTheNode() {
    Path a = saved("a.layerwise");
    refused(edited(a, "stray.layerwise", i -> {
      @SuppressWarnings("unchecked")
      List<Object> nodes = (List<Object>) model(i).get("nodes");
      nodes.add(nodeJson("stray", "encoder", "left"));
    }), "no output [class, score] depends on the nodes [stray]");
    refused(edited(a, "input.layerwise", i -> node(i, 0).put("inbound", List.of("right"))),
        "model.nodes[0] 'left': Input 'left' is a model input and takes nothing, but the node takes [right]");
    refused(edited(a, "twice.layerwise", i -> layerConfig(i, 4).put("name", "score")),
        "model.layers[5]: a second layer named 'score'");
    refused(edited(a, "node.layerwise", i -> node(i, 6).put("name", "class")),
        "model.nodes[6] 'class': a second node named 'class'");
    refused(edited(a, "unapplied.layerwise", i -> node(i, 6).put("layer", "class")),
        "model.layers: no node applies layer 'score'");
    refused(edited(a, "chain.layerwise", i -> model(i).put("class_name", "Sequential")),
        "a Sequential goes from its first node 'left' to its last 'score', but the archive gives inputs [left, right]"
            + " and outputs [class, score]");
    refused(edited(a, "arity.layerwise", i -> node(i, 5).put("inbound", List.of("add", "encoder"))),
        "model.nodes 'class': Dense 'class' is applied to exactly one tensor, got 2");
  }

  @Test
  void aSharedLayerOfAGraphReadBackIsOneObjectAppliedTwice() {
    Model read = ModelArchive.read(saved("a.layerwise")).model();
    var applications = read.spec().layers().stream().filter(n -> n.layer().name().equals("encoder")).toList();
    assertEquals(List.of("encoder", "encoder/call_1"), applications.stream().map(n -> n.name()).toList());
    assertSame(applications.get(0).layer(), applications.get(1).layer());
  }
}
