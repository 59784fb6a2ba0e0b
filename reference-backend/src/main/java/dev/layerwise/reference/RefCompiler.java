package dev.layerwise.reference;

import static com.google.common.base.Preconditions.checkArgument;

import dev.layerwise.Shape;
import dev.layerwise.layers.Activation;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.LayerVisitor;
import dev.layerwise.losses.BinaryCrossentropy;
import dev.layerwise.losses.CategoricalCrossentropy;
import dev.layerwise.losses.Loss;
import dev.layerwise.losses.LossVisitor;
import dev.layerwise.losses.MeanSquaredError;
import dev.layerwise.losses.SparseCategoricalCrossentropy;
import dev.layerwise.optimizers.Adam;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.optimizers.OptimizerVisitor;
import dev.layerwise.optimizers.Sgd;
import dev.layerwise.reference.activations.ReluEquations;
import dev.layerwise.reference.activations.SigmoidEquations;
import dev.layerwise.reference.activations.SoftmaxEquations;
import dev.layerwise.reference.activations.TanhEquations;
import dev.layerwise.reference.layers.DenseEquations;
import dev.layerwise.reference.layers.IdentityEquations;
import dev.layerwise.reference.layers.RefLayerEquations;
import dev.layerwise.reference.losses.BinaryCrossentropyEquations;
import dev.layerwise.reference.losses.CategoricalCrossentropyEquations;
import dev.layerwise.reference.losses.MeanSquaredErrorEquations;
import dev.layerwise.reference.losses.RefLossEquations;
import dev.layerwise.reference.losses.SparseCategoricalCrossentropyEquations;
import dev.layerwise.reference.optimizers.AdamUpdate;
import dev.layerwise.reference.optimizers.RefOptimizerUpdate;
import dev.layerwise.reference.optimizers.SgdUpdate;
import dev.layerwise.spi.LayerNode;

/**
 * Maps specs to equations: each core layer node to its {@code *Equations} class, the loss and the optimizer to
 * theirs. The visitors are exhaustive, so a new layer, loss or optimizer in the api stops this class compiling
 * until it has reference maths.
 */
final class RefCompiler {
  private RefCompiler() {}

  static RefLayerEquations<?> layer(LayerNode node) {
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
    });
  }

  static RefOptimizerUpdate optimizer(Optimizer optimizer) {
    return optimizer.accept(new OptimizerVisitor<RefOptimizerUpdate>() {
      @Override
      public RefOptimizerUpdate visitSgd(Sgd o) {
        return new SgdUpdate();
      }

      @Override
      public RefOptimizerUpdate visitAdam(Adam o) {
        return new AdamUpdate(o.beta1(), o.beta2(), o.epsilon());
      }
    });
  }

  private static final LayerVisitor<LayerNode, RefLayerEquations<?>> LAYERS = new LayerVisitor<>() {
    @Override
    public RefLayerEquations<?> visitInput(Input layer, LayerNode node) {
      return new IdentityEquations();
    }

    @Override
    public RefLayerEquations<?> visitDense(Dense layer, LayerNode node) {
      checkArgument(layer.activation() == ActivationFn.LINEAR,
          "%s: the reference backend compiles desugared nodes (a linear Dense, then an Activation), got"
              + " activation %s; compile ModelSpec.nodes()", layer.describe(), layer.activation());
      return new DenseEquations(node.inputShape().last(), layer.units(), layer.useBias());
    }

    @Override
    public RefLayerEquations<?> visitActivation(Activation layer, LayerNode node) {
      return switch (layer.function()) {
        case LINEAR -> new IdentityEquations();
        case RELU -> new ReluEquations();
        case SIGMOID -> new SigmoidEquations();
        case TANH -> new TanhEquations();
        case SOFTMAX -> new SoftmaxEquations(node.inputShape().last());
      };
    }

    @Override
    public RefLayerEquations<?> visitFlatten(Flatten layer, LayerNode node) {
      return new IdentityEquations();
    }
  };
}
