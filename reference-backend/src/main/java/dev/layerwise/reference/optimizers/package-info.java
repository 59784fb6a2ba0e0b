/**
 * Optimizer update rules, each Keras 3's {@code update_step} written out element by element in double precision
 * (and, where TF's fused op computes something else, that op's arithmetic too, for {@code UpdateFormula.TF_OP}):
 * SGD, Adagrad, RMSprop, Adadelta, Adam (with AMSGrad), Adamax and Nadam; the decoupled weight decay in front of
 * any of them ({@link dev.layerwise.reference.optimizers.WeightDecayUpdate}); and the gradient clipping applied
 * before it all. Where the TF backend runs a fused op, the rule multiplies in that op's order, so a float64 TF step
 * and a reference step agree to a few ulps.
 */
package dev.layerwise.reference.optimizers;
