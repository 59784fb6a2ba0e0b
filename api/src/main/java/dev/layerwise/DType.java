package dev.layerwise;

/**
 * The floating-point type a backend computes in. Training runs in {@link #FLOAT32}; {@link #FLOAT64} exists so
 * the conformance suite can compare the TF backend against the reference backend without float32 noise.
 * The reference backend always computes in double precision.
 */
public enum DType {
  FLOAT32,
  FLOAT64
}
