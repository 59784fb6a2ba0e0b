/**
 * Merge equations: the {@link dev.layerwise.reference.merging.RefMergeEquations} anatomy (forward from several
 * inputs to one output with a {@code Saved} record; backward from ∂L/∂y to one ∂L/∂xᵢ per input) and the merge
 * layers: sum and average, difference, product, maximum and minimum, concatenation. None has parameters.
 */
package dev.layerwise.reference.merging;
