package dev.layerwise.spi;

/** Optional things a backend can do; {@code Backend.capabilities()} declares them. */
public enum Capability {
  /** Builds the model in float64 ({@code DType.FLOAT64}) as well as float32. */
  FLOAT64,
  /** Writes a TensorFlow SavedModel for serving, from any model's weights. */
  SAVED_MODEL_EXPORT
}
