package dev.layerwise.conformance;

import dev.layerwise.DType;
import dev.layerwise.Shape;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.Layer;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.DropoutMasks;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Free-running training: both backends start from the same weights and take the same sequence of training
 * steps on the same batches (and dropout masks), each with its own forward, loss, gradients, update and state
 * updates. Compares the loss of every step and every weight at the end — batch normalisation's moving statistics
 * included; differences may grow with the steps, so tolerances are looser than for one step.
 */
public record TrainingCase(String name, List<Layer> layers, Loss loss, Optimizer optimizer, int batch, int steps,
    CaseData.Generator labels, long seed) implements ConformanceCase {

  public TrainingCase {
    layers = List.copyOf(layers);
  }

  @Override
  public Set<Mode> modes() {
    return EnumSet.of(Mode.X32, Mode.X64);
  }

  @Override
  public Set<Class<? extends Layer>> coveredLayers() {
    Set<Class<? extends Layer>> s = new HashSet<>();
    ModelSpec.chain(name, layers).nodes().forEach(n -> s.add(n.layer().getClass()));
    return s;
  }

  @Override
  public List<CheckRow> run(Mode mode, Engines engines) {
    ModelSpec spec = ModelSpec.chain(name, layers);
    Map<String, TensorValue> w0 = CaseData.weights(spec, seed, CaseData.weightsFrom(CaseData.uniform(-0.5, 0.5)));
    SeededRandom random = new SeededRandom(seed + 1);
    List<Batch> batches = new ArrayList<>();
    int fs = spec.inputShape().size();
    int ls = loss.labelShape(spec.outputShape()).size();
    DropoutMasks masks = new DropoutMasks(spec);
    for (int s = 0; s < steps; s++) {
      batches.add(new Batch(CaseData.uniform(-1, 1).generate(random, batch * fs), labels.generate(random, batch * ls),
          batch, masks.draw(batch, seed + 100 + s)));
    }
    double[] refLoss = new double[steps];
    double[] tfLoss = new double[steps];
    Map<String, TensorValue> refW = train(engines.reference(), spec, DType.FLOAT64, w0, batches, refLoss);
    Map<String, TensorValue> tfW = train(engines.tensorflow(), spec, Engines.tfType(mode), w0, batches, tfLoss);
    Tolerance tol = mode == Mode.X32 ? Tolerances.X32_TRAJECTORY : Tolerances.X64_TRAJECTORY;
    List<CheckRow> rows = new ArrayList<>();
    rows.add(Compare.allClose(name, mode, "loss per step", mode.label(), new TensorValue(Shape.of(steps), refLoss),
        new TensorValue(Shape.of(steps), tfLoss), tol));
    refW.forEach((k, v) -> rows.add(Compare.allClose(name, mode, k + " after " + steps + " steps", mode.label(), v,
        tfW.get(k), tol)));
    return rows;
  }

  private Map<String, TensorValue> train(dev.layerwise.Backend backend, ModelSpec spec, DType dtype,
      Map<String, TensorValue> w0, List<Batch> batches, double[] losses) {
    try (BackendModel m = Engines.compile(backend, spec, loss, optimizer, dtype)) {
      m.setWeights(w0);
      for (int s = 0; s < batches.size(); s++) {
        losses[s] = m.trainStep(batches.get(s), optimizer.learningRate().at(s), s + 1).loss();
      }
      return m.weights();
    }
  }
}
