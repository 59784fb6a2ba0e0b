/**
 * Loss equations: each {@link dev.layerwise.reference.losses.RefLossEquations} gives the batch's mean loss and
 * its gradient with respect to the model's output, exactly as the api's loss records define them (ε clipping,
 * renormalised probabilities, from-logits forms).
 */
package dev.layerwise.reference.losses;
