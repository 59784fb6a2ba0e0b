package dev.layerwise.reference;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.layerwise.Shape;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Add;
import dev.layerwise.layers.Average;
import dev.layerwise.layers.AveragePooling2D;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.CenterCrop;
import dev.layerwise.layers.Concatenate;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.ELU;
import dev.layerwise.layers.FillMode;
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
import dev.layerwise.layers.RandomContrast;
import dev.layerwise.layers.RandomCrop;
import dev.layerwise.layers.RandomFlip;
import dev.layerwise.layers.RandomRotation;
import dev.layerwise.layers.RandomTranslation;
import dev.layerwise.layers.RandomZoom;
import dev.layerwise.layers.Normalization;
import dev.layerwise.layers.Rescaling;
import dev.layerwise.layers.Reshape;
import dev.layerwise.layers.Resizing;
import dev.layerwise.layers.Softmax;
import dev.layerwise.layers.Subtract;
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
import dev.layerwise.optimizers.Adadelta;
import dev.layerwise.optimizers.Adagrad;
import dev.layerwise.optimizers.Adam;
import dev.layerwise.optimizers.AdamW;
import dev.layerwise.optimizers.Adamax;
import dev.layerwise.optimizers.Nadam;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.optimizers.OptimizerVisitor;
import dev.layerwise.optimizers.RMSprop;
import dev.layerwise.optimizers.Sgd;
import dev.layerwise.reference.activations.EluEquations;
import dev.layerwise.reference.augment.ContrastEquations;
import dev.layerwise.reference.augment.CropSampling;
import dev.layerwise.reference.augment.FlipSampling;
import dev.layerwise.reference.augment.ImageSamplingEquations;
import dev.layerwise.reference.augment.TranslationSampling;
import dev.layerwise.reference.augment.WarpEquations;
import dev.layerwise.reference.activations.HardmaxEquations;
import dev.layerwise.reference.activations.LeakyReluEquations;
import dev.layerwise.reference.activations.PReluEquations;
import dev.layerwise.reference.activations.ReluEquations;
import dev.layerwise.reference.activations.SeluEquations;
import dev.layerwise.reference.activations.SigmoidEquations;
import dev.layerwise.reference.activations.SoftmaxEquations;
import dev.layerwise.reference.activations.TanhEquations;
import dev.layerwise.reference.layers.AveragePooling2DEquations;
import dev.layerwise.reference.layers.BatchNormEquations;
import dev.layerwise.reference.layers.CenterCropEquations;
import dev.layerwise.reference.layers.Conv2DEquations;
import dev.layerwise.reference.layers.DenseEquations;
import dev.layerwise.reference.layers.DropoutEquations;
import dev.layerwise.reference.layers.GlobalAveragePooling2DEquations;
import dev.layerwise.reference.layers.IdentityEquations;
import dev.layerwise.reference.layers.MaxPooling2DEquations;
import dev.layerwise.reference.layers.MaxoutEquations;
import dev.layerwise.reference.layers.NormalizationEquations;
import dev.layerwise.reference.layers.RescalingEquations;
import dev.layerwise.reference.layers.ResizingEquations;
import dev.layerwise.reference.losses.BinaryCrossentropyEquations;
import dev.layerwise.reference.losses.CategoricalCrossentropyEquations;
import dev.layerwise.reference.losses.CategoricalHingeEquations;
import dev.layerwise.reference.losses.HuberEquations;
import dev.layerwise.reference.losses.KLDivergenceEquations;
import dev.layerwise.reference.losses.MeanAbsoluteErrorEquations;
import dev.layerwise.reference.losses.MeanSquaredErrorEquations;
import dev.layerwise.reference.losses.RefLossEquations;
import dev.layerwise.reference.losses.SparseCategoricalCrossentropyEquations;
import dev.layerwise.reference.merging.ConcatenateEquations;
import dev.layerwise.reference.merging.ExtremumEquations;
import dev.layerwise.reference.merging.MultiplyEquations;
import dev.layerwise.reference.merging.SubtractEquations;
import dev.layerwise.reference.merging.SumEquations;
import dev.layerwise.reference.optimizers.AdadeltaUpdate;
import dev.layerwise.reference.optimizers.AdagradUpdate;
import dev.layerwise.reference.optimizers.AdamUpdate;
import dev.layerwise.reference.optimizers.AdamaxUpdate;
import dev.layerwise.reference.optimizers.NadamUpdate;
import dev.layerwise.reference.optimizers.RefOptimizerUpdate;
import dev.layerwise.reference.optimizers.RmsPropUpdate;
import dev.layerwise.reference.optimizers.SgdUpdate;
import dev.layerwise.reference.optimizers.WeightDecayUpdate;
import dev.layerwise.reference.tensor.Window2D;
import dev.layerwise.spi.LayerNode;

