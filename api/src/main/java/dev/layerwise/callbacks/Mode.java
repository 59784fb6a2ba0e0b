package dev.layerwise.callbacks;

/**
 * Whether a monitored value improves by going down or up (Keras's {@code mode}). {@link #AUTO} infers it from the
 * name without its {@code val_} prefix: {@code loss}, {@code *_loss}, errors ({@code mse}, {@code mae},
 * {@code *error*}, {@code *crossentropy}, {@code *hinge}, {@code *divergence}) go down; accuracies, AUC,
 * precision, recall and F1 ({@code *acc*}, {@code *auc*}, {@code *precision*}, {@code *recall*}, {@code *f1*})
 * go up; any other name is refused when the callback is built, asking for {@link #MIN} or {@link #MAX}.
 */
public enum Mode {
  AUTO,
  MIN,
  MAX
}
