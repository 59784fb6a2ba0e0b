package dev.layerwise.optimizers;

/** One method per optimizer record; backends implement it so a new optimizer fails to compile until each does. */
public interface OptimizerVisitor<R> {
  R visitSgd(Sgd optimizer);

  R visitAdam(Adam optimizer);
}
