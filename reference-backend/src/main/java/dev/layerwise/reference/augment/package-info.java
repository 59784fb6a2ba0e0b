/**
 * The augmentation layers' equations, given each sample's draws (the api draws them): flips, crops and translations
 * as a per-sample separable resampling ({@link dev.layerwise.reference.augment.ImageSamplingEquations} with a
 * sampler per layer that turns draws into row and column maps), and the contrast change. At inference each is the
 * identity, except a crop, which takes a centred window.
 */
package dev.layerwise.reference.augment;
