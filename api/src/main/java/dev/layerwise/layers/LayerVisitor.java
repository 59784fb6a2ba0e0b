package dev.layerwise.layers;

/**
 * One method per core layer record. Backends implement it to lower ({@code Tf…}) or evaluate ({@code Ref…}) a
 * layer; because {@link Layer} is sealed and every record dispatches here, a new layer fails to compile in every
 * backend until each one handles it.
 *
 * @param <C> what the backend passes along (its graph builder, the node being compiled, ...)
 * @param <R> what it builds
 */
public interface LayerVisitor<C, R> {
  R visitInput(Input layer, C context);

  R visitDense(Dense layer, C context);

  R visitActivation(Activation layer, C context);

  R visitFlatten(Flatten layer, C context);
}
