package dev.layerwise.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import dev.layerwise.layers.ActivationFn;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LossTest {

  @Test
  void crossEntropiesDefaultToProbabilitiesAsKerasDoes() {
    assertFalse(Loss.sparseCategoricalCrossentropy().fromLogits());
    assertFalse(Loss.categoricalCrossentropy().fromLogits());
    assertFalse(Loss.binaryCrossentropy().fromLogits());
    assertFalse(Loss.meanSquaredError().fromLogits());
  }

  @Test
  void withFromLogitsReturnsAChangedCopy() {
    SparseCategoricalCrossentropy probs = Loss.sparseCategoricalCrossentropy();
    assertTrue(probs.withFromLogits(true).fromLogits());
    assertFalse(probs.fromLogits());
    assertEquals(new SparseCategoricalCrossentropy(true), probs.withFromLogits(true));
    assertTrue(Loss.categoricalCrossentropy().withFromLogits(true).fromLogits());
    assertTrue(Loss.binaryCrossentropy().withFromLogits(true).fromLogits());
    assertFalse(Loss.binaryCrossentropy().withFromLogits(true).withFromLogits(false).fromLogits());
  }

  @Test
  void kerasNames() {
    assertEquals("sparse_categorical_crossentropy", Loss.sparseCategoricalCrossentropy().kerasName());
    assertEquals("categorical_crossentropy", Loss.categoricalCrossentropy().kerasName());
    assertEquals("binary_crossentropy", Loss.binaryCrossentropy().kerasName());
    assertEquals("mean_squared_error", Loss.meanSquaredError().kerasName());
  }

  @Test
  void sparseLabelsAreOneScalarPerSample() {
    assertEquals(Shape.scalar(), Loss.sparseCategoricalCrossentropy().labelShape(Shape.of(10)));
  }

  @Test
  void sparseCrossEntropyNeedsAVectorOutput() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Loss.sparseCategoricalCrossentropy().labelShape(Shape.of(4, 10)));
    assertTrue(e.getMessage().contains("sparse_categorical_crossentropy") && e.getMessage().contains("[classes]")
        && e.getMessage().contains("[4, 10]"), e.getMessage());
  }

  @Test
  void denseLabelsHaveTheOutputShape() {
    assertEquals(Shape.of(10), Loss.categoricalCrossentropy().labelShape(Shape.of(10)));
    assertEquals(Shape.of(3), Loss.binaryCrossentropy().labelShape(Shape.of(3)));
    assertEquals(Shape.of(2, 5), Loss.meanSquaredError().labelShape(Shape.of(2, 5)));
  }

  @Test
  void probabilityActivationIsWhatAProbabilityLossNeedsLast() {
    assertEquals(Optional.of(ActivationFn.SOFTMAX), Loss.sparseCategoricalCrossentropy().probabilityActivation());
    assertEquals(Optional.of(ActivationFn.SOFTMAX), Loss.categoricalCrossentropy().probabilityActivation());
    assertEquals(Optional.of(ActivationFn.SIGMOID), Loss.binaryCrossentropy().probabilityActivation());
    assertEquals(Optional.empty(), Loss.meanSquaredError().probabilityActivation());
  }

  @Test
  void logitLossesNeedNoProbabilityActivation() {
    assertEquals(Optional.empty(), Loss.sparseCategoricalCrossentropy().withFromLogits(true).probabilityActivation());
    assertEquals(Optional.empty(), Loss.categoricalCrossentropy().withFromLogits(true).probabilityActivation());
    assertEquals(Optional.empty(), Loss.binaryCrossentropy().withFromLogits(true).probabilityActivation());
  }

  @Test
  void visitorDispatchesToTheMatchingMethod() {
    LossVisitor<String> v = new LossVisitor<>() {
      @Override
      public String visitMeanSquaredError(MeanSquaredError loss) {
        return "mse";
      }

      @Override
      public String visitBinaryCrossentropy(BinaryCrossentropy loss) {
        return "bce";
      }

      @Override
      public String visitCategoricalCrossentropy(CategoricalCrossentropy loss) {
        return "cce";
      }

      @Override
      public String visitSparseCategoricalCrossentropy(SparseCategoricalCrossentropy loss) {
        return "scce";
      }
    };
    assertEquals("mse", Loss.meanSquaredError().accept(v));
    assertEquals("bce", Loss.binaryCrossentropy().accept(v));
    assertEquals("cce", Loss.categoricalCrossentropy().accept(v));
    assertEquals("scce", Loss.sparseCategoricalCrossentropy().accept(v));
  }
}
