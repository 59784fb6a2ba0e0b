package dev.layerwise.metrics;

/**
 * How a class metric (precision, recall, F1) combines the classes, as scikit-learn and Keras's {@code F1Score}:
 * per class c the counts TP_c, FP_c, FN_c and the support S_c = TP_c + FN_c (how many rows are of class c).
 */
public enum Averaging {
  /** Pool the counts of all classes, then compute once ({@code ΣTP / Σ(TP + FP)} for precision). */
  MICRO,
  /** Compute per class, then take the plain mean over the classes (every class counts the same). */
  MACRO,
  /** Compute per class, then the mean weighted by support ({@code Σ S_c·m_c / Σ S_c}). */
  WEIGHTED
}
