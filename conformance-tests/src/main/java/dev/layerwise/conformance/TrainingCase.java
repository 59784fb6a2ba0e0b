package dev.layerwise.conformance;

import dev.layerwise.DType;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.init.SeededRandom;
import dev.layerwise.layers.Layer;
import dev.layerwise.losses.Loss;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.Batch;
import dev.layerwise.spi.BackendModel;
import dev.layerwise.spi.RandomDraws;
import dev.layerwise.spi.ModelSpec;
import dev.layerwise.spi.StepResult;
import dev.layerwise.spi.TensorValue;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Free-running training: both backends start from the same weights and take the same sequence of training
 * steps on the same batches (and dropout masks), each with its own forward, loss, gradients, update and state
 * updates. Compares the loss of every step (for a model of several outputs each output's loss too) and every
 * weight at the end — batch normalisation's moving statistics included; differences may grow with the steps, so
 * tolerances are looser than for one step.
 *
 * @param model the model, a chain or a graph
 * @param config the optimizer, the losses and the loss weights (its dtype is the mode's)
 * @param labels how each output's targets are drawn, in output order
 * @param classWeight class index → weight, turned into each sample's weight from its sparse label (the first
 *     output's), as {@code fit}'s {@code classWeight} does; empty for unweighted steps
 */
public record TrainingCase(String name, ModelSpec model, TrainingConfig config, int batch, int steps,
    List<CaseData.Generator> labels, long seed, Map<Integer, Double> classWeight) implements ConformanceCase {

  public TrainingCase {
    labels = List.copyOf(labels);
    classWeight = Map.copyOf(classWeight);
  }

  /** Unweighted steps. */
  public TrainingCase(String name, ModelSpec model, TrainingConfig config, int batch, int steps,
      List<CaseData.Generator> labels, long seed) {
    this(name, model, config, batch, steps, labels, seed, Map.of());
  }

  /** The same steps with every sample weighted by its class (sparse labels). */
  public TrainingCase withClassWeight(Map<Integer, Double> weights) {
    return new TrainingCase(name, model, config, batch, steps, labels, seed, weights);
  }

  /** A chain of layers under one loss. */
  public TrainingCase(String name, List<Layer> layers, Loss loss, Optimizer optimizer, int batch, int steps,
      CaseData.Generator labels, long seed) {
    this(name, ModelSpec.chain(name, layers), new TrainingConfig(optimizer, loss, List.of(), DType.FLOAT32), batch,
        steps, List.of(labels), seed);
  }

  public Optimizer optimizer() {
    return config.optimizer();
  }

  @Override
  public Set<Mode> modes() {
    return EnumSet.of(Mode.X32, Mode.X64);
  }

  @Override
  public Optional<ModelSpec> spec() {
    return Optional.of(model);
  }

  @Override
  public List<CheckRow> run(Mode mode, Engines engines) {
    Map<String, TensorValue> w0 = CaseData.weights(model, seed, CaseData.weightsFrom(CaseData.uniform(-0.5, 0.5)));
    SeededRandom random = new SeededRandom(seed + 1);
    List<Batch> batches = new ArrayList<>();
    RandomDraws masks = new RandomDraws(model);
    int outputs = model.outputs().size();
    for (int s = 0; s < steps; s++) {
      List<float[]> xs = new ArrayList<>();
      model.inputShapes().forEach(in -> xs.add(CaseData.uniform(-1, 1).generate(random, batch * in.size())));
      List<float[]> ys = new ArrayList<>();
      for (int k = 0; k < outputs; k++) {
        Loss loss = config.lossFor(model.outputNames().get(k));
        ys.add(labels.get(k).generate(random, batch * loss.labelShape(model.outputShapes().get(k)).size()));
      }
      batches.add(new Batch(xs, ys, batch, masks.draw(batch, seed + 100 + s)).withSampleWeights(
          classWeight.isEmpty() ? null : byClass(ys.get(0))));
    }
    double[][] refLoss = new double[outputs + 1][steps];
    double[][] tfLoss = new double[outputs + 1][steps];
    Map<String, TensorValue> refW = train(engines.reference(), DType.FLOAT64, w0, batches, refLoss);
    Map<String, TensorValue> tfW = train(engines.tensorflow(), Engines.tfType(mode), w0, batches, tfLoss);
    Tolerance tol = mode == Mode.X32 ? Tolerances.X32_TRAJECTORY : Tolerances.X64_TRAJECTORY;
    List<CheckRow> rows = new ArrayList<>();
    rows.add(Compare.allClose(name, mode, "loss per step", mode.label(), perStep(refLoss[0]), perStep(tfLoss[0]),
        tol));
    for (int k = 0; outputs > 1 && k < outputs; k++) {
      rows.add(Compare.allClose(name, mode, "loss(" + model.outputNames().get(k) + ") per step", mode.label(),
          perStep(refLoss[k + 1]), perStep(tfLoss[k + 1]), tol));
    }
    refW.forEach((k, v) -> rows.add(Compare.allClose(name, mode, k + " after " + steps + " steps", mode.label(), v,
        tfW.get(k), tol)));
    return rows;
  }

  private double[] byClass(float[] sparseLabels) {
    double[] w = new double[batch];
    for (int i = 0; i < batch; i++) {
      w[i] = classWeight.getOrDefault((int) sparseLabels[i], 1.0);
    }
    return w;
  }

  private static TensorValue perStep(double[] losses) {
    return new TensorValue(Shape.of(losses.length), losses);
  }

  /** Trains from w0, returns the final weights; fills {@code losses[0]} with the totals, {@code [k + 1]} output k's. */
  private Map<String, TensorValue> train(dev.layerwise.Backend backend, DType dtype, Map<String, TensorValue> w0,
      List<Batch> batches, double[][] losses) {
    try (BackendModel m = Engines.compile(backend, model, config, dtype)) {
      m.setWeights(w0);
      for (int s = 0; s < batches.size(); s++) {
        StepResult r = m.trainStep(batches.get(s), config.optimizer().learningRate().at(s), s + 1);
        losses[0][s] = r.loss();
        for (int k = 1; k < losses.length; k++) {
          losses[k][s] = r.outputLosses()[k - 1];
        }
      }
      return m.weights();
    }
  }
}
