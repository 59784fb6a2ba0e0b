package dev.layerwise.tf;

import dev.layerwise.spi.NonFiniteStepException;
import dev.layerwise.tf.lower.TfScope;
import dev.layerwise.tf.lower.TfStateUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.AssertThat;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.family.TFloating;

/**
 * The in-graph guard that keeps a training step from writing a non-finite value (what is checked, in which order:
 * {@link NonFiniteStepException}). Each check is {@code All(IsFinite(t))} per tensor, the flags stacked into one
 * {@code Assert} whose message carries them, so the first false flag names the culprit. Two halves:
 *
 * <ul>
 *   <li><b>before writing</b>: the loss, every gradient and every new moving statistic. Every write of the step
 *       waits for this assert, so a failing one aborts the run before anything is written.
 *   <li><b>after the optimizer</b>: every weight and slot the fused {@code Apply*} kernels updated in place. Finite
 *       gradients can still overflow there (lr·g beyond the type's range, g² in Adam's v, an accumulator that
 *       outgrows it), and an in-place kernel cannot be asked first. So each updated variable is copied to a
 *       {@code <name>/before_step} variable at the start of the step (every update waits for the copies), the
 *       updated values are checked, and on failure a second run copies them back ({@link #refusal}). The moving
 *       statistics are written only after this check passes.
 * </ul>
 *
 * <p>{@code applyGradients} feeds the gated gradients, which prunes the checks and copies from its run: it stays
 * unguarded, as its callers (conformance checks) want the raw update.
 */
final class TfStepGuard<T extends TFloating> {
  private static final String MARK = "layerwise step guard ";
  private static final String BEFORE = "before";
  private static final String AFTER = "after";
  /** An Assert fails with "assertion failed: [{message}] [{flags as 1/0}]". */
  private static final Pattern FAILURE = Pattern.compile(Pattern.quote(MARK) + "(" + BEFORE + "|" + AFTER
      + ")\\] \\[([01 ]+)\\]");

  private final TfScope<T> scope;
  private final Ops tf;
  /** What each flag of the two asserts checks, in flag order, with the tensor (or variable) it reads. */
  private final List<Checked<T>> checkedBefore = new ArrayList<>();
  private final List<Checked<T>> checkedAfter = new ArrayList<>();
  private Op restore;

  TfStepGuard(TfScope<T> scope) {
    this.scope = scope;
    this.tf = scope.tf();
  }

  /** Asserts, in order, that the loss, each gradient (named by its weight) and each new moving statistic are finite. */
  Op checkBeforeWriting(Operand<T> loss, List<String> weights, List<Operand<T>> gradients,
      List<TfStateUpdate<T>> stateUpdates) {
    List<Operand<TBool>> flags = new ArrayList<>();
    flags.add(finite(tf, loss, NonFiniteStepException.loss(), checkedBefore));
    for (int i = 0; i < weights.size(); i++) {
      flags.add(finite(tf, gradients.get(i), NonFiniteStepException.gradient(weights.get(i)), checkedBefore));
    }
    stateUpdates.forEach(u -> flags.add(finite(tf, u.next(), NonFiniteStepException.updated(u.name()),
        checkedBefore)));
    return allTrue(tf, flags, BEFORE);
  }

  /**
   * Copies of the variables the optimizer updates in place, taken in the step (every update must wait for them),
   * and the op that puts them back after a refusal.
   */
  List<Op> backUp(Map<String, Operand<T>> updated) {
    List<Op> backups = new ArrayList<>();
    List<Op> restores = new ArrayList<>();
    updated.forEach((name, variable) -> {
      Variable<T> copy = TfScope.named(tf, name + "/before_step").variable(variable.shape(), scope.type());
      backups.add(TfScope.named(tf, name + "/back_up").assign(copy, variable));
      restores.add(TfScope.named(tf, name + "/restore").assign(variable, copy));
    });
    restore = tf.withName("restore_before_step").withControlDependencies(restores).noOp();
    return backups;
  }

