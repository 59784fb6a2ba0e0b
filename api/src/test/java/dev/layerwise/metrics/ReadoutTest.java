package dev.layerwise.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import dev.layerwise.losses.Loss;
import org.junit.jupiter.api.Test;

class ReadoutTest {
  @Test
  void theLossDecidesTheKindAndTheScores() {
    assertEquals(new Readout(Readout.Kind.REGRESSION, Readout.Scores.RAW, false, 3, 1),
        Readout.of(Loss.huber(), Shape.of(3)));
    assertEquals(new Readout(Readout.Kind.BINARY, Readout.Scores.LOGITS, false, 2, 1),
        Readout.of(Loss.binaryCrossentropy().withFromLogits(true), Shape.of(2)));
    assertEquals(new Readout(Readout.Kind.CATEGORICAL, Readout.Scores.PROBABILITIES, true, 10, 1),
        Readout.of(Loss.sparseCategoricalCrossentropy(), Shape.of(10)));
    assertEquals(new Readout(Readout.Kind.CATEGORICAL, Readout.Scores.PROBABILITIES, false, 4, 1),
        Readout.of(Loss.klDivergence(), Shape.of(4)));
    Readout hinge = Readout.of(Loss.categoricalHinge(), Shape.of(4));
    assertEquals(Readout.Scores.RAW, hinge.scores());
    assertFalse(hinge.hasProbabilities(), "hinge margins are not probabilities");
    assertTrue(Readouts.oneHot(3).hasProbabilities());
  }

  @Test
  void everyAxisButTheLastIsARow() {
    Readout r = Readout.of(Loss.categoricalCrossentropy().withFromLogits(true), Shape.of(2, 3, 4));
    assertEquals(4, r.classes());
    assertEquals(6, r.rows());
    assertEquals(24, r.outputSize());
    assertEquals(24, r.labelSize());
    assertEquals(1, Readouts.sparse(5).labelSize());
  }

  @Test
  void anOutputTheLossCannotReadIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Readout.of(Loss.sparseCategoricalCrossentropy(), Shape.of(2, 3)));
    assertTrue(e.getMessage().contains("[classes]"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new Readout(Readout.Kind.BINARY, Readout.Scores.LOGITS, true, 2, 1));
  }
}
