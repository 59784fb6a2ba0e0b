package dev.layerwise.tf;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.layerwise.spi.ModelLock;
import dev.layerwise.spi.StepChunks;
import dev.layerwise.spi.StepResult;
import dev.layerwise.tf.lower.TfOptimizerLowering;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.IntDataBuffer;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * {@link StepChunks} on TensorFlow: one {@code Session.run} of a {@link TfChunkGraph} per K steps, fed the K·b sample
 * indices, the K rows of step scalars and the K draws of every random node, all into tensors allocated once for this
 * fit's batch size and overwritten per call ({@link TfModelResources#own}: freed with the model). Fetches the K
 * losses, penalties and outputs and the finiteness flag; on a false flag or a non-finite loss it runs the graph's
 * restore and reports nothing done. Every call runs on the model's write lock, like {@code trainStep}.
 */
final class TfStepChunks<T extends TFloating> implements StepChunks, AutoCloseable {
  private final TfChunkGraph<T> chunk;
  private final Session session;
  private final ModelLock lock;
  private final TfModelResources res;
  private final int batchSize;
  private final int[] outputSizes;
  private final int[] drawSizes;
  private final double[] powerBases;
  private final TInt32 samples;
  private final IntDataBuffer sampleBuffer;
  private final int[] sampleStage;
  private final TfFeed scalars;
  private final double[] scalarStage;
  private final double[] oneStep = new double[TfOptimizerLowering.STEP_SCALARS];
  private final List<TfFeed> drawFeeds = new ArrayList<>();
  private final List<float[]> drawStages = new ArrayList<>();
  /** Set when a later fit replaced these feeds: a run would then feed freed tensors. */
  private volatile boolean closed;

  TfStepChunks(TfChunkGraph<T> chunk, TfModelGraph<T> g, TfModelResources res, ModelLock lock, int batchSize,
      int[] outputSizes, double[] powerBases) {
    this.chunk = chunk;
    this.session = res.session;
    this.lock = lock;
    this.res = res;
    this.batchSize = batchSize;
    this.outputSizes = outputSizes;
    this.powerBases = powerBases;
    int k = chunk.steps;
    boolean isDouble = g.scope.isDouble();
    this.samples = res.own(TInt32.tensorOf(Shape.of(k, batchSize)));
    this.sampleBuffer = samples.asRawTensor().data().asInts();
    this.sampleStage = new int[k * batchSize];
    this.scalars = res.own(TfFeed.allocate(isDouble, k, TfOptimizerLowering.STEP_SCALARS));
    this.scalarStage = new double[k * TfOptimizerLowering.STEP_SCALARS];
    this.drawSizes = new int[chunk.draws.size()];
    int i = 0;
    for (String node : chunk.draws.keySet()) {
      drawSizes[i] = res.masks.get(node).sampleSize();
      long[] dims = new long[res.masks.get(node).sample().rank() + 2];
      dims[0] = k;
      dims[1] = batchSize;
      int[] sample = res.masks.get(node).sample().dims();
      for (int d = 0; d < sample.length; d++) {
        dims[d + 2] = sample[d];
      }
      drawFeeds.add(res.own(TfFeed.allocate(isDouble, dims)));
      drawStages.add(new float[k * batchSize * drawSizes[i]]);
      i++;
    }
  }

  @Override
  public int steps() {
    return chunk.steps;
  }

