package dev.layerwise.bench;

import dev.layerwise.Sequential;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.FashionMnist;
import dev.layerwise.examples.FashionMnistCnn;

/**
 * The two benchmark models and their cost in arithmetic. Training costs about three forward passes (the forward,
 * and the two products of the backward pass: w.r.t. inputs and w.r.t. weights), so FLOPs per sample ≈
 * 3 × 2 × forward MACs.
 */
public enum BenchModel {
  /** 784 → 128 ReLU → 10: 784·128 + 128·10 MACs. */
  MLP(784L * 128 + 128L * 10),
  /** {@code FashionMnistCnn}: conv 3×3 1→32 at 28², conv 3×3 32→64 at 14², dense 3136→128, dense 128→10. */
  CNN(RawTfCnn.FORWARD_MACS);

  public final long forwardMacs;

  BenchModel(long forwardMacs) {
    this.forwardMacs = forwardMacs;
  }

  /** Training FLOPs of one sample: 6 × forward MACs. */
  public double trainingFlopsPerSample() {
    return 6.0 * forwardMacs;
  }

  /** The first {@code samples} training images (all if ≤ 0), flat for the MLP, {@code [28, 28, 1]} for the CNN. */
  public Dataset trainingSet(int samples) {
    Dataset train = FashionMnist.load().train();
    if (samples > 0 && samples < train.size()) {
      train = train.take(samples);
    }
    return train.withFeatureShape(this == MLP ? dev.layerwise.Shape.of(784) : dev.layerwise.Shape.of(28, 28, 1));
  }

  /** The Layerwise model {@code fit()} trains. */
  public Sequential layerwise(long seed) {
    return this == MLP ? FitVsRawTf.mlp() : FashionMnistCnn.model(seed);
  }
}
