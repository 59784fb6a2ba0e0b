package dev.layerwise.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import dev.layerwise.layers.ActivationFn;
import java.util.List;
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
  void onlyTheCrossEntropiesTakeLogitsAsInKeras() {
    assertTrue(Loss.binaryCrossentropy().takesLogits());
    assertTrue(Loss.categoricalCrossentropy().takesLogits());
    assertTrue(Loss.sparseCategoricalCrossentropy().takesLogits());
    for (Loss l : List.of(Loss.meanSquaredError(), Loss.meanAbsoluteError(), Loss.huber(), Loss.klDivergence(),
        Loss.categoricalHinge())) {
      assertFalse(l.takesLogits(), l.kerasName());
      assertFalse(l.fromLogits(), l.kerasName());
    }
  }

  @Test
  void huberDefaultsToKerasDeltaAndWithDeltaCopies() {
    assertEquals(1.0, Loss.huber().delta());
    Huber h = Loss.huber().withDelta(0.5);
    assertEquals(0.5, h.delta());
    assertEquals(1.0, Loss.huber().delta());
    assertEquals(new Huber(0.5), h);
  }

  @Test
  void huberRefusesADeltaThatIsNotPositiveAndFinite() {
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Loss.huber().withDelta(bad));
      assertEquals("Huber: delta must be positive and finite, got " + bad, e.getMessage());
    }
  }

  @Test
  void categoricalHingeNeedsTwoClasses() {
    assertEquals(Shape.of(3), Loss.categoricalHinge().labelShape(Shape.of(3)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Loss.categoricalHinge().labelShape(Shape.of(1)));
    assertTrue(e.getMessage().startsWith("categorical_hinge") && e.getMessage().contains("at least 2 classes")
        && e.getMessage().endsWith("got [1]"), e.getMessage());
  }

  @Test
  void klDivergenceNeedsAnAxisToSumOver() {
    assertEquals(Shape.of(2, 4), Loss.klDivergence().labelShape(Shape.of(2, 4)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Loss.klDivergence().labelShape(Shape.scalar()));
    assertTrue(e.getMessage().startsWith("kl_divergence") && e.getMessage().endsWith("got []"), e.getMessage());
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
    assertEquals("mean_absolute_error", Loss.meanAbsoluteError().kerasName());
    assertEquals("huber", Loss.huber().kerasName());
    assertEquals("kl_divergence", Loss.klDivergence().kerasName());
    assertEquals("categorical_hinge", Loss.categoricalHinge().kerasName());
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
    assertEquals(Shape.of(2, 5), Loss.meanAbsoluteError().labelShape(Shape.of(2, 5)));
    assertEquals(Shape.of(4), Loss.huber().labelShape(Shape.of(4)));
  }

  @Test
  void probabilityActivationIsWhatAProbabilityLossNeedsLast() {
    assertEquals(Optional.of(ActivationFn.SOFTMAX), Loss.sparseCategoricalCrossentropy().probabilityActivation());
    assertEquals(Optional.of(ActivationFn.SOFTMAX), Loss.categoricalCrossentropy().probabilityActivation());
    assertEquals(Optional.of(ActivationFn.SIGMOID), Loss.binaryCrossentropy().probabilityActivation());
    assertEquals(Optional.empty(), Loss.meanSquaredError().probabilityActivation());
    // KL divergence compares distributions and has no logits form: the model must end with softmax.
    assertEquals(Optional.of(ActivationFn.SOFTMAX), Loss.klDivergence().probabilityActivation());
    // The hinge reads raw scores, the regression losses raw values.
    assertEquals(Optional.empty(), Loss.categoricalHinge().probabilityActivation());
    assertEquals(Optional.empty(), Loss.meanAbsoluteError().probabilityActivation());
    assertEquals(Optional.empty(), Loss.huber().probabilityActivation());
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

      @Override
      public String visitMeanAbsoluteError(MeanAbsoluteError loss) {
        return "mae";
      }

      @Override
      public String visitHuber(Huber loss) {
        return "huber";
      }

      @Override
      public String visitKLDivergence(KLDivergence loss) {
        return "kld";
      }

      @Override
      public String visitCategoricalHinge(CategoricalHinge loss) {
        return "hinge";
      }
    };
    assertEquals("mse", Loss.meanSquaredError().accept(v));
    assertEquals("bce", Loss.binaryCrossentropy().accept(v));
    assertEquals("cce", Loss.categoricalCrossentropy().accept(v));
    assertEquals("scce", Loss.sparseCategoricalCrossentropy().accept(v));
    assertEquals("mae", Loss.meanAbsoluteError().accept(v));
    assertEquals("huber", Loss.huber().accept(v));
    assertEquals("kld", Loss.klDivergence().accept(v));
    assertEquals("hinge", Loss.categoricalHinge().accept(v));
  }
}
