package dev.layerwise.reference.optimizers;

import java.util.List;

/**
 * An optimizer's per-weight update rule, applied in place: Keras 3's {@code update_step} element by element, in the
 * operation order of the TF op or ops the TF backend runs for it, so a float64 TF step and a reference step agree to
 * a few ulps.
 */
public interface RefOptimizerUpdate {

  /**
   * The per-weight state this rule keeps ({@code m}, {@code v}), in the order {@code apply} takes it: the same
   * names in the same order as the api record's {@code slotNames()}.
   */
  List<String> slotNames();

  /**
   * Updates {@code w} (and the slots) in place from the gradient {@code g}, which is only read.
   *
   * @param slots one array per slot name, each shaped like w, updated in place
   * @param learningRate this step's η
   * @param step the 1-based index t of this update
   */
  void apply(double[] w, double[] g, double[][] slots, double learningRate, long step);
}
