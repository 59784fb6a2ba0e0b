/**
 * Loss equations: each {@link dev.layerwise.reference.losses.RefLossEquations} gives the batch's mean loss and
 * its gradient with respect to the model's output, exactly as the api's loss records define them (ε clipping,
 * renormalised probabilities, from-logits forms); {@link dev.layerwise.reference.losses.RegularizerEquations}
 * gives a weight penalty added to that loss and its gradient with respect to the weight.
 */
package dev.layerwise.reference.losses;