/**
 * Maps specs to equations: each core layer node to its {@code *Equations} class (a merge node to its
 * {@link dev.layerwise.reference.merging.RefMergeEquations}), the loss and the optimizer to
 * theirs. The visitors are exhaustive, so a new layer, loss or optimizer in the api stops this class compiling
 * until it has reference maths.
 */
final class RefCompiler {
  private RefCompiler() {}

  static RefGraph.NodeEquations layer(LayerNode node) {
    return node.layer().accept(LAYERS, node);
  }

  static RefLossEquations loss(Loss loss, Shape outputShape) {
    return loss.accept(new LossVisitor<RefLossEquations>() {
      @Override
      public RefLossEquations visitMeanSquaredError(MeanSquaredError l) {
        return new MeanSquaredErrorEquations();
      }

      @Override
      public RefLossEquations visitBinaryCrossentropy(BinaryCrossentropy l) {
        return new BinaryCrossentropyEquations(l.fromLogits());
      }

      @Override
      public RefLossEquations visitCategoricalCrossentropy(CategoricalCrossentropy l) {
        return new CategoricalCrossentropyEquations(l.fromLogits(), outputShape.last());
      }

      @Override
      public RefLossEquations visitSparseCategoricalCrossentropy(SparseCategoricalCrossentropy l) {
        l.labelShape(outputShape); // refuses outputs that are not [classes]
        return new SparseCategoricalCrossentropyEquations(l.fromLogits(), outputShape.last());
      }

      @Override
      public RefLossEquations visitMeanAbsoluteError(MeanAbsoluteError l) {
        return new MeanAbsoluteErrorEquations();
      }

      @Override
      public RefLossEquations visitHuber(Huber l) {
        return new HuberEquations(l.delta());
      }

      @Override
      public RefLossEquations visitKLDivergence(KLDivergence l) {
        return new KLDivergenceEquations(outputShape.last());
      }

      @Override
      public RefLossEquations visitCategoricalHinge(CategoricalHinge l) {
        l.labelShape(outputShape); // refuses outputs of fewer than 2 classes
        return new CategoricalHingeEquations(outputShape.last());
      }
    });
  }

  /**
   * The update rule of an optimizer record. Its slots must be the record's, in the record's order: the model's
   * slot arrays are laid out by the record's {@code slotNames()} and handed to the rule in that order.
   */
  static RefOptimizerUpdate optimizer(Optimizer optimizer) {
    RefOptimizerUpdate update = WeightDecayUpdate.of(optimizer.accept(OPTIMIZERS), optimizer.weightDecay());
    checkState(update.slotNames().equals(optimizer.slotNames()), "%s keeps slots %s, but %s declares %s",
        update.getClass().getSimpleName(), update.slotNames(), optimizer, optimizer.slotNames());
    return update;
  }

