package dev.layerwise.spi;

/** Optional things a backend can do; {@code Backend.capabilities()} declares them. */
public enum Capability {
  /** Builds the model in float64 ({@code DType.FLOAT64}) as well as float32. */
  FLOAT64,
  /**
   * Computes in float64 whatever dtype a model is compiled with (the reference backend): its models hold float64
   * weights, so their public values ({@code CompiledModel.dtype()}) are float64 too, and nothing they hold is
   * rounded on the way out.
   */
  ALWAYS_FLOAT64,
  /** Writes a TensorFlow SavedModel for serving, from any model's weights. */
  SAVED_MODEL_EXPORT
}