  @Override
  public Optional<List<StepResult>> run(int[] order, int from, double[] rates, long firstStep,
      List<Map<String, float[]>> draws) {
    int k = chunk.steps;
    checkArgument(rates.length == k && draws.size() == k, "StepChunks.run: %s steps need %s rates and %s draws, got"
        + " %s and %s", k, k, k, rates.length, draws.size());
    checkArgument(firstStep >= 1, "StepChunks.run: firstStep must be >= 1, got %s", firstStep);
    return lock.write("fit", () -> {
      checkState(!closed, "StepChunks.run: these steps were replaced by a later stepChunks call (one fit at a time)");
      write(order, from, rates, firstStep, draws);
      Session.Runner runner = session.runner().feed(chunk.samples, samples).feed(chunk.stepScalars,
          scalars.tensor());
      int i = 0;
      for (var p : chunk.draws.values()) {
        runner.feed(p, drawFeeds.get(i++).tensor());
      }
      runner.addTarget(chunk.train).fetch(chunk.finite).fetch(chunk.losses);
      chunk.outputs.forEach(runner::fetch);
      chunk.outputLosses.forEach(runner::fetch);
      if (chunk.penalties != null) {
        runner.fetch(chunk.penalties);
      }
      try (Result r = runner.run()) {
        Optional<List<StepResult>> results = results(r);
        if (results.isEmpty()) {
          restore();
        }
        return results;
      } catch (RuntimeException | Error e) {
        restore(); // a failed run may have written some steps: the model goes back to before the call
        throw e;
      }
    });
  }

  private void restore() {
    try (Result r = session.runner().addTarget(chunk.restore).run()) {
      // nothing fetched: the copies are back in the variables
    }
  }

  /** The fed tensors: sample indices, step scalars, draws (no allocation of native memory). */
  private void write(int[] order, int from, double[] rates, long firstStep, List<Map<String, float[]>> draws) {
    int n = sampleStage.length;
    for (int i = 0; i < n; i++) {
      sampleStage[i] = order == null ? from + i : order[from + i];
    }
    sampleBuffer.write(sampleStage, 0, n);
    int s = TfOptimizerLowering.STEP_SCALARS;
    for (int j = 0; j < rates.length; j++) {
      TfOptimizerLowering.stepScalars(powerBases, rates[j], firstStep + j, oneStep);
      System.arraycopy(oneStep, 0, scalarStage, j * s, s);
    }
    scalars.write(scalarStage);
    int i = 0;
    for (String node : chunk.draws.keySet()) {
      int per = batchSize * drawSizes[i];
      float[] stage = drawStages.get(i);
      for (int j = 0; j < rates.length; j++) {
        float[] d = draws.get(j).get(node);
        checkArgument(d != null && d.length >= per, "StepChunks.run: step %s needs %s draws for node '%s', got %s",
            j, per, node, d == null ? "none" : d.length);
        System.arraycopy(d, 0, stage, j * per, per);
      }
      drawFeeds.get(i++).write(stage);
    }
  }

  /** The K steps' results, or empty when a step was not finite (the flag, or a loss). */
  private Optional<List<StepResult>> results(Result r) {
    int k = chunk.steps;
    int m = outputSizes.length;
    boolean finite = ((TBool) r.get(0)).getBoolean();
    double[] losses = TfTensors.readDoubles(r.get(1));
    if (!finite || Arrays.stream(losses).anyMatch(l -> !Double.isFinite(l))) {
      return Optional.empty();
    }
    List<float[]> outputs = new ArrayList<>(m);
    for (int o = 0; o < m; o++) {
      outputs.add(TfTensors.readFloats(r.get(2 + o), k * batchSize * outputSizes[o]));
    }
    List<double[]> own = new ArrayList<>();
    for (int o = 0; o < chunk.outputLosses.size(); o++) {
      own.add(TfTensors.readDoubles(r.get(2 + m + o)));
    }
    double[] penalties = chunk.penalties == null ? new double[k]
        : TfTensors.readDoubles(r.get(2 + m + chunk.outputLosses.size()));
    List<StepResult> out = new ArrayList<>(k);
    for (int j = 0; j < k; j++) {
      List<float[]> values = new ArrayList<>(m);
      double[] perOutput = new double[m];
      for (int o = 0; o < m; o++) {
        int per = batchSize * outputSizes[o];
        values.add(Arrays.copyOfRange(outputs.get(o), j * per, (j + 1) * per));
        perOutput[o] = m > 1 ? own.get(o)[j] : losses[j] - penalties[j];
      }
      out.add(new StepResult(losses[j], penalties[j], perOutput, values));
    }
    return Optional.of(out);
  }

  /** Frees the fed tensors now (the model frees them anyway when it is closed). */
  @Override
  public void close() {
    closed = true;
    res.release(samples);
    res.release(scalars);
    drawFeeds.forEach(res::release);
  }
}