  private static final OptimizerVisitor<RefOptimizerUpdate> OPTIMIZERS = new OptimizerVisitor<>() {
    @Override
    public RefOptimizerUpdate visitSgd(Sgd o) {
      return new SgdUpdate(o.momentum(), o.nesterov(), o.formula());
    }

    @Override
    public RefOptimizerUpdate visitAdagrad(Adagrad o) {
      return new AdagradUpdate(o.epsilon(), o.formula()); // the initial accumulator is a slot initial value
    }

    @Override
    public RefOptimizerUpdate visitRMSprop(RMSprop o) {
      return new RmsPropUpdate(o.rho(), o.momentum(), o.epsilon(), o.centered());
    }

    @Override
    public RefOptimizerUpdate visitAdadelta(Adadelta o) {
      return new AdadeltaUpdate(o.rho(), o.epsilon());
    }

    @Override
    public RefOptimizerUpdate visitAdam(Adam o) {
      return new AdamUpdate(o.beta1(), o.beta2(), o.epsilon(), o.amsgrad());
    }

    @Override
    public RefOptimizerUpdate visitAdamax(Adamax o) {
      return new AdamaxUpdate(o.beta1(), o.beta2(), o.epsilon());
    }

    @Override
    public RefOptimizerUpdate visitNadam(Nadam o) {
      return new NadamUpdate(o.beta1(), o.beta2(), o.epsilon(), o.formula());
    }

    @Override
    public RefOptimizerUpdate visitAdamW(AdamW o) {
      return new AdamUpdate(o.beta1(), o.beta2(), o.epsilon(), o.amsgrad()); // the decay: weightDecay()
    }
  };

