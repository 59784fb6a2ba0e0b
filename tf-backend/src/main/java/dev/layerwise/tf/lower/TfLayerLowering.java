package dev.layerwise.tf.lower;

import dev.layerwise.layers.Activation;
import dev.layerwise.layers.Add;
import dev.layerwise.layers.Augmentation;
import dev.layerwise.layers.Average;
import dev.layerwise.layers.AveragePooling2D;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.CenterCrop;
import dev.layerwise.layers.Concatenate;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.ELU;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.GlobalAveragePooling2D;
import dev.layerwise.layers.Hardmax;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.LayerVisitor;
import dev.layerwise.layers.LeakyReLU;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.Maximum;
import dev.layerwise.layers.Maxout;
import dev.layerwise.layers.Minimum;
import dev.layerwise.layers.Multiply;
import dev.layerwise.layers.PReLU;
import dev.layerwise.layers.Normalization;
import dev.layerwise.layers.Rescaling;
import dev.layerwise.layers.RandomContrast;
import dev.layerwise.layers.RandomCrop;
import dev.layerwise.layers.RandomFlip;
import dev.layerwise.layers.RandomRotation;
import dev.layerwise.layers.RandomTranslation;
import dev.layerwise.layers.RandomZoom;
import dev.layerwise.layers.Reshape;
import dev.layerwise.layers.Resizing;
import dev.layerwise.layers.Softmax;
import dev.layerwise.layers.Subtract;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Lowers each core layer to TF ops, reading its weights from the model's variables. Only forward ops are
 * built: TF's C++ gradient registry differentiates them, so no backward is written on this backend.
 *
 * <p>Training-mode lowering needs two things besides the weights: the fed dropout mask of every {@code Dropout}
 * node, and a place to put the state updates layers make (batch normalisation's moving statistics), which the
 * model runs with its training step only. An inference-only lowering ({@link #inference}) has neither.
 */
public final class TfLayerLowering<T extends TFloating> implements LayerVisitor<TfLayerInput<T>, Operand<T>> {
  private final TfScope<T> scope;
  private final Map<String, ? extends Operand<T>> weights;
  private final Map<String, ? extends Operand<T>> masks;
  private final List<TfStateUpdate<T>> stateUpdates;

  /**
   * @param weights every weight by full name ({@code dense/kernel})
   * @param masks the draws placeholder of every random node (a Dropout's mask, an augmentation's parameters), by
   *     node name
   * @param stateUpdates receives the state writes of training-mode layers, for the caller to build
   */
  public TfLayerLowering(TfScope<T> scope, Map<String, ? extends Operand<T>> weights,
      Map<String, ? extends Operand<T>> masks, List<TfStateUpdate<T>> stateUpdates) {
    this.scope = scope;
    this.weights = weights;
    this.masks = masks;
    this.stateUpdates = stateUpdates;
  }

  /** A lowering for inference-mode graphs only (SavedModel export). */
  public static <T extends TFloating> TfLayerLowering<T> inference(TfScope<T> scope,
      Map<String, ? extends Operand<T>> weights) {
    return new TfLayerLowering<>(scope, weights, Map.of(), null);
  }

  private Operand<T> weight(TfLayerInput<T> in, String shortName) {
    Operand<T> w = weights.get(in.node().weightName(shortName));
    if (w == null) {
      throw new IllegalStateException("no variable for " + in.node().weightName(shortName));
    }
    return w;
  }

  private Operand<T> optionalWeight(TfLayerInput<T> in, boolean present, String shortName) {
    return present ? weight(in, shortName) : null;
  }

  private TfScope<T> sub(TfLayerInput<T> in) {
    return scope.sub(in.node().name());
  }

  @Override
  public Operand<T> visitInput(Input layer, TfLayerInput<T> in) {
    return in.x();
  }

  @Override
  public Operand<T> visitDense(Dense layer, TfLayerInput<T> in) {
    return TfDenseLowering.lower(sub(in), in.node(), in.x(), weight(in, "kernel"),
        optionalWeight(in, layer.useBias(), "bias"));
  }

  @Override
  public Operand<T> visitActivation(Activation layer, TfLayerInput<T> in) {
    return TfActivationLowering.lower(sub(in), layer.function(), in.x());
  }

  @Override
  public Operand<T> visitFlatten(Flatten layer, TfLayerInput<T> in) {
    return sub(in).tf().reshape(in.x(), scope.ints(-1, in.node().outputShape().size()));
  }

  @Override
  public Operand<T> visitLeakyReLU(LeakyReLU layer, TfLayerInput<T> in) {
    return TfRectifierLowering.leakyRelu(sub(in), layer.alpha(), in.x());
  }

  @Override
  public Operand<T> visitPReLU(PReLU layer, TfLayerInput<T> in) {
    return TfRectifierLowering.prelu(sub(in), weight(in, "alpha"), in.x());
  }

  @Override
  public Operand<T> visitELU(ELU layer, TfLayerInput<T> in) {
    return TfRectifierLowering.elu(sub(in), layer.alpha(), in.x());
  }

  @Override
  public Operand<T> visitSoftmax(Softmax layer, TfLayerInput<T> in) {
    return TfSoftmaxLowering.softmax(sub(in), layer.resolvedAxis(in.node().inputShape()) + 1,
        in.node().inputShape().rank() + 1, in.x());
  }

  @Override
  public Operand<T> visitMaxout(Maxout layer, TfLayerInput<T> in) {
    return TfMaxoutLowering.lower(sub(in), layer, in.node(), in.x(), weight(in, "kernel"),
        optionalWeight(in, layer.useBias(), "bias"));
  }

  @Override
  public Operand<T> visitHardmax(Hardmax layer, TfLayerInput<T> in) {
    return TfSoftmaxLowering.hardmax(sub(in), in.node().inputShape().last(), in.x());
  }

  @Override
  public Operand<T> visitDropout(Dropout layer, TfLayerInput<T> in) {
    if (!in.training()) {
      return in.x(); // inverted dropout: the identity at inference
    }
    Operand<T> mask = masks.get(in.node().name());
    if (mask == null) {
      throw new IllegalStateException(layer.describe() + ": no mask placeholder in a training-mode graph");
    }
    return TfDropoutLowering.lower(sub(in), layer.rate(), in.x(), mask);
  }

  @Override
  public Operand<T> visitBatchNormalization(BatchNormalization layer, TfLayerInput<T> in) {
    TfBatchNormLowering<T> bn = new TfBatchNormLowering<>(sub(in), layer, in.node().inputShape().rank() + 1,
        optionalWeight(in, layer.scale(), "gamma"), optionalWeight(in, layer.center(), "beta"),
        weight(in, "moving_mean"), weight(in, "moving_variance"));
    if (!in.training()) {
      return bn.inference(in.x());
    }
    if (stateUpdates == null) {
      throw new IllegalStateException(layer.describe() + ": a training-mode graph needs a sink for state updates");
    }
    return bn.training(in.x(), in.node().name(), stateUpdates);
  }

  @Override
  public Operand<T> visitConv2D(Conv2D layer, TfLayerInput<T> in) {
    return TfConvLowering.lower(sub(in), layer, in.x(), weight(in, "kernel"),
        optionalWeight(in, layer.useBias(), "bias"));
  }

  @Override
  public Operand<T> visitMaxPooling2D(MaxPooling2D layer, TfLayerInput<T> in) {
    return TfPoolingLowering.max(sub(in), layer, in.x());
  }

  @Override
  public Operand<T> visitAveragePooling2D(AveragePooling2D layer, TfLayerInput<T> in) {
    return TfPoolingLowering.average(sub(in), layer, in.x());
  }

  @Override
  public Operand<T> visitGlobalAveragePooling2D(GlobalAveragePooling2D layer, TfLayerInput<T> in) {
    return TfPoolingLowering.globalAverage(sub(in), in.x());
  }

  @Override
  public Operand<T> visitReshape(Reshape layer, TfLayerInput<T> in) {
    return sub(in).tf().reshape(in.x(), scope.ints(TfScope.batchIntDims(in.node().outputShape())));
  }

  @Override
  public Operand<T> visitRescaling(Rescaling layer, TfLayerInput<T> in) {
    return TfPreprocessingLowering.rescaling(sub(in), layer.scale(), layer.offset(), in.x());
  }

  @Override
  public Operand<T> visitNormalization(Normalization layer, TfLayerInput<T> in) {
    return TfPreprocessingLowering.normalization(sub(in), layer, in.node().inputShape(), in.x(), weight(in, "mean"),
        optionalWeight(in, !layer.isMeanOnly(), "variance"));
  }

  @Override
  public Operand<T> visitCenterCrop(CenterCrop layer, TfLayerInput<T> in) {
    return TfPreprocessingLowering.centerCrop(sub(in), layer, in.node().inputShape(), in.x());
  }

  @Override
  public Operand<T> visitResizing(Resizing layer, TfLayerInput<T> in) {
    return TfPreprocessingLowering.resizing(sub(in), layer, in.node().inputShape(), in.x());
  }

  @Override
  public Operand<T> visitRandomFlip(RandomFlip layer, TfLayerInput<T> in) {
    return in.training() ? TfAugmentationLowering.flip(sub(in), layer.mode(), in.node().inputShape(), in.x(),
        draws(layer, in)) : in.x();
  }

  @Override
  public Operand<T> visitRandomTranslation(RandomTranslation layer, TfLayerInput<T> in) {
    return in.training() ? TfAugmentationLowering.translation(sub(in), layer, in.node().inputShape(), in.x(),
        draws(layer, in)) : in.x();
  }

  @Override
  public Operand<T> visitRandomCrop(RandomCrop layer, TfLayerInput<T> in) {
    return in.training() ? TfAugmentationLowering.crop(sub(in), layer, in.node().inputShape(), in.x(),
        draws(layer, in)) : TfAugmentationLowering.cropInference(sub(in), layer, in.node().inputShape(), in.x());
  }

  @Override
  public Operand<T> visitRandomContrast(RandomContrast layer, TfLayerInput<T> in) {
    return in.training() ? TfAugmentationLowering.contrast(sub(in), layer, in.x(), draws(layer, in)) : in.x();
  }

  @Override
  public Operand<T> visitRandomRotation(RandomRotation layer, TfLayerInput<T> in) {
    return in.training() ? TfWarpLowering.rotation(sub(in), in.node().inputShape(), in.x(), draws(layer, in),
        layer.interpolation(), layer.fillMode(), layer.fillValue()) : in.x();
  }

  @Override
  public Operand<T> visitRandomZoom(RandomZoom layer, TfLayerInput<T> in) {
    return in.training() ? TfWarpLowering.zoom(sub(in), in.node().inputShape(), in.x(), draws(layer, in),
        layer.interpolation(), layer.fillMode(), layer.fillValue()) : in.x();
  }

  /** The fed draws {@code [batch, k]} of an augmentation node in a training-mode graph. */
  private Operand<T> draws(Augmentation layer, TfLayerInput<T> in) {
    Operand<T> d = masks.get(in.node().name());
    if (d == null) {
      throw new IllegalStateException(layer.describe() + ": no draws placeholder in a training-mode graph");
    }
    return d;
  }

  @Override
  public Operand<T> visitAdd(Add layer, TfLayerInput<T> in) {
    return TfMergeLowering.add(sub(in), in.xs());
  }

  @Override
  public Operand<T> visitSubtract(Subtract layer, TfLayerInput<T> in) {
    return TfMergeLowering.subtract(sub(in), in.xs());
  }

  @Override
  public Operand<T> visitMultiply(Multiply layer, TfLayerInput<T> in) {
    return TfMergeLowering.multiply(sub(in), in.xs());
  }

  @Override
  public Operand<T> visitAverage(Average layer, TfLayerInput<T> in) {
    return TfMergeLowering.average(sub(in), in.xs());
  }

  @Override
  public Operand<T> visitMaximum(Maximum layer, TfLayerInput<T> in) {
    return TfMergeLowering.maximum(sub(in), in.xs());
  }

  @Override
  public Operand<T> visitMinimum(Minimum layer, TfLayerInput<T> in) {
    return TfMergeLowering.minimum(sub(in), in.xs());
  }

  @Override
  public Operand<T> visitConcatenate(Concatenate layer, TfLayerInput<T> in) {
    return TfMergeLowering.concatenate(sub(in), in.xs(), layer.resolvedAxis(in.node().inputShapes().get(0).rank()));
  }
}
