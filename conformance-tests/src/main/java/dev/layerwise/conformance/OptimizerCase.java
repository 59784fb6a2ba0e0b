package dev.layerwise.conformance;

import dev.layerwise.DType;
import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Layer;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One teacher-forced optimizer update: both backends start from the same float32 weights and slots, receive
 * the same gradient, learning rate and step index, and the weights and slots after the update are compared
 * with a rounding-aware rule ({@link Compare#update}). The gradient's scale is part of the case: zeros, tiny
 * (1e-4) and O(1) values exercise different branches of the arithmetic (ε dominating, cancellations).
 *
 * @param gradientScale half-width of the uniform gradient values (0 for an all-zero gradient)
 * @param step the 1-based update index (Adam's bias corrections depend on it)
 * @param warmSlots start from non-zero slots, as after earlier steps, instead of zeros
 */
public record OptimizerCase(String name, Optimizer optimizer, double learningRate, double gradientScale, long step,
    boolean warmSlots, double ulps, long seed) implements ConformanceCase {

  public static OptimizerCase of(String name, Optimizer optimizer, double learningRate, double gradientScale,
      long step, boolean warmSlots, double ulps) {
    return new OptimizerCase(name, optimizer, learningRate, gradientScale, step, warmSlots, ulps, name.hashCode());
  }

  @Override
  public Set<Mode> modes() {
    return EnumSet.of(Mode.X32, Mode.X64);
  }

  @Override
  public Set<Class<? extends Layer>> coveredLayers() {
    return Set.of();
  }

  @Override
  public List<CheckRow> run(Mode mode, Engines engines) {
    ModelSpec spec = ModelSpec.chain(name, List.<Layer>of(Input.shape(4), Dense.units(3)));
    Map<String, TensorValue> w0 = CaseData.weights(spec, seed, CaseData.uniform(-1, 1));
    SeededRandom random = new SeededRandom(seed + 7);
    Map<String, TensorValue> grads = new LinkedHashMap<>();
    w0.forEach((k, v) -> grads.put(k, TensorValue.of(v.shape(),
        CaseData.uniform(-gradientScale, gradientScale).generate(random, v.size()))));
    Map<String, TensorValue> slots0 = initialSlots(spec, random);

    Map<String, TensorValue> refW;
    Map<String, TensorValue> refS;
    try (BackendModel m = compile(engines.reference(), spec, DType.FLOAT64)) {
      m.setWeights(w0);
      m.setOptimizerSlots(slots0);
      m.applyGradients(grads, learningRate, step);
      refW = m.weights();
      refS = m.optimizerSlots();
    }
    Map<String, TensorValue> tfW;
    Map<String, TensorValue> tfS;
    try (BackendModel m = compile(engines.tensorflow(), spec, Engines.tfType(mode))) {
      m.setWeights(w0);
      m.setOptimizerSlots(slots0);
      m.applyGradients(grads, learningRate, step);
      tfW = m.weights();
      tfS = m.optimizerSlots();
    }
    double u = mode == Mode.X32 ? Tolerances.U32 : Tolerances.U64;
    List<CheckRow> rows = new ArrayList<>();
    refW.forEach((k, v) -> rows.add(Compare.update(name, mode, k, mode.label(), w0.get(k), v, tfW.get(k), ulps, u)));
    refS.forEach((k, v) -> rows.add(Compare.update(name, mode, k, mode.label(), slots0.get(k), v, tfS.get(k), ulps,
        u)));
    return rows;
  }

  /**
   * The optimizer's own initial values (a cold start), or plausible mid-training state: accumulated squares and
   * second moments positive, first moments and velocities around 0, a centered mean gradient small enough that
   * the variance estimate {@code ms − mg²} stays positive.
   */
  private Map<String, TensorValue> initialSlots(ModelSpec spec, SeededRandom random) {
    Map<String, TensorValue> slots = new LinkedHashMap<>();
    for (String w : spec.trainableWeightNames()) {
      Shape shape = spec.weightSpecs().get(w).shape();
      for (String slot : optimizer.slotNames()) {
        float[] values;
        if (!warmSlots) {
          values = new float[shape.size()];
          java.util.Arrays.fill(values, (float) optimizer.slotInitialValue(slot));
        } else {
          values = warmGenerator(slot).generate(random, shape.size());
        }
        slots.put(w + "/" + slot, TensorValue.of(shape, values));
      }
    }
    return slots;
  }

  private static CaseData.Generator warmGenerator(String slot) {
    return switch (slot) {
      case "v", "v_hat", "u", "accumulator", "delta_accumulator", "rms" -> CaseData.uniform(1e-3, 1e-2);
      case "mg" -> CaseData.uniform(-0.01, 0.01);
      default -> CaseData.uniform(-0.1, 0.1);
    };
  }

  private BackendModel compile(dev.layerwise.Backend backend, ModelSpec spec, DType dtype) {
    return Engines.compile(backend, spec, Loss.meanSquaredError(), optimizer, dtype);
  }
}
