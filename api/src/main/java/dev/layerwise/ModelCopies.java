package dev.layerwise;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.layerwise.spi.TensorValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weights from one compiled model into another: a copy into a model built on some of the same layers
 * ({@link CompiledModel#copyWeightsTo}), and a new compiled model of the same layers, frozen differently
 * ({@link CompiledModel#recompile}). Everything is checked in Java before any weight is read.
 */
final class ModelCopies {
  private ModelCopies() {}

  /** Every weight {@code to} has by the name of one of {@code from}'s, converted to {@code to}'s precision. */
  static List<String> copyWeights(CompiledModel from, CompiledModel to) {
    requireNonNull(to, "copyWeightsTo: other");
    String name = from.model().name();
    String other = to.model().name();
    checkArgument(to != from, "copyWeightsTo: model '%s' cannot copy its weights to itself", name);
    Map<String, Shape> theirs = shapes(to.model());
    Map<String, Shape> mine = shapes(from.model());
    List<String> common = mine.keySet().stream().filter(theirs::containsKey).toList();
    checkArgument(!common.isEmpty(), "copyWeightsTo: models '%s' and '%s' have no weight in common; weights of '%s':"
        + " %s", name, other, other, theirs.keySet());
    for (String w : common) {
      checkArgument(theirs.get(w).equals(mine.get(w)), "copyWeightsTo: weight '%s' has shape %s in model '%s' and %s"
          + " in model '%s'", w, mine.get(w), name, theirs.get(w), other);
    }
    Map<String, NdValue> all = from.weights();
    Map<String, NdValue> shared = new LinkedHashMap<>();
    common.forEach(w -> shared.put(w, all.get(w).withDType(to.dtype())));
    to.setWeights(shared);
    return common;
  }

  /**
   * Refuses a model whose weights are not exactly {@code from}'s; returns it with {@code from}'s seed unless it has
   * one of its own.
   */
  static Model checkRecompile(CompiledModel from, Model model, TrainingConfig config) {
    requireNonNull(model, "recompile: model");
    requireNonNull(config, "recompile: config");
    Map<String, Shape> mine = shapes(from.model());
    Map<String, Shape> theirs = shapes(model);
    checkArgument(mine.equals(theirs), "recompile: model '%s' has the weights %s, but this model ('%s') has %s;"
        + " recompile a model of the same layers", model.name(), theirs, from.model().name(), mine);
    return model.seed().isPresent() ? model : model.withSeed(from.seed());
  }

  /** {@code model} compiled and given {@code weights} (every one of its weights, at the backend's precision). */
  static CompiledModel compileWith(Model model, Backend backend, TrainingConfig config,
      Map<String, TensorValue> weights) {
    CompiledModel next = model.compile(backend, config);
    try {
      next.setBackendWeights(weights);
    } catch (RuntimeException e) {
      next.close();
      throw e;
    }
    return next;
  }

  private static Map<String, Shape> shapes(Model model) {
    Map<String, Shape> out = new LinkedHashMap<>();
    model.spec().weightSpecs().forEach((n, w) -> out.put(n, w.shape()));
    return out;
  }
}