  private static final LayerVisitor<LayerNode, RefGraph.NodeEquations> LAYERS = new LayerVisitor<>() {
    @Override
    public RefGraph.NodeEquations visitInput(Input layer, LayerNode node) {
      return RefGraph.of(new IdentityEquations());
    }

    @Override
    public RefGraph.NodeEquations visitDense(Dense layer, LayerNode node) {
      checkArgument(layer.activation() == ActivationFn.LINEAR,
          "%s: the reference backend compiles desugared nodes (a linear Dense, then an Activation), got"
              + " activation %s; compile ModelSpec.nodes()", layer.describe(), layer.activation());
      return RefGraph.of(new DenseEquations(node.inputShape().last(), layer.units(), layer.useBias()));
    }

    @Override
    public RefGraph.NodeEquations visitActivation(Activation layer, LayerNode node) {
      return RefGraph.of(switch (layer.function()) {
        case LINEAR -> new IdentityEquations();
        case RELU -> new ReluEquations();
        case SIGMOID -> new SigmoidEquations();
        case TANH -> new TanhEquations();
        case SOFTMAX -> new SoftmaxEquations(node.inputShape().last());
        case ELU -> new EluEquations(1.0);
        case SELU -> new SeluEquations();
      });
    }

    @Override
    public RefGraph.NodeEquations visitFlatten(Flatten layer, LayerNode node) {
      return RefGraph.of(new IdentityEquations());
    }

    @Override
    public RefGraph.NodeEquations visitLeakyReLU(LeakyReLU layer, LayerNode node) {
      return RefGraph.of(new LeakyReluEquations(layer.alpha()));
    }

    @Override
    public RefGraph.NodeEquations visitPReLU(PReLU layer, LayerNode node) {
      return RefGraph.of(new PReluEquations(node.inputShape(), layer.alphaShapeFor(node.inputShape())));
    }

    @Override
    public RefGraph.NodeEquations visitELU(ELU layer, LayerNode node) {
      return RefGraph.of(new EluEquations(layer.alpha()));
    }

    @Override
    public RefGraph.NodeEquations visitSoftmax(Softmax layer, LayerNode node) {
      return RefGraph.of(SoftmaxEquations.overAxis(node.inputShape(), layer.resolvedAxis(node.inputShape())));
    }

    @Override
    public RefGraph.NodeEquations visitMaxout(Maxout layer, LayerNode node) {
      return RefGraph.of(new MaxoutEquations(node.inputShape().last(), layer.units(), layer.pieces(), layer.useBias()));
    }

    @Override
    public RefGraph.NodeEquations visitHardmax(Hardmax layer, LayerNode node) {
      return RefGraph.of(new HardmaxEquations(node.inputShape().last(), layer.describe()));
    }

    @Override
    public RefGraph.NodeEquations visitDropout(Dropout layer, LayerNode node) {
      return RefGraph.of(new DropoutEquations(layer.rate(), layer.describe()));
    }

    @Override
    public RefGraph.NodeEquations visitBatchNormalization(BatchNormalization layer, LayerNode node) {
      return RefGraph.of(new BatchNormEquations(node.inputShape().last(), layer.momentum(), layer.epsilon(),
          layer.scale(), layer.center()));
    }

    @Override
    public RefGraph.NodeEquations visitConv2D(Conv2D layer, LayerNode node) {
      checkArgument(layer.activation() == ActivationFn.LINEAR,
          "%s: the reference backend compiles desugared nodes (a linear Conv2D, then an Activation), got"
              + " activation %s; compile ModelSpec.nodes()", layer.describe(), layer.activation());
      Window2D window = Window2D.of(node.inputShape(), layer.kernelSize(), layer.strides(), layer.padding());
      return RefGraph.of(new Conv2DEquations(window, layer.filters(), layer.useBias()));
    }

    @Override
    public RefGraph.NodeEquations visitMaxPooling2D(MaxPooling2D layer, LayerNode node) {
      return RefGraph.of(new MaxPooling2DEquations(
          Window2D.of(node.inputShape(), layer.poolSize(), layer.strides(), layer.padding())));
    }

    @Override
    public RefGraph.NodeEquations visitAveragePooling2D(AveragePooling2D layer, LayerNode node) {
      return RefGraph.of(new AveragePooling2DEquations(
          Window2D.of(node.inputShape(), layer.poolSize(), layer.strides(), layer.padding())));
    }

    @Override
    public RefGraph.NodeEquations visitGlobalAveragePooling2D(GlobalAveragePooling2D layer, LayerNode node) {
      Shape in = node.inputShape();
      return RefGraph.of(new GlobalAveragePooling2DEquations(in.dim(0) * in.dim(1), in.dim(2)));
    }

    @Override
    public RefGraph.NodeEquations visitReshape(Reshape layer, LayerNode node) {
      return RefGraph.of(new IdentityEquations());
    }

    @Override
    public RefGraph.NodeEquations visitRescaling(Rescaling layer, LayerNode node) {
      return RefGraph.of(new RescalingEquations(layer.scale(), layer.offset()));
    }

    @Override
    public RefGraph.NodeEquations visitNormalization(Normalization layer, LayerNode node) {
      Shape in = node.inputShape();
      return RefGraph.of(new NormalizationEquations(layer.statisticsShape(in).size(), layer.entryIndex(in),
          layer.isMeanOnly(), Normalization.EPSILON));
    }

    @Override
    public RefGraph.NodeEquations visitCenterCrop(CenterCrop layer, LayerNode node) {
      Shape in = node.inputShape();
      return RefGraph.of(new CenterCropEquations(in.dim(0), in.dim(1), in.dim(2), layer.top(in), layer.left(in),
          layer.height(), layer.width()));
    }

    @Override
    public RefGraph.NodeEquations visitResizing(Resizing layer, LayerNode node) {
      Shape in = node.inputShape();
      return RefGraph.of(new ResizingEquations(in.dim(0), in.dim(1), layer.height(), layer.width(), in.dim(2),
          layer.interpolation().matrix(in.dim(0), layer.height()), layer.interpolation().matrix(in.dim(1),
          layer.width())));
    }

    @Override
    public RefGraph.NodeEquations visitRandomFlip(RandomFlip layer, LayerNode node) {
      Shape in = node.inputShape();
      return RefGraph.of(new ImageSamplingEquations(in.dim(0), in.dim(1), in.dim(2), in.dim(0), in.dim(1), null,
          new FlipSampling(layer.mode(), in.dim(0), in.dim(1)), layer.describe()));
    }

    @Override
    public RefGraph.NodeEquations visitRandomTranslation(RandomTranslation layer, LayerNode node) {
      Shape in = node.inputShape();
      Double fill = layer.fillMode() == FillMode.CONSTANT ? layer.fillValue() : null;
      return RefGraph.of(new ImageSamplingEquations(in.dim(0), in.dim(1), in.dim(2), in.dim(0), in.dim(1), fill,
          new TranslationSampling(layer, in.dim(0), in.dim(1)), layer.describe()));
    }

    @Override
    public RefGraph.NodeEquations visitRandomCrop(RandomCrop layer, LayerNode node) {
      Shape in = node.inputShape();
      return RefGraph.of(new ImageSamplingEquations(in.dim(0), in.dim(1), in.dim(2), layer.height(), layer.width(),
          null, new CropSampling(layer, in), layer.describe()));
    }

    @Override
    public RefGraph.NodeEquations visitRandomContrast(RandomContrast layer, LayerNode node) {
      Shape in = node.inputShape();
      return RefGraph.of(new ContrastEquations(in.dim(0), in.dim(1), in.dim(2), layer.valueLow(), layer.valueHigh(),
          layer.describe()));
    }

    @Override
    public RefGraph.NodeEquations visitRandomRotation(RandomRotation layer, LayerNode node) {
      Shape in = node.inputShape();
      return RefGraph.of(new WarpEquations(in.dim(0), in.dim(1), in.dim(2),
          (draws, s) -> layer.transform(draws[s], in.dim(0), in.dim(1)), layer.interpolation(), layer.fillMode(),
          layer.fillValue(), layer.describe()));
    }

    @Override
    public RefGraph.NodeEquations visitRandomZoom(RandomZoom layer, LayerNode node) {
      Shape in = node.inputShape();
      return RefGraph.of(new WarpEquations(in.dim(0), in.dim(1), in.dim(2),
          (draws, s) -> layer.transform(draws[2 * s], draws[2 * s + 1], in.dim(0), in.dim(1)), layer.interpolation(),
          layer.fillMode(), layer.fillValue(), layer.describe()));
    }

    @Override
    public RefGraph.NodeEquations visitAdd(Add layer, LayerNode node) {
      return RefGraph.of(SumEquations.add(layer.describe()));
    }

    @Override
    public RefGraph.NodeEquations visitSubtract(Subtract layer, LayerNode node) {
      return RefGraph.of(new SubtractEquations(layer.describe()));
    }

    @Override
    public RefGraph.NodeEquations visitMultiply(Multiply layer, LayerNode node) {
      return RefGraph.of(new MultiplyEquations(layer.describe()));
    }

    @Override
    public RefGraph.NodeEquations visitAverage(Average layer, LayerNode node) {
      return RefGraph.of(SumEquations.average(node.inbound().size(), layer.describe()));
    }

    @Override
    public RefGraph.NodeEquations visitMaximum(Maximum layer, LayerNode node) {
      return RefGraph.of(ExtremumEquations.maximum(layer.describe()));
    }

    @Override
    public RefGraph.NodeEquations visitMinimum(Minimum layer, LayerNode node) {
      return RefGraph.of(ExtremumEquations.minimum(layer.describe()));
    }

    @Override
    public RefGraph.NodeEquations visitConcatenate(Concatenate layer, LayerNode node) {
      return RefGraph.of(new ConcatenateEquations(node.inputShapes(),
          layer.resolvedAxis(node.inputShapes().get(0).rank()), layer.describe()));
    }
  };
}
