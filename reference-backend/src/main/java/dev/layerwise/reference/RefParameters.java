package dev.layerwise.reference;

import dev.layerwise.Shape;
import dev.layerwise.layers.WeightSpec;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.reference.losses.RegularizerEquations;
import dev.layerwise.reference.optimizers.GradientClippingEquations;
import dev.layerwise.reference.optimizers.RefOptimizerUpdate;
import dev.layerwise.spi.LayerNode;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.NonFiniteStepException;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers a reference model holds: every weight as a {@code double[]} by full name ({@code dense/kernel},
 * row-major), shared with each node's parameter map by short name so an update shows in both (and with every
 * application of a shared layer); the optimizer's
 * slots per trainable weight, named and initialised as the api's {@link Optimizer} declares them
 * ({@code slotNames()}, {@code slotInitialValue(slot)}); and the penalties of regularized weights.
 */
final class RefParameters {
  private final Map<String, double[]> weights = new LinkedHashMap<>();
  private final Map<String, Shape> weightShapes = new LinkedHashMap<>();
  private final Map<String, Shape> trainableShapes = new LinkedHashMap<>();
  private final List<Map<String, double[]>> nodeParams = new ArrayList<>();
  private final Map<String, RegularizerEquations> regularizers = new LinkedHashMap<>();
  private final List<String> slotNames;
  private final Map<String, double[][]> slots = new LinkedHashMap<>();
  private final Map<String, Shape> slotShapes = new LinkedHashMap<>();
  /** The arrays the optimizer writes, by weight or slot name in the step guard's order, and their copies. */
  private final Map<String, double[]> updated = new LinkedHashMap<>();
  private final Map<String, double[]> beforeStep = new LinkedHashMap<>();

  RefParameters(ModelSpec spec, Optimizer optimizer) {
    this.slotNames = List.copyOf(optimizer.slotNames());
    for (LayerNode node : spec.nodes()) {
      Map<String, double[]> params = new HashMap<>();
      for (WeightSpec w : node.weights()) {
        // The applications of a shared layer name the same weights: they get the same array.
        double[] values = weights.computeIfAbsent(node.weightName(w), name -> new double[w.shape().size()]);
        params.put(w.name(), values);
        weightShapes.put(node.weightName(w), w.shape());
        if (w.trainable()) {
          trainableShapes.put(node.weightName(w), w.shape());
          if (w.regularizer() != null) {
            regularizers.put(node.weightName(w), RegularizerEquations.of(w.regularizer()));
          }
        }
      }
      nodeParams.add(params);
    }
    trainableShapes.forEach((name, shape) -> {
      double[][] perSlot = new double[slotNames.size()][shape.size()];
      for (int k = 0; k < perSlot.length; k++) {
        Arrays.fill(perSlot[k], optimizer.slotInitialValue(slotNames.get(k)));
        slotShapes.put(name + "/" + slotNames.get(k), shape);
      }
      slots.put(name, perSlot);
    });
  }

  /** Node i's parameters by short name (the same arrays as the weights). */
  Map<String, double[]> node(int i) {
    return nodeParams.get(i);
  }

  /** The live array of a weight, by full name. */
  double[] weight(String name) {
    return weights.get(name);
  }

  Map<String, Shape> trainableShapes() {
    return trainableShapes;
  }

  Map<String, TensorValue> weights() {
    Map<String, TensorValue> out = new LinkedHashMap<>();
    weights.forEach((name, w) -> out.put(name, new TensorValue(weightShapes.get(name), w.clone())));
    return out;
  }

  void setWeights(String method, Map<String, TensorValue> values) {
    RefNamedTensors.check(method, "weight", weightShapes, values, false);
    values.forEach((name, v) -> System.arraycopy(v.data(), 0, weights.get(name), 0, v.size()));
  }

  Map<String, TensorValue> slots() {
    Map<String, TensorValue> out = new LinkedHashMap<>();
    slotShapes.forEach((name, shape) -> out.put(name, new TensorValue(shape, slot(name).clone())));
    return out;
  }

  void setSlots(String method, Map<String, TensorValue> values) {
    RefNamedTensors.check(method, "optimizer slot", slotShapes, values, false);
    values.forEach((name, v) -> System.arraycopy(v.data(), 0, slot(name), 0, v.size()));
  }

  private double[] slot(String slotName) {
    int cut = slotName.lastIndexOf('/');
    return slots.get(slotName.substring(0, cut))[slotNames.indexOf(slotName.substring(cut + 1))];
  }

  /** {@code Σ R(w)} over the regularized weights, at their current values. */
  double penalty() {
    double sum = 0;
    for (Map.Entry<String, RegularizerEquations> r : regularizers.entrySet()) {
      sum += r.getValue().penalty(weights.get(r.getKey()));
    }
    return sum;
  }

  /** Adds {@code ∂R/∂w} to the gradient of each regularized weight (a new array: the old may be shared). */
  void addPenaltyGradients(Map<String, double[]> grads) {
    regularizers.forEach((name, r) -> {
      double[] g = grads.get(name);
      double[] dr = r.gradient(weights.get(name));
      for (int i = 0; i < dr.length; i++) {
        dr[i] += g[i];
      }
      grads.put(name, dr);
    });
  }

  /**
   * {@link #update}, refused if it writes a non-finite value: each trainable weight, then its slots, in model
   * order, is checked after the update, and on the first that is not finite every weight and slot is put back as
   * it was and a {@link NonFiniteStepException} names it. The update runs in place, so the values it may overwrite
   * are copied first, into buffers kept from step to step.
   */
  void updateOrRestore(RefOptimizerUpdate optimizer, GradientClippingEquations clipping,
      Map<String, double[]> grads, double learningRate, long step) {
    if (updated.isEmpty()) {
      trainableShapes.keySet().forEach(name -> {
        updated.put(name, weights.get(name));
        for (int k = 0; k < slotNames.size(); k++) {
          updated.put(name + "/" + slotNames.get(k), slots.get(name)[k]);
        }
      });
      updated.forEach((name, live) -> beforeStep.put(name, new double[live.length]));
    }
    updated.forEach((name, live) -> System.arraycopy(live, 0, beforeStep.get(name), 0, live.length));
    update(optimizer, clipping, grads, learningRate, step);
    for (Map.Entry<String, double[]> e : updated.entrySet()) {
      if (!RefStepGuard.allFinite(e.getValue())) {
        String kind = NonFiniteStepException.kindOf(e.getValue());
        updated.forEach((name, live) -> System.arraycopy(beforeStep.get(name), 0, live, 0, live.length));
        throw new NonFiniteStepException(NonFiniteStepException.updated(e.getKey()), kind);
      }
    }
  }

  /**
   * One optimizer step on every trainable weight, in place: the gradients (one per trainable weight, only read)
   * are clipped together, in model order, then each weight is updated.
   */
  void update(RefOptimizerUpdate optimizer, GradientClippingEquations clipping, Map<String, double[]> grads,
      double learningRate, long step) {
    List<String> names = List.copyOf(trainableShapes.keySet());
    List<double[]> clipped = clipping.apply(names.stream().map(grads::get).toList());
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      optimizer.apply(weights.get(name), clipped.get(i), slots.get(name), learningRate, step);
    }
  }
}
