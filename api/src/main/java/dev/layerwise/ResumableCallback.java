package dev.layerwise;

/**
 * A {@link FitCallback} whose state survives {@code save} → {@code load} → {@code fit}.
 *
 * <p>Callbacks are not saved: they are code. What is saved is each resumable callback's {@link CallbackState},
 * taken when a {@code fit} ends (normally or by an early stop) and kept by the model; {@code save} writes it into
 * the archive, {@code load} reads it back. A later {@code fit} that resumes ({@link FitOptions#initialEpoch()}
 * &gt; 0) hands each saved state to the callback of the same {@link #stateKey()}, after that callback's
 * {@link #onTrainBegin(FitContext)}. The rules:
 * <ul>
 *   <li>the key is the callback's type and what it watches ({@code EarlyStopping(val_loss)}), so the callbacks of
 *       a resumed fit are matched without being the same objects;
 *   <li>two callbacks of one fit with the same key are refused before training (which one would continue?);
 *   <li>a callback with no saved state starts fresh, and a saved state no callback takes is dropped; both are
 *       logged (SLF4J, INFO);
 *   <li>a fit from epoch 0 starts every callback fresh, as Keras does.
 * </ul>
 */
public interface ResumableCallback extends FitCallback {

  /** Names this callback's state: its type and what it watches, e.g. {@code ReduceLROnPlateau(val_loss)}. */
  String stateKey();

  /** The state to continue from, taken at the end of a fit. */
  CallbackState state();

  /**
   * Continues from a saved state; called after {@link #onTrainBegin(FitContext)} of a resumed fit, with a state
   * of this {@link #stateKey()}.
   *
   * @throws IllegalArgumentException if the state lacks what this callback saves
   */
  void restore(CallbackState state);
}
