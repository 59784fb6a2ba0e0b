package dev.layerwise.optimizers;

/**
 * Which arithmetic an optimizer computes where Keras 3's {@code update_step} and TF's fused training op of the same
 * name differ: SGD with momentum, Adagrad and Nadam. Every other optimizer computes one formula, Keras's.
 *
 * <table>
 *   <caption>The two formulas, per element (η the step's learning rate)</caption>
 *   <tr><th>optimizer</th><th>{@link #KERAS} (default)</th><th>{@link #TF_OP}</th></tr>
 *   <tr><td>SGD, μ &gt; 0</td><td>{@code v ← μ·v − η·g; w ← w + v} (η baked into v)</td>
 *       <td>{@code ApplyMomentum}: {@code a ← μ·a + g; w ← w − η·a} (a holds no η)</td></tr>
 *   <tr><td>Adagrad</td><td>{@code w ← w − η·g/√(a + ε)}</td>
 *       <td>{@code ApplyAdagradV2}: {@code w ← w − η·g/(√a + ε)}</td></tr>
 *   <tr><td>Nadam</td><td>Dozat's, with the momentum schedule {@code μ_t = β₁(1 − ½·0.96ᵗ)}</td>
 *       <td>{@code ApplyAdam} with {@code use_nesterov}</td></tr>
 * </table>
 *
 * <p>{@link #TF_OP} is what Layerwise computed before it followed Keras 3; an archive saved then loads with it, so
 * its training continues with the rule it started with. It stays selectable ({@code withFormula}) to reproduce such
 * a run or a model trained with TF's own optimizers.
 */
public enum UpdateFormula {
  /** Keras 3's {@code update_step}. */
  KERAS,
  /** The arithmetic of TF's fused training op: {@code ApplyMomentum}, {@code ApplyAdagradV2}, {@code ApplyAdam}. */
  TF_OP
}
