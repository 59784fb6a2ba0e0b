package dev.layerwise.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Several training steps in one backend call, on training data the backend holds (Keras's
 * {@code steps_per_execution}). A backend whose every call has a fixed cost (TF Java: about 50 µs per
 * {@code Session.run}, plus feeding and fetching) offers this through {@link BackendModel#stepChunks}; the loop then
 * runs {@link #steps()} full batches per call and gives each step's result to metrics and callbacks afterwards, in
 * order.
 *
 * <p>The contract is {@link BackendModel#trainStep}'s, K times over: step j of a call is exactly the step
 * {@code trainStep} would take on the same samples, draws, learning rate and step number, after steps 0 … j−1. With
 * one thread per kernel it gives bit for bit the weights K single steps give. A call that would make the model
 * non-finite in any of its steps changes nothing and returns empty: the caller replays the same steps one at a time,
 * and {@code trainStep} refuses the first bad one exactly.
 *
 * <p>Not thread-safe: one fit drives it, on the model's write lock like every update. Valid until the model is
 * closed or {@code stepChunks} is called again.
 */
public interface StepChunks {

  /** How many steps one {@link #run} takes: K. */
  int steps();

  /**
   * Trains K steps of {@code batchSize} samples each. Step j trains on the samples at positions
   * {@code order[from + j·batchSize] …} of the data given to {@link BackendModel#stepChunks} (positions
   * {@code from + j·batchSize …} themselves when {@code order} is null), with learning rate {@code rates[j]}, update
   * number {@code firstStep + j} and the random draws {@code draws.get(j)} (by node name, as
   * {@link Batch#masks()}).
   *
   * @return the K steps' results in order (each loss finite), or empty when a step would have written a non-finite
   *     value, the model then being exactly as before the call
   */
  Optional<List<StepResult>> run(int[] order, int from, double[] rates, long firstStep,
      List<Map<String, float[]>> draws);
}
