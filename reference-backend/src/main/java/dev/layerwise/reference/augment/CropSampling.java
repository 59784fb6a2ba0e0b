package dev.layerwise.reference.augment;

import dev.layerwise.Shape;
import dev.layerwise.layers.RandomCrop;

/**
 * {@code RandomCrop}'s maps. Training, with the sample's draws (top, left) in the image padded by p zeros: output
 * row i reads input row {@code top + i − p}, or nothing (a zero) when that row is padding; columns likewise.
 * Inference: the layer's own maps ({@link RandomCrop#inferenceRows}), the centred window resized bilinearly to the
 * output size, as Keras.
 */
public record CropSampling(RandomCrop layer, Shape input) implements ImageSamplingEquations.Sampler {
  @Override
  public ImageSamplingEquations.AxisMaps training(double[] draws, int s) {
    int top = (int) draws[2 * s];
    int left = (int) draws[2 * s + 1];
    return new ImageSamplingEquations.AxisMaps(shifted(input.dim(0), layer.height(), top - layer.padding()),
        shifted(input.dim(1), layer.width(), left - layer.padding()));
  }

  @Override
  public ImageSamplingEquations.AxisMaps inference() {
    return new ImageSamplingEquations.AxisMaps(layer.inferenceRows(input), layer.inferenceColumns(input));
  }

  /** {@code [out, n]}: output i reads input {@code start + i} when inside [0, n). */
  private static double[] shifted(int n, int out, int start) {
    double[] m = new double[out * n];
    for (int i = 0; i < out; i++) {
      int k = start + i;
      if (k >= 0 && k < n) {
        m[i * n + k] = 1;
      }
    }
    return m;
  }
}
