/**
 * Kernels on flat row-major {@code double[]} arrays: matrix products (plain and transposed) and row sums
 * ({@link dev.layerwise.reference.tensor.TensorMath}), and the geometry of a 2-D sliding window over NHWC images
 * with im2col/col2im ({@link dev.layerwise.reference.tensor.Window2D}).
 */
package dev.layerwise.reference.tensor;
