package dev.layerwise.tf.lower;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.family.TFloating;

/** Builds the in-place update of one variable from its gradient and its optimizer slots. */
@FunctionalInterface
public interface TfUpdateRule<T extends TFloating> {
  /**
   * @param slots the variable's slots in the order of {@code Optimizer.slotNames()}
   */
  Op apply(Operand<T> variable, Operand<T> gradient, List<? extends Operand<T>> slots);
}
