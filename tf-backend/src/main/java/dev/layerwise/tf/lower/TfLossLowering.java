package dev.layerwise.tf.lower;

import dev.layerwise.Shape;
import dev.layerwise.losses.BinaryCrossentropy;
import dev.layerwise.losses.CategoricalCrossentropy;
import dev.layerwise.losses.CategoricalHinge;
import dev.layerwise.losses.Huber;
import dev.layerwise.losses.KLDivergence;
import dev.layerwise.losses.Loss;
import dev.layerwise.losses.LossVisitor;
import dev.layerwise.losses.MeanAbsoluteError;
import dev.layerwise.losses.MeanSquaredError;
import dev.layerwise.losses.SparseCategoricalCrossentropy;
import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * Builds each loss as the scalar batch mean of its per-sample value (formulas in the api's loss records), each
 * sample's terms weighted by its sample weight (Keras 3's {@code sum_over_batch_size}, {@link #weightedMean}).
 *
 * <p>Cross-entropies from logits use {@code LogSoftmax} rather than TF's fused
 * {@code (Sparse)SoftmaxCrossEntropyWithLogits}: the sparse op has no registered gradient in TF Java 1.1.0 and
 * the dense one differentiates only in float32, while {@code −Σ y·logsoftmax(z)} differentiates in both
 * precisions. Class labels become one-hot rows in the graph.
 *
 * <p>Every loss is built from ops with a gradient in TF's C++ registry (research/tfjava.md): Huber from
 * {@code Abs}, {@code Minimum} and {@code Square}, as Keras's {@code where}-free form
 * {@code ½q² + δ(|e| − q)} with {@code q = min(|e|, δ)}; KL divergence from {@code ClipByValue}, {@code RealDiv}
 * and {@code Log}; categorical hinge from {@code Sum}, {@code Max} and {@code Maximum}. Their gradients at the kinks
 * (ties in {@code Max} share, {@code Maximum} and {@code Minimum} pass to their first argument on equality,
 * {@code Abs}′(0) = 0) are the conventions the reference equations follow.
 */
public final class TfLossLowering<T extends TFloating> implements LossVisitor<Operand<T>> {
  private final TfScope<T> s;
  private final Ops tf;
  private final Operand<T> output;
  private final Operand<T> labels;
  private final Operand<T> sampleWeights;
  private final Shape outputShape;

  /**
   * @param output the model output {@code [batch, ...outputShape]}
   * @param labels the labels as fed ({@code [batch, ...labelShape]}, class indices as floats for sparse losses)
   * @param sampleWeights one weight per sample, {@code [batch]} (ones for an unweighted batch)
   */
  public TfLossLowering(TfScope<T> scope, Operand<T> output, Operand<T> labels, Operand<T> sampleWeights,
      Shape outputShape) {
    this.s = scope;
    this.tf = scope.tf();
    this.output = output;
    this.labels = labels;
    this.sampleWeights = sampleWeights;
    this.outputShape = outputShape;
  }

  public static <T extends TFloating> Operand<T> lower(TfScope<T> scope, Loss loss, Operand<T> output,
      Operand<T> labels, Operand<T> sampleWeights, Shape outputShape) {
    return loss.accept(new TfLossLowering<>(scope.sub("loss"), output, labels, sampleWeights, outputShape));
  }

  /**
   * Keras 3's {@code sum_over_batch_size}: the mean over every axis of the loss terms, each multiplied by its
   * sample's weight (broadcast over the sample's terms) — the weighted sum divided by the number of terms, not by
   * the sum of the weights. Ones leave the terms exactly as they are.
   *
   * @param terms {@code [batch, ...]} of rank {@code rank}
   */
  private Operand<T> weightedMean(Operand<T> terms, int rank) {
    int[] dims = new int[rank];
    Arrays.fill(dims, 1);
    dims[0] = -1;
    Operand<T> w = rank == 1 ? sampleWeights : tf.reshape(sampleWeights, s.ints(dims));
    return tf.math.mean(tf.math.mul(terms, w), s.axesBelow(rank));
  }

  /** {@link #weightedMean} of one term per output element, {@code [batch, ...outputShape]}. */
  private Operand<T> perElementMean(Operand<T> terms) {
    return weightedMean(terms, outputShape.rank() + 1);
  }

  /** {@link #weightedMean} of one term per row, the output's last axis reduced away. */
  private Operand<T> perRowMean(Operand<T> terms) {
    return weightedMean(terms, outputShape.rank());
  }

  private Operand<T> clipProbabilities(Operand<T> p) {
    return tf.clipByValue(p, s.constant(Loss.EPSILON), s.constant(1 - Loss.EPSILON));
  }

  /** {@code mean over samples of −Σ_c y_c · logp_c}. */
  private Operand<T> crossEntropy(Operand<T> y, Operand<T> logp) {
    Operand<T> perSample = tf.math.neg(tf.reduceSum(tf.math.mul(y, logp), s.ints(-1)));
    return perRowMean(perSample);
  }

  private Operand<T> logProbabilities(boolean fromLogits) {
    if (fromLogits) {
      return tf.nn.logSoftmax(output);
    }
    // Renormalise over the last axis (as Keras does), then clip away log(0).
    Operand<T> sum = tf.reduceSum(output, s.ints(-1), org.tensorflow.op.core.ReduceSum.keepDims(true));
    return tf.math.log(clipProbabilities(tf.math.div(output, sum)));
  }

  @Override
  public Operand<T> visitMeanSquaredError(MeanSquaredError loss) {
    return perElementMean(tf.math.squaredDifference(output, labels));
  }

  @Override
  public Operand<T> visitBinaryCrossentropy(BinaryCrossentropy loss) {
    Operand<T> one = s.constant(1);
    Operand<T> perElement;
    if (loss.fromLogits()) {
      // y·softplus(−z) + (1−y)·softplus(z) = −[y log σ(z) + (1−y) log(1−σ(z))], without forming σ(z).
      perElement = tf.math.add(
          tf.math.mul(labels, tf.math.softplus(tf.math.neg(output))),
          tf.math.mul(tf.math.sub(one, labels), tf.math.softplus(output)));
    } else {
      Operand<T> p = clipProbabilities(output);
      perElement = tf.math.neg(tf.math.add(
          tf.math.mul(labels, tf.math.log(p)),
          tf.math.mul(tf.math.sub(one, labels), tf.math.log(tf.math.sub(one, p)))));
    }
    return perElementMean(perElement);
  }

  @Override
  public Operand<T> visitCategoricalCrossentropy(CategoricalCrossentropy loss) {
    return crossEntropy(labels, logProbabilities(loss.fromLogits()));
  }

  @Override
  public Operand<T> visitMeanAbsoluteError(MeanAbsoluteError loss) {
    return perElementMean(tf.math.abs(tf.math.sub(output, labels)));
  }

  @Override
  public Operand<T> visitHuber(Huber loss) {
    Operand<T> delta = s.constant(loss.delta());
    Operand<T> absError = tf.math.abs(tf.math.sub(output, labels));
    Operand<T> quadratic = tf.math.minimum(absError, delta);
    Operand<T> perElement = tf.math.add(
        tf.math.mul(s.constant(0.5), tf.math.square(quadratic)),
        tf.math.mul(delta, tf.math.sub(absError, quadratic)));
    return perElementMean(perElement);
  }

  @Override
  public Operand<T> visitKLDivergence(KLDivergence loss) {
    Operand<T> eps = s.constant(Loss.EPSILON);
    Operand<T> one = s.constant(1);
    Operand<T> y = tf.clipByValue(labels, eps, one);
    Operand<T> p = tf.clipByValue(output, eps, one);
    Operand<T> perRow = tf.reduceSum(tf.math.mul(y, tf.math.log(tf.math.div(y, p))), s.ints(-1));
    return perRowMean(perRow);
  }

  @Override
  public Operand<T> visitCategoricalHinge(CategoricalHinge loss) {
    Operand<T> pos = tf.reduceSum(tf.math.mul(labels, output), s.ints(-1));
    Operand<T> neg = tf.reduceMax(tf.math.mul(tf.math.sub(s.constant(1), labels), output), s.ints(-1));
    Operand<T> perRow = tf.math.maximum(tf.math.add(tf.math.sub(neg, pos), s.constant(1)), s.constant(0));
    return perRowMean(perRow);
  }

  @Override
  public Operand<T> visitSparseCategoricalCrossentropy(SparseCategoricalCrossentropy loss) {
    Operand<TInt32> classes = tf.dtypes.cast(tf.reshape(labels, s.ints(-1)), TInt32.class);
    Operand<T> oneHot = tf.oneHot(classes, tf.constant(outputShape.last()), s.constant(1), s.constant(0));
    return crossEntropy(oneHot, logProbabilities(loss.fromLogits()));
  }
}
