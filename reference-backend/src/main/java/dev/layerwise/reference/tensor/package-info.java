/** Matrix kernels on flat row-major {@code double[]} arrays: products (plain and transposed) and row sums. */
package dev.layerwise.reference.tensor;
