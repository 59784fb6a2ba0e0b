package dev.layerwise;

/**
 * What saving or loading a model archive does with weights or optimizer slots that hold NaN or ±∞: such a model
 * is poisoned (every prediction it makes is NaN or meaningless), so {@link #REFUSE} is the default and
 * {@link #ALLOW} is for the rare user who wants to keep the evidence, e.g. to inspect a diverged run.
 *
 * <pre>{@code
 * model.save(file);                       // refuses a model with a NaN weight, naming it
 * model.save(file, NonFinite.ALLOW);      // writes it anyway
 * CompiledModel.load(file, backend, NonFinite.ALLOW);
 * }</pre>
 */
public enum NonFinite {
  /** Refuse with an exception naming the first non-finite tensor and element. */
  REFUSE,
  /** Write or read the values as they are. */
  ALLOW
}
