package dev.layerwise.tf.lower;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.family.TFloating;

/** Builds the in-place update of one variable from its gradient and its optimizer slots. */
@FunctionalInterface
public interface TfUpdateRule<T extends TFloating> {
  /**
   * @param gradient the (clipped) gradient; it comes after every gradient and the step's loss and outputs, and may
   *     be a fed tensor, so order other ops after it by data edges, never by a control edge on it or on an
   *     {@code Identity} of it (see {@code TfOptimizerLowering.visitAdamW})
   * @param slots the variable's slots in the order of {@code Optimizer.slotNames()}
   */
  Op apply(Operand<T> variable, Operand<T> gradient, List<? extends Operand<T>> slots);
}