  /** Asserts, after all the updates, that each updated variable is finite, in the given order. */
  Op checkAfterWriting(List<Op> updates, Map<String, Operand<T>> updated) {
    Ops afterUpdates = tf.withControlDependencies(updates);
    if (updated.isEmpty()) {
      return afterUpdates.noOp();
    }
    List<Operand<TBool>> flags = new ArrayList<>();
    updated.forEach((name, variable) ->
        flags.add(finite(afterUpdates, variable, NonFiniteStepException.updated(name), checkedAfter)));
    return allTrue(afterUpdates, flags, AFTER);
  }

  /** The state writes, each after {@code lastCheck} (a refused step writes none). */
  List<Op> writeState(List<TfStateUpdate<T>> stateUpdates, Op lastCheck) {
    Ops afterChecks = tf.withControlDependencies(List.of(lastCheck));
    List<Op> writes = new ArrayList<>();
    stateUpdates.forEach(u -> writes.add(TfScope.named(afterChecks, u.name() + "/update").assign(u.variable(),
        u.next())));
    return writes;
  }

  /**
   * What a failed training run means: a refusal by one of this guard's asserts, or {@code null} for any other
   * failure. The flags say which quantity failed; a run with the step's feeds and no targets reads it again to tell
   * NaN from ±∞. After a refusal by the check after the optimizer, a second run copies the saved values back.
   *
   * @param stepFeeds a new runner fed exactly as the failed step was
   */
  NonFiniteStepException refusal(TFInvalidArgumentException e, Session session, Supplier<Session.Runner> stepFeeds) {
    Matcher m = FAILURE.matcher(String.valueOf(e.getMessage()));
    if (!m.find()) {
      return null;
    }
    boolean after = m.group(1).equals(AFTER);
    String[] flags = m.group(2).trim().split(" ");
    List<Checked<T>> checked = after ? checkedAfter : checkedBefore;
    Checked<T> culprit = null;
    for (int i = 0; i < flags.length && i < checked.size() && culprit == null; i++) {
      culprit = flags[i].equals("0") ? checked.get(i) : null;
    }
    String kind = null;
    if (culprit != null) {
      try (Result r = stepFeeds.get().fetch(culprit.tensor()).run()) {
        kind = NonFiniteStepException.kindOf(TfTensors.readDoubles(r.get(0)));
      }
    }
    if (after) {
      try (Result restored = session.runner().addTarget(restore).run()) {
        // nothing fetched: the copies are back in the variables
      }
    }
    if (culprit == null) {
      throw new IllegalStateException("TF's step guard failed without naming a tensor: " + e.getMessage(), e);
    }
    return new NonFiniteStepException(culprit.what(), kind, e);
  }

  private record Checked<T extends TFloating>(String what, Operand<T> tensor) {}

  /** {@code All(IsFinite(t))} over every element, recording what it checks. */
  private Operand<TBool> finite(Ops ops, Operand<T> t, String what, List<Checked<T>> checked) {
    checked.add(new Checked<>(what, t));
    return allFinite(ops, t);
  }

  /** {@code All(IsFinite(t))} over every element (a tensor of unknown rank is flattened first). */
  static <T extends TFloating> Operand<TBool> allFinite(Ops ops, Operand<T> t) {
    int rank = t.shape().numDimensions();
    Operand<T> values = rank < 0 ? ops.reshape(t, ops.constant(new int[] {-1})) : t;
    return ops.reduceAll(ops.math.isFinite(values), ops.constant(IntStream.range(0, rank < 0 ? 1 : rank).toArray()));
  }

  private Op allTrue(Ops ops, List<Operand<TBool>> flags, String half) {
    Operand<TBool> stacked = ops.stack(flags);
    return ops.withName("step_guard_" + half).assertThat(ops.reduceAll(stacked, ops.constant(0)),
        List.of(ops.constant(MARK + half), stacked), AssertThat.summarize((long) flags.size()));
  }
}
