package dev.layerwise.optimizers;

/** One method per optimizer record; backends implement it so a new optimizer fails to compile until each does. */
public interface OptimizerVisitor<R> {
  R visitSgd(Sgd optimizer);

  R visitAdagrad(Adagrad optimizer);

  R visitRMSprop(RMSprop optimizer);

  R visitAdadelta(Adadelta optimizer);

  R visitAdam(Adam optimizer);

  R visitAdamax(Adamax optimizer);

  R visitNadam(Nadam optimizer);

  R visitAdamW(AdamW optimizer);
}
