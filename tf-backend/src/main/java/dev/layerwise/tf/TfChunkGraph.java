package dev.layerwise.tf;

import dev.layerwise.TrainingConfig;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.spi.RandomDraws;
import dev.layerwise.tf.lower.TfGradientClipping;
import dev.layerwise.tf.lower.TfLayerLowering;
import dev.layerwise.tf.lower.TfOptimizerLowering;
import dev.layerwise.tf.lower.TfRegularizerLowering;
import dev.layerwise.tf.lower.TfScope;
import dev.layerwise.tf.lower.TfStateUpdate;
import dev.layerwise.tf.lower.TfUpdateRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * K training steps unrolled in one graph, on data the session holds ({@link TfResidentData}): one
 * {@code Session.run} trains K batches. TF's {@code While} would keep the graph small, but the C++ gradient of a
 * loop built through TF Java aborts the process, so the steps are copies.
 *
 * <p>One graph per K and batch size. Step j is the one-step graph of {@link TfModelGraph} on other inputs, lowered by the same code: its features,
 * labels and sample weights gathered from the held data at the sample indices {@code samples[j]} ({@code [K, b]}
 * int32), its draws {@code draws[j]} ({@code [K, b, ...]} per random node), its learning rate and β-powers
 * {@code stepScalars[j]} ({@code [K, 7]}). It reads every variable through an {@code Identity} that waits for all of
 * step j−1's writes (weights, optimizer slots, moving statistics), takes its gradients with respect to those reads
 * ({@code addGradients}), and its writes wait for its gradients, loss and outputs (the same gate as one step: ref
 * variables are updated in place, so nothing of step j may read after a write of step j). Its optimizer ops wait for
 * step j−1's writes too, since a composed rule reads its slots directly. Step 0's reads wait for copies of every
 * variable (a backup of the state before the call).
 *
 * <p>Non-finite values. The one-step guard checks every step before and after writing; doing that K times would
 * cost as much as the arithmetic of a small model. Instead, after the last step every variable is checked once
 * ({@link #finite}), and the K losses in Java: a non-finite value written in any step is still non-finite then,
 * because every write is incremental ({@code w ← w − Δ}, {@code s ← ρ·s + …}, {@code m ← m + (x − m)(1 − μ)}) and
 * IEEE arithmetic keeps NaN and turns ±∞ into ±∞ or NaN, never into a finite number. The one exception is gradient
 * clipping by value, which maps ±∞ to the bound: with clipping each step's raw gradients are checked too. Any
 * failure: {@link #restore} puts the backup back and the caller replays the steps one at a time, where the one-step
 * guard names the exact step.
 */
final class TfChunkGraph<T extends TFloating> {
  final int steps;
  /** The batch size b of the sample indices (the tensors computed from them keep a dynamic batch, see TfResidentData). */
  final int batchSize;
  final Placeholder<TInt32> samples;
  final Placeholder<T> stepScalars;
  /** The draws placeholder of every random node, {@code [K, b, ...sample shape]}, in the model's mask order. */
  final Map<String, Placeholder<T>> draws = new LinkedHashMap<>();
  /** The K objectives (loss plus penalty), {@code [K]}. */
  final Operand<T> losses;
  /** The K penalties, or {@code null} without regularizers. */
  final Operand<T> penalties;
  /** Each output's K own losses, {@code [K]} (models with several outputs only; else empty). */
  final List<Operand<T>> outputLosses = new ArrayList<>();
  /** Each output's values in every step, {@code [K, b, ...]}. */
  final List<Operand<T>> outputs = new ArrayList<>();
  /** After the last step: every variable finite (and, with clipping, every step's raw gradients). */
  final Operand<TBool> finite;
  /** All K steps' writes. */
  final Op train;
  /** Puts back the values the variables had when the run started. */
  final Op restore;

  TfChunkGraph(TfModelGraph<T> g, TrainingConfig config, TfResidentData<T> data, int steps, int batchSize) {
    this.steps = steps;
    this.batchSize = batchSize;
    String name = "steps_x" + steps + "_b" + batchSize;
    TfScope<T> root = g.scope.sub(name);
    Ops tf = root.tf();
    samples = tf.withName("samples").placeholder(TInt32.class,
        Placeholder.shape(org.tensorflow.ndarray.Shape.of(steps, batchSize)));
    stepScalars = root.placeholder("step_scalars", steps, TfOptimizerLowering.STEP_SCALARS);
    for (String node : g.masks.keySet()) {
      long[] sample = TfScope.batchDims(RandomDraws.sampleShape(g.spec.node(node)));
      long[] dims = new long[sample.length + 1];
      dims[0] = steps;
      System.arraycopy(sample, 0, dims, 1, sample.length); // batch dimension unknown, as in the one-step graph
      draws.put(node, root.placeholder(node + "/draws", dims));
    }
    Map<String, Variable<T>> variables = new LinkedHashMap<>();
    g.weights.forEach((n, v) -> variables.put(n, v.variable()));
    g.slots.forEach((n, v) -> variables.put(n, v.variable()));
    List<Op> previous = new ArrayList<>();
    List<Op> restores = new ArrayList<>();
    variables.forEach((n, v) -> {
      Variable<T> copy = TfScope.named(tf, n + "/before_call").variable(v.shape(), g.scope.type());
      previous.add(TfScope.named(tf, n + "/back_up").assign(copy, v));
      restores.add(TfScope.named(tf, n + "/restore").assign(v, copy));
    });
    restore = tf.withName("restore").withControlDependencies(restores).noOp();

    Optimizer optimizer = config.optimizer();
    boolean clipping = !optimizer.clipping().isNone();
    List<Operand<T>> stepLosses = new ArrayList<>();
    List<Operand<T>> stepPenalties = new ArrayList<>();
    List<List<Operand<T>>> stepOutputs = new ArrayList<>();
    List<List<Operand<T>>> stepOutputLosses = new ArrayList<>();
    List<Operand<TBool>> flags = new ArrayList<>();
    for (int step = 0; step < steps; step++) {
      int j = step;
      TfScope<T> s = root.sub("step_" + j);
      TfScope<T> after = s.after(previous);
      Map<String, Operand<T>> reads = new LinkedHashMap<>();
      // Flat op names here: each sub-scope TF Java opens scans every op of the graph for names in use, so building
      // K copies costs time quadratic in K; fewer scopes per step took 64 steps of the MLP from 5.9 s to 4.2 s.
      int[] at0 = {0};
      g.weights.forEach((n, v) -> reads.put(n, after.tf().withName("read_" + at0[0]++).identity(v.variable())));
      Ops st = s.tf();
      // Gathered only once step j−1 has written, so one step's batch is alive at a time rather than all K (6 MB for
      // the MLP at K = 64, b = 32); a speed difference was not measurable on this noisy machine.
      Ops gather = after.tf();
      Operand<TInt32> at = gather.gather(samples, gather.constant(j), gather.constant(0));
      Map<String, Operand<T>> masks = new LinkedHashMap<>();
      draws.forEach((node, p) -> masks.put(node, gather.gather(p, gather.constant(j), gather.constant(0))));
      List<TfStateUpdate<T>> stateUpdates = new ArrayList<>();
      List<Operand<T>> out = g.forward(new TfLayerLowering<>(s.sub("train"), reads, masks, stateUpdates),
          data.features(gather, at), true, new LinkedHashMap<>());
      Operand<T> penalty = TfRegularizerLowering.penalty(s, g.spec.weightSpecs(), reads);
      List<Operand<T>> ownLosses = new ArrayList<>();
      Operand<T> loss = g.objective(s.sub("train"), config, out, data.targets(gather, at),
          data.weights(gather, at), penalty, ownLosses);
      stepLosses.add(loss);
      stepPenalties.add(penalty);
      stepOutputs.add(out);
      stepOutputLosses.add(ownLosses);

      // The one-step graph already passed GradientPreflight with the same lowering: no second walk here.
      Output<?>[] readOutputs = g.trainable.stream().map(w -> reads.get(w).asOutput()).toArray(Output<?>[]::new);
      Output<?>[] raw = readOutputs.length == 0 ? new Output<?>[0]
          : g.graph.addGradients(name + "_gradients_" + j, new Output<?>[] {loss.asOutput()},
              readOutputs, null);
      List<Operand<T>> rawGradients = new ArrayList<>();
      for (Output<?> r : raw) {
        rawGradients.add(r.expect(g.scope.type()));
      }
      List<Op> gate = new ArrayList<>(List.of(raw));
      gate.add(loss);
      gate.addAll(out);
      Ops gated = st.withControlDependencies(gate);
      List<Operand<T>> gatedGradients = new ArrayList<>();
      for (int i = 0; i < g.trainable.size(); i++) {
        gatedGradients.add(gated.withName("gradient_" + i).identity(rawGradients.get(i)));
      }
      if (clipping) {
        rawGradients.forEach(r -> flags.add(TfStepGuard.allFinite(st, r)));
      }
      List<Operand<T>> clipped = TfGradientClipping.clip(s.sub("clip"), optimizer.clipping(), g.trainable,
          gatedGradients);
      TfUpdateRule<T> rule = optimizer.accept(new TfOptimizerLowering<>(s.sub("optimizer"),
          after.sub("optimizer_ops"), st.gather(stepScalars, st.constant(j), st.constant(0))));
      List<Op> writes = new ArrayList<>();
      for (int i = 0; i < g.trainable.size(); i++) {
        String w = g.trainable.get(i);
        List<Operand<T>> slots = new ArrayList<>();
        optimizer.slotNames().forEach(slot -> slots.add(g.slots.get(w + "/" + slot).variable()));
        writes.add(rule.apply(g.weights.get(w).variable(), clipped.get(i), slots));
      }
      // the lowering names the state it updates; its variable there is this step's read, the write goes to the variable
      stateUpdates.forEach(u -> writes.add(gated.withName("update_" + writes.size()).assign(
          g.weights.get(u.name()).variable(), u.next())));
      previous.clear();
      previous.addAll(writes);
    }
    train = tf.withName("train").withControlDependencies(previous).noOp();
    Ops afterAll = tf.withControlDependencies(previous);
    variables.values().forEach(v -> flags.add(TfStepGuard.allFinite(afterAll, v)));
    finite = afterAll.reduceAll(afterAll.stack(flags), afterAll.constant(0));
    losses = tf.withName("losses").stack(stepLosses);
    penalties = stepPenalties.get(0) == null ? null : tf.withName("penalties").stack(stepPenalties);
    int m = g.spec.outputs().size();
    for (int k = 0; k < m; k++) {
      int o = k;
      outputs.add(tf.withName("outputs_" + k).stack(stepOutputs.stream().map(l -> l.get(o)).toList()));
      if (m > 1) {
        outputLosses.add(tf.withName("output_losses_" + k).stack(stepOutputLosses.stream().map(l -> l.get(o))
            .toList()));
      }
    }
  }
}
