package dev.layerwise.bench.djl;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import dev.layerwise.bench.BenchModel;
import dev.layerwise.data.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;

/**
 * A benchmark model trained with DJL on PyTorch the way a DJL user writes it: a {@code SequentialBlock}, a
 * {@code Trainer} with Adam (lr 1e-3, ε 1e-7) and {@code softmaxCrossEntropyLoss} (sparse labels, from logits), the
 * training set as one {@code ArrayDataset} in native memory with shuffled sampling, and per batch either
 * {@code EasyTrain.trainBatch} + {@code step} (the library's own loop, which also updates the loss evaluator) or
 * the hand loop of DJL's custom-training docs ({@code GradientCollector}, forward, loss, backward, step).
 *
 * <p>NCHW, as DJL's {@code Conv2d} expects; with one channel the images are the same bytes as NHWC.
 */
final class DjlTrainer implements AutoCloseable {
  private final Model model;
  private final Trainer trainer;
  private final ArrayDataset dataset;
  private final NDManager data;
  private final Loss loss = Loss.softmaxCrossEntropyLoss();
  private final boolean easyTrain;

  DjlTrainer(BenchModel which, Dataset train, int batch, boolean easyTrain) {
    this.easyTrain = easyTrain;
    model = Model.newInstance(which.name().toLowerCase(), "PyTorch");
    model.setBlock(which == BenchModel.MLP ? mlp() : cnn());
    // Glorot-uniform for the MLP (limit √(6/(in+out)) = √(3/avg)); He-normal (σ = √(2/fan_in)) for the CNN.
    XavierInitializer init = which == BenchModel.MLP
        ? new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3)
        : new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2);
    DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).optEpsilon(1e-7f).build())
        .optInitializer(init, Parameter.Type.WEIGHT);
    trainer = model.newTrainer(config);
    int n = train.size();
    int features = train.featureShape().size();
    float[] x = new float[n * features];
    float[] y = new float[n];
    train.copyRange(0, n, x, y);
    data = model.getNDManager().newSubManager();
    Shape xShape = which == BenchModel.MLP ? new Shape(n, 784) : new Shape(n, 1, 28, 28);
    NDArray xs = data.create(FloatBuffer.wrap(x), xShape);
    NDArray ys = data.create(y);
    dataset = new ArrayDataset.Builder().setData(xs).optLabels(ys).setSampling(batch, true).build();
    trainer.initialize(which == BenchModel.MLP ? new Shape(batch, 784) : new Shape(batch, 1, 28, 28));
  }

  private static SequentialBlock mlp() {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(128).build())
        .add(Activation::relu)
        .add(Linear.builder().setUnits(10).build());
  }

  /** {@code FashionMnistCnn}: two conv/BN/ReLU/pool blocks, dropout, dense 128, dropout, dense 10. */
  private static SequentialBlock cnn() {
    return new SequentialBlock()
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(32)
            .optBias(false).build())
        .add(BatchNorm.builder().optMomentum(0.9f).optEpsilon(1e-3f).build())
        .add(Activation::relu)
        .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(64)
            .optBias(false).build())
        .add(BatchNorm.builder().optMomentum(0.9f).optEpsilon(1e-3f).build())
        .add(Activation::relu)
        .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
        .add(Blocks.batchFlattenBlock())
        .add(Dropout.builder().optRate(0.3f).build())
        .add(Linear.builder().setUnits(128).build())
        .add(Activation::relu)
        .add(Dropout.builder().optRate(0.2f).build())
        .add(Linear.builder().setUnits(10).build());
  }

  /** One shuffled epoch; returns the mean loss (NaN with EasyTrain, whose loss stays in its evaluator). */
  double epoch() {
    return epoch(null);
  }

  /** As {@link #epoch()}, calling {@code afterStep} after every step (diagnostics). */
  double epoch(Runnable afterStep) {
    double sum = 0;
    long count = 0;
    try {
      for (Batch b : trainer.iterateDataset(dataset)) {
        try (b) {
          if (easyTrain) {
            EasyTrain.trainBatch(trainer, b);
          } else {
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDList pred = trainer.forward(b.getData(), b.getLabels());
              NDArray l = loss.evaluate(b.getLabels(), pred);
              gc.backward(l);
              long size = b.getSize();
              sum += l.getFloat() * size;
              count += size;
            }
          }
          trainer.step();
          if (afterStep != null) {
            afterStep.run();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (TranslateException e) {
      throw new IllegalStateException(e);
    }
    return easyTrain ? Double.NaN : sum / count;
  }

  @Override
  public void close() {
    trainer.close();
    data.close();
    model.close();
  }
}
